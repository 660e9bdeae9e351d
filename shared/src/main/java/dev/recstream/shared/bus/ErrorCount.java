package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Failures a service saw, for the metrics service: a gateway's error responses, or the pushes a
 * scoring node could not compute (counted and sent once a second, not one message per failure).
 *
 * @param kind {@link #HTTP_CLIENT} (4xx), {@link #HTTP_SERVER} (5xx) or {@link #PUSH_NOT_COMPUTED}
 */
public record ErrorCount(String kind, long count) {
  public static final Wire<ErrorCount> WIRE = Wire.shared(ErrorCount.class, ErrorCount::toJson, ErrorCount::fromJson);
  public static final String HTTP_CLIENT = "http4xx";
  public static final String HTTP_SERVER = "http5xx";
  public static final String PUSH_NOT_COMPUTED = "pushNotComputed";

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind).put("count", count);
  }

  public static ErrorCount fromJson(JsonObject json) {
    return new ErrorCount(json.getString("kind"), json.getLong("count"));
  }
}
