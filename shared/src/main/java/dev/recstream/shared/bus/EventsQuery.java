package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/** A request for a user's stored events, newest first. */
public record EventsQuery(String userId, int limit) {
  public static final Wire<EventsQuery> WIRE = Wire.shared(EventsQuery.class, EventsQuery::toJson, EventsQuery::fromJson);


  public JsonObject toJson() {
    return new JsonObject().put("userId", userId).put("limit", limit);
  }

  public static EventsQuery fromJson(JsonObject json) {
    return new EventsQuery(json.getString("userId"), json.getInteger("limit"));
  }
}
