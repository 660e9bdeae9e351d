package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * One recommended item and its score (higher is better; comparable within one list only).
 *
 * @param reason why the item is recommended, e.g. {@code often seen with i42} (i42, one of the
 *     user's recent items, is next to it in many users' sequences, before or after), {@code similar to i42} or
 *     {@code popular now}; null when the model cannot say
 */
public record ScoredItem(String itemId, double score, String reason) {

  public ScoredItem(String itemId, double score) {
    this(itemId, score, null);
  }

  public ScoredItem withReason(String reason) {
    return new ScoredItem(itemId, score, reason);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("itemId", itemId).put("score", score);
    return reason == null ? json : json.put("reason", reason);
  }

  public static ScoredItem fromJson(JsonObject json) {
    return new ScoredItem(json.getString("itemId"), json.getDouble("score"), json.getString("reason"));
  }
}
