package dev.recstream.gateway;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** Reads and checks path and query parameters; a bad one fails with {@link BadRequest} naming it. */
final class Params {
  private Params() {}

  static final int MAX_ID_LENGTH = 128;

  /** A 400 whose message names the parameter and the rule. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message, null, false, false);
    }
  }

  static Future<String> userId(RoutingContext ctx) {
    return id(ctx.pathParam("userId"), "userId");
  }

  /** The same rules as the event's userId/itemId (CONTRACT §1). */
  static Future<String> id(String value, String name) {
    if (value == null || value.isEmpty()) {
      return Future.failedFuture(new BadRequest(name + ": required"));
    }
    if (value.codePointCount(0, value.length()) > MAX_ID_LENGTH) {
      return Future.failedFuture(new BadRequest(name + ": must be 1 to " + MAX_ID_LENGTH + " characters"));
    }
    if (value.codePoints().anyMatch(Character::isISOControl)) {
      return Future.failedFuture(new BadRequest(name + ": must not contain control characters"));
    }
    return Future.succeededFuture(value);
  }

  static Future<Integer> intInRange(RoutingContext ctx, String name, int defaultValue, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return Future.succeededFuture(defaultValue);
    }
    String rule = name + ": must be a whole number from " + min + " to " + max;
    try {
      int value = Integer.parseInt(raw.trim());
      return value < min || value > max ? Future.failedFuture(new BadRequest(rule)) : Future.succeededFuture(value);
    } catch (NumberFormatException e) {
      return Future.failedFuture(new BadRequest(rule));
    }
  }
}
