package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of stored item events in storage order, for training. On the wire each row is an array
 * {@code [seq, userId, itemId, type, tsMicros, category]}: a page holds up to 50,000 rows.
 */
public record DatasetPage(List<Row> rows) {
  public static final Wire<DatasetPage> WIRE = Wire.shared(DatasetPage.class, DatasetPage::toJson, DatasetPage::fromJson);

  /**
   * One stored item event.
   *
   * @param type the wire type name
   * @param category the item's catalog category, null when it has none
   */
  public record Row(long seq, String userId, String itemId, String type, long tsMicros, String category) {}

  /**
   * Asks for up to {@code limit} rows stored after {@code afterSeq}; with {@code newest} above 0,
   * not before the newest {@code newest} rows (send it with the first page only: the store counts
   * them back from the end of the table).
   */
  public record Query(long afterSeq, int limit, long newest) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    /** A page with no lower bound but {@code afterSeq}. */
    public Query(long afterSeq, int limit) {
      this(afterSeq, limit, 0);
    }

    public JsonObject toJson() {
      return new JsonObject().put("afterSeq", afterSeq).put("limit", limit).put("newest", newest);
    }

    public static Query fromJson(JsonObject json) {
      return new Query(json.getLong("afterSeq", 0L), json.getInteger("limit"), json.getLong("newest", 0L));
    }
  }

  public DatasetPage {
    rows = List.copyOf(rows);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    rows.forEach(r -> array.add(new JsonArray().add(r.seq()).add(r.userId()).add(r.itemId()).add(r.type())
        .add(r.tsMicros()).add(r.category())));
    return new JsonObject().put("rows", array);
  }

  public static DatasetPage fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("rows");
    List<Row> rows = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonArray r = array.getJsonArray(i);
      rows.add(new Row(r.getLong(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5)));
    }
    return new DatasetPage(rows);
  }
}
