package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The one error body of the HTTP API (CONTRACT §2): {@code {"error", "message", "details"}}. */
public record ApiError(String error, String message, List<?> details) {

  public ApiError {
    details = details == null ? List.of() : List.copyOf(details);
  }

  public static ApiError of(String error, String message) {
    return new ApiError(error, message, List.of());
  }

  public JsonObject toJson() {
    return new JsonObject().put("error", error).put("message", message).put("details", new JsonArray(List.copyOf(details)));
  }
}
