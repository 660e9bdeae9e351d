package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A user's stored events, newest first, each in the wire form of CONTRACT §1: the body of
 * {@code GET /v1/users/{id}/events} as it is.
 */
public record UserEvents(String userId, JsonArray events) {
  public static final Wire<UserEvents> WIRE = Wire.copied(UserEvents.class, UserEvents::toJson, UserEvents::fromJson);

  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("events", events);
  }

  public static UserEvents fromJson(JsonObject json) {
    return new UserEvents(json.getString("userId"), json.getJsonArray("events"));
  }
}
