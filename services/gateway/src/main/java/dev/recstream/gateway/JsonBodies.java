package dev.recstream.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a small JSON object body (admin and catalog requests); a bad one fails naming the rule. */
final class JsonBodies {
  private JsonBodies() {}

  /** A 415: the body is not declared as JSON. */
  static final class UnsupportedType extends RuntimeException {
    UnsupportedType(String message) {
      super(message, null, false, false);
    }
  }

  static Future<JsonObject> object(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return Future.failedFuture(new UnsupportedType("Content-Type: must be application/json, got " + (type == null ? "none" : "'" + type + "'")));
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      return Future.failedFuture(new Params.BadRequest("body: required, a JSON object"));
    }
    try {
      Object value = Buffer.buffer(body.getBytes()).toJsonValue();
      if (!(value instanceof JsonObject json)) {
        return Future.failedFuture(new Params.BadRequest("body: must be a JSON object"));
      }
      return Future.succeededFuture(json);
    } catch (DecodeException e) {
      return Future.failedFuture(new Params.BadRequest("body: is not valid JSON"));
    }
  }
}
