package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A page, by item id, of the catalog entries business rules act on (items with a category or
 * unavailable). On the wire each entry is an array {@code [itemId, category, available]}.
 */
public record CatalogPage(List<Entry> items) {
  public static final Wire<CatalogPage> WIRE = Wire.shared(CatalogPage.class, CatalogPage::toJson, CatalogPage::fromJson);

  /** What the rules read of one item; category null when it has none. */
  public record Entry(String itemId, String category, boolean available) {}

  /** Asks for up to {@code limit} entries whose item id sorts after {@code after}. */
  public record Query(String after, int limit) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put("after", after).put("limit", limit);
    }

    public static Query fromJson(JsonObject json) {
      return new Query(json.getString("after", ""), json.getInteger("limit"));
    }
  }

  public CatalogPage {
    items = List.copyOf(items);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(e -> array.add(new JsonArray().add(e.itemId()).add(e.category()).add(e.available())));
    return new JsonObject().put("items", array);
  }

  public static CatalogPage fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("items");
    List<Entry> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonArray e = array.getJsonArray(i);
      items.add(new Entry(e.getString(0), e.getString(1), e.getBoolean(2)));
    }
    return new CatalogPage(items);
  }
}
