package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Items that follow or co-occur with an item, best first: {@code GET /v1/items/{id}/similar}. */
public record SimilarItems(String itemId, List<ScoredItem> items, String model) {
  public static final Wire<SimilarItems> WIRE = Wire.shared(SimilarItems.class, SimilarItems::toJson, SimilarItems::fromJson);

  /** Asks for the {@code k} items most similar to {@code itemId}. */
  public record Query(String itemId, int k) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put("itemId", itemId).put("k", k);
    }

    public static Query fromJson(JsonObject json) {
      return new Query(json.getString("itemId"), json.getInteger("k"));
    }
  }

  public SimilarItems {
    items = List.copyOf(items);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(i -> array.add(i.toJson()));
    return new JsonObject().put("itemId", itemId).put("items", array).put("model", model);
  }

  public static SimilarItems fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("items");
    List<ScoredItem> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      items.add(ScoredItem.fromJson(array.getJsonObject(i)));
    }
    return new SimilarItems(json.getString("itemId"), items, json.getString("model"));
  }
}
