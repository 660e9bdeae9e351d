package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * A service's answer to a request the gateway forwarded: the HTTP status, an optional
 * {@code Retry-After} in seconds, and the JSON body to send as is.
 */
public record HttpReply(int status, Integer retryAfterSeconds, JsonObject body) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status).put("body", body);
    if (retryAfterSeconds != null) {
      json.put("retryAfter", retryAfterSeconds);
    }
    return json;
  }

  public static HttpReply fromJson(JsonObject json) {
    return new HttpReply(json.getInteger("status"), json.getInteger("retryAfter"), json.getJsonObject("body"));
  }
}
