package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Catalog entries looked up by id ({@code GET /v1/items?ids=…}): the ids the catalog knows, in the order asked. */
public record StoredItems(List<StoredItem> items) {
  public static final Wire<StoredItems> WIRE = Wire.shared(StoredItems.class, StoredItems::toJson, StoredItems::fromJson);

  /** The most ids one look-up may name. */
  public static final int MAX_IDS = 100;

  /** The ids to look up. */
  public record Query(List<String> ids) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    public Query {
      ids = List.copyOf(ids);
    }

    public JsonObject toJson() {
      return new JsonObject().put("ids", new JsonArray(List.copyOf(ids)));
    }

    public static Query fromJson(JsonObject json) {
      return new Query(Jsons.strings(json.getJsonArray("ids")));
    }
  }

  public StoredItems {
    items = List.copyOf(items);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(i -> array.add(i.toJson()));
    return new JsonObject().put("items", array);
  }

  public static StoredItems fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("items");
    List<StoredItem> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      items.add(StoredItem.fromJson(array.getJsonObject(i)));
    }
    return new StoredItems(items);
  }
}
