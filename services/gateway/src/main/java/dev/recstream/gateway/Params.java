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
    return pathId(ctx, "userId");
  }

  /**
   * A path parameter under the id rules. The router decodes percent escapes leniently (invalid
   * UTF-8 becomes U+FFFD, which would silently name another id), so a value holding U+FFFD is
   * checked against a strict decoding of the raw path.
   */
  static Future<String> pathId(RoutingContext ctx, String name) {
    String value = ctx.pathParam(name);
    if (value != null && value.indexOf('\uFFFD') >= 0 && !strictlyDecodable(ctx.request().path())) {
      return Future.failedFuture(new BadRequest(name + ": the percent-encoded path is not valid UTF-8"));
    }
    return id(value, name);
  }

  private static boolean strictlyDecodable(String rawPath) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%' && i + 2 < rawPath.length()) {
        int hi = Character.digit(rawPath.charAt(i + 1), 16);
        int lo = Character.digit(rawPath.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return false;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] raw = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
      }
    }
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
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

  /** The longest query {@code GET /v1/search} takes: a search event's limit (CONTRACT §1). */
  static final int MAX_QUERY_LENGTH = 512;

  /** {@code q}: 1 to 512 characters without control characters, holding a letter or digit. */
  static Future<String> searchQuery(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    if (q == null || q.isBlank()) {
      return Future.failedFuture(new BadRequest("q: required, the text to search for"));
    }
    if (q.codePointCount(0, q.length()) > MAX_QUERY_LENGTH) {
      return Future.failedFuture(new BadRequest("q: must be 1 to " + MAX_QUERY_LENGTH + " characters"));
    }
    if (q.codePoints().anyMatch(Character::isISOControl)) {
      return Future.failedFuture(new BadRequest("q: must not contain control characters"));
    }
    if (q.codePoints().noneMatch(Character::isLetterOrDigit)) {
      return Future.failedFuture(new BadRequest("q: must hold at least one letter or digit"));
    }
    return Future.succeededFuture(q);
  }

  /** An optional query parameter under the id rules; null when absent. */
  static Future<String> optionalId(RoutingContext ctx, String name) {
    String value = ctx.queryParams().get(name);
    return value == null ? Future.succeededFuture(null) : id(value, name);
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
