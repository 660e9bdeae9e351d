package dev.recstream.shared.event;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One validated user action (CONTRACT §1). Instances are only made by {@link EventValidator} from
 * untrusted input, or by {@link #fromJson} from JSON this class wrote itself; the compact
 * constructor checks only what the type system cannot (non-null required fields).
 *
 * @param eventId idempotency key, never null once accepted (defaults are filled in at intake)
 * @param itemId null only for {@link EventType#SEARCH}
 * @param sessionId optional
 * @param query required for search, else optional
 * @param value optional rating or price
 * @param context optional string map, empty when absent
 */
public record BehaviorEvent(
    String eventId,
    String userId,
    String itemId,
    EventType type,
    Instant ts,
    String sessionId,
    String query,
    Double value,
    Map<String, String> context) {

  /** The {@code context} key naming the served list a click or purchase came from (CONTRACT §1). */
  public static final String REC_ID = "recId";

  public BehaviorEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(ts, "ts");
    context = context == null ? Map.of() : Map.copyOf(context);
  }

  /** The wire form: the event as a client would send it, with {@code ts} as an ISO-8601 instant. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("eventId", eventId)
        .put("userId", userId)
        .put("type", type.wireName())
        .put("ts", ts.toString());
    putIfPresent(json, "itemId", itemId);
    putIfPresent(json, "sessionId", sessionId);
    putIfPresent(json, "query", query);
    putIfPresent(json, "value", value);
    if (!context.isEmpty()) {
      json.put("context", new JsonObject(Map.copyOf(context)));
    }
    return json;
  }

  /** Reads JSON written by {@link #toJson}; not a validator — untrusted input goes through {@link EventValidator}. */
  public static BehaviorEvent fromJson(JsonObject json) {
    JsonObject ctx = json.getJsonObject("context");
    Map<String, String> context = ctx == null ? Map.of() : toStringMap(ctx);
    return new BehaviorEvent(
        json.getString("eventId"),
        json.getString("userId"),
        json.getString("itemId"),
        EventType.fromWireName(json.getString("type"))
            .orElseThrow(() -> new IllegalArgumentException("type: unknown " + json.getString("type"))),
        Instant.parse(json.getString("ts")),
        json.getString("sessionId"),
        json.getString("query"),
        json.getDouble("value"),
        context);
  }

  private static Map<String, String> toStringMap(JsonObject ctx) {
    java.util.HashMap<String, String> map = new java.util.HashMap<>();
    ctx.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
    return map;
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
