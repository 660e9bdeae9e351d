package dev.recstream.gateway;

import dev.recstream.shared.bus.ApiError;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.IntakeOutcome;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes responses; every error is the JSON body of CONTRACT §2, never HTML or a stack trace. */
final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
  private static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  static void json(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.encode());
    }
  }

  /** What ingestion made of a {@code POST /v1/events} body, as CONTRACT §2 answers it. */
  static void intake(RoutingContext ctx, IntakeOutcome outcome) {
    switch (outcome.kind()) {
      case ACCEPTED -> json(ctx, 202, new JsonObject().put("accepted", outcome.accepted()).put("rejected", outcome.rejected()));
      case NOTHING_VALID -> json(ctx, 400, new ApiError(outcome.error(), outcome.message(), outcome.rejected().getList()).toJson());
      case UNREADABLE -> error(ctx, 400, outcome.error(), outcome.message());
      case TOO_LARGE -> error(ctx, 413, outcome.error(), outcome.message());
      case UNSUPPORTED_TYPE -> error(ctx, 415, outcome.error(), outcome.message());
      case NOT_STORED -> {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        error(ctx, 503, outcome.error(), outcome.message());
      }
    }
  }

  static void error(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, ApiError.of(code, message).toJson());
  }

  /** A failed request chain: a bad parameter is a 400, anything else a failure of the named service. */
  static void fail(RoutingContext ctx, String service, Throwable e) {
    if (e instanceof Params.BadRequest) {
      error(ctx, 400, "bad_request", e.getMessage());
    } else if (e instanceof JsonBodies.UnsupportedType) {
      error(ctx, 415, "unsupported_media_type", e.getMessage());
    } else {
      busFailure(ctx, service, e);
    }
  }

  /** Maps an event-bus failure to the HTTP status the owning service meant. */
  static void busFailure(RoutingContext ctx, String service, Throwable e) {
    if (e instanceof ReplyException re) {
      if (re.failureType() == ReplyFailure.NO_HANDLERS) {
        unavailable(ctx, "the " + service + " service is not running");
        return;
      }
      if (re.failureType() == ReplyFailure.TIMEOUT) {
        unavailable(ctx, "the " + service + " service did not answer in time");
        return;
      }
      switch (re.failureCode()) {
        case Failures.BAD_REQUEST -> error(ctx, 400, "bad_request", re.getMessage());
        case Failures.NOT_FOUND -> error(ctx, 404, "not_found", re.getMessage());
        case Failures.CONFLICT -> error(ctx, 409, "conflict", re.getMessage());
        case Failures.UNAVAILABLE -> unavailable(ctx, re.getMessage());
        default -> internal(ctx, e);
      }
      return;
    }
    internal(ctx, e);
  }

  private static void unavailable(RoutingContext ctx, String message) {
    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
    error(ctx, 503, "unavailable", message);
  }

  /** An unexpected error: logged with an id the client can quote; the client sees no internals. */
  static void internal(RoutingContext ctx, Throwable e) {
    String id = UUID.randomUUID().toString();
    LOG.error("internal error id={} method={} path={}", id, ctx.request().method(), ctx.request().path(), e);
    json(ctx, 500, new ApiError("internal", "an unexpected error occurred; quote id " + id + " when reporting it",
        List.of(new JsonObject().put("id", id))).toJson());
  }

  /**
   * Requests the HTTP decoder refused before routing (URI over 4,096 bytes → 414, headers too
   * large → 431, malformed → 400): the same JSON error body as everything else.
   */
  static void invalidRequest(io.vertx.core.http.HttpServerRequest request) {
    io.netty.handler.codec.DecoderResult result = request.decoderResult();
    Throwable cause = result.cause();
    int status = 400;
    String code = "bad_request";
    String message = "the request is malformed";
    if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
      boolean line = String.valueOf(cause.getMessage()).contains("line");
      status = line ? 414 : 431;
      code = line ? "uri_too_long" : "headers_too_large";
      message = line ? "the request line is longer than 4,096 bytes" : "the request headers are larger than 8 KiB";
    }
    request.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(HttpHeaders.CONNECTION, "close")
        .end(ApiError.of(code, message).toJson().toBuffer());
  }

  static void notFound(RoutingContext ctx) {
    error(ctx, 404, "not_found", "no route for " + ctx.request().method() + " " + ctx.request().path());
  }

  /** Failures raised by Vert.x Web itself (body too large, bad method) or thrown by a handler. */
  static void failure(RoutingContext ctx) {
    int status = ctx.statusCode();
    if (ctx.failure() != null && status == -1) {
      internal(ctx, ctx.failure());
      return;
    }
    switch (status) {
      case 413 -> error(ctx, 413, "too_large", "the body is larger than " + bodyLimit(ctx) + " bytes");
      case 405 -> error(ctx, 405, "method_not_allowed", ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 404 -> notFound(ctx);
      case 400 -> error(ctx, 400, "bad_request", "the request is malformed");
      default -> error(ctx, status < 400 ? 500 : status, "error", "the request failed with status " + status);
    }
  }

  /** The limit of the route that refused the body: events take 1 MiB, catalog and admin bodies 64 KiB. */
  private static int bodyLimit(RoutingContext ctx) {
    return ctx.request().path().startsWith("/v1/events") ? GatewayVerticle.MAX_BODY_BYTES : GatewayVerticle.MAX_SMALL_BODY_BYTES;
  }

  /** Serves a classpath resource of the gateway (read once, cached). */
  static void resource(RoutingContext ctx, String path, String contentType) {
    Buffer body = Resources.get(path);
    if (body == null) {
      notFound(ctx);
      return;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }

  /** Where the uPlot WebJar keeps its files (the version is the POM's). */
  private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

  /** The dashboard's files under {@code /assets/}: name → classpath resource and content type. */
  private static final java.util.Map<String, String[]> ASSETS = java.util.Map.of(
      "dashboard.js", new String[] {"webroot/dashboard.js", "text/javascript; charset=utf-8"},
      "dashboard.css", new String[] {"webroot/dashboard.css", "text/css; charset=utf-8"},
      // uPlot (MIT), from its WebJar: the charts, bundled at build time rather than fetched from a CDN.
      "uplot.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      "uplot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});

  /** {@code GET /assets/{name}}: one of the dashboard's files, or 404. */
  static void asset(RoutingContext ctx, String name) {
    String[] asset = ASSETS.get(name);
    if (asset == null) {
      notFound(ctx);
      return;
    }
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    resource(ctx, asset[0], asset[1]);
  }

  /** Reads the served resources; blocking, so called from a worker at start-up. */
  static Void preloadResources() {
    Resources.load("openapi.yaml");
    Resources.load("webroot/index.html");
    ASSETS.values().forEach(asset -> Resources.load(asset[0]));
    return null;
  }

  /** Classpath resources, loaded once at start-up (off the event loop). */
  private static final class Resources {
    private static final java.util.Map<String, Buffer> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    static Buffer get(String path) {
      return CACHE.get(path);
    }

    private static void load(String path) {
      try (InputStream in = Responses.class.getClassLoader().getResourceAsStream(path)) {
        if (in != null) {
          CACHE.put(path, Buffer.buffer(in.readAllBytes()));
        }
      } catch (IOException e) {
        LOG.warn("resource not loaded path={} reason={}", path, e.getMessage());
      }
    }
  }
}
