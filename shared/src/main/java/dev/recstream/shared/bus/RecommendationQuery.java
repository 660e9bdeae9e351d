package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/** A request for a user's current top-k. */
public record RecommendationQuery(String userId, int k) {
  public static final Wire<RecommendationQuery> WIRE = Wire.shared(RecommendationQuery.class, RecommendationQuery::toJson, RecommendationQuery::fromJson);


  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("k", k);
  }

  public static RecommendationQuery fromJson(JsonObject json) {
    return new RecommendationQuery(json.getString("userId"), json.getInteger("k"));
  }
}
