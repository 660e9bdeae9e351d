package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/** One recommended item and its score (higher is better; comparable within one list only). */
public record ScoredItem(String itemId, double score) {

  public JsonObject toJson() {
    return new JsonObject().put("itemId", itemId).put("score", score);
  }

  public static ScoredItem fromJson(JsonObject json) {
    return new ScoredItem(json.getString("itemId"), json.getDouble("score"));
  }
}
