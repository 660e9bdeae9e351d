package dev.recstream.gateway;

import dev.recstream.shared.security.ApiKey;
import dev.recstream.shared.security.ApiKeys;
import dev.recstream.shared.security.Role;
import dev.recstream.shared.security.TokenBucket;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * API keys, roles and per-key rate limits at the door (issue #4, CONTRACT §5). With no keys
 * configured everything is open (dev, or {@code run --insecure}). Otherwise every route but
 * health, the OpenAPI document and the dashboard page needs {@code Authorization: Bearer <key>} —
 * the WebSocket handshake included — of a key holding the route's role: 401 without a valid key,
 * 403 with a key that lacks the role, 429 with {@code Retry-After} past the key's rate.
 *
 * <p>Rate limits are token buckets per key and per gateway verticle instance, so a node with n
 * gateway instances allows up to n times the rate; one event loop owns each bucket.
 */
final class Access implements Handler<RoutingContext> {
  /** The routing-context key under which the authenticated key's name is kept (logs). */
  static final String KEY_NAME = "recstream.apiKey";

  private final ApiKeys keys;
  private final double ratePerSecond;
  private final Map<String, TokenBucket> buckets = new HashMap<>();

  Access(ApiKeys keys, int ratePerSecond) {
    this.keys = keys;
    this.ratePerSecond = ratePerSecond;
  }

  boolean open() {
    return keys.isEmpty();
  }

  /**
   * The role a request needs; empty for the open routes (health, OpenAPI, the dashboard page and
   * its scripts and styles, which a browser loads without a key; the data they show needs one).
   */
  static Optional<Role> requiredRole(HttpMethod method, String path) {
    if (path.startsWith("/health/") || path.equals("/openapi.yaml") || path.equals("/") || path.startsWith("/assets/")) {
      return Optional.empty();
    }
    if (path.equals("/v1/events") && method == HttpMethod.POST) {
      return Optional.of(Role.INGEST);
    }
    if (path.startsWith("/v1/items/") && method == HttpMethod.PUT) {
      return Optional.of(Role.INGEST);
    }
    if (path.startsWith("/v1/models") || path.startsWith("/v1/experiments") || path.equals("/metrics")
        || (path.startsWith("/v1/users/") && method == HttpMethod.DELETE)) {
      return Optional.of(Role.ADMIN);
    }
    // Recommendations, events, similar items, the live feed, the metrics summary, and any other
    // path (which answers 404 only to a caller allowed to read).
    return Optional.of(Role.READ);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<Role> needed = requiredRole(ctx.request().method(), ctx.request().path());
    if (keys.isEmpty() || needed.isEmpty()) {
      ctx.next();
      return;
    }
    Optional<String> presented = presentedKey(ctx);
    if (presented.isEmpty()) {
      unauthorized(ctx, "Authorization: a header 'Bearer <API key>' is required");
      return;
    }
    Optional<ApiKey> key = keys.authenticate(presented.get());
    if (key.isEmpty()) {
      unauthorized(ctx, "Authorization: the API key is not valid");
      return;
    }
    if (!key.get().allows(needed.get())) {
      Responses.error(ctx, 403, "forbidden", "the API key '" + key.get().name() + "' lacks the role '"
          + needed.get().label() + "' that " + ctx.request().method() + " " + ctx.request().path() + " needs");
      return;
    }
    long now = System.nanoTime();
    TokenBucket bucket = buckets.computeIfAbsent(key.get().name(), n -> new TokenBucket(ratePerSecond, 2 * ratePerSecond, now));
    if (!bucket.tryTake(now)) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(bucket.secondsUntilToken(now)));
      Responses.error(ctx, 429, "too_many_requests", "the API key '" + key.get().name() + "' is over its rate of "
          + (long) ratePerSecond + " requests per second");
      return;
    }
    ctx.put(KEY_NAME, key.get().name());
    ctx.next();
  }

  /**
   * The key from {@code Authorization: Bearer <key>}, or — for a browser's WebSocket, which cannot
   * set headers — from a {@code bearer.<key>} entry of {@code Sec-WebSocket-Protocol}, offered
   * beside {@link #WEBSOCKET_PROTOCOL}, which the server answers with.
   */
  static Optional<String> presentedKey(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of(header.substring(7).trim());
    }
    String protocols = ctx.request().getHeader("Sec-WebSocket-Protocol");
    if (protocols != null) {
      for (String protocol : protocols.split(",")) {
        String p = protocol.trim();
        if (p.startsWith(BEARER_PROTOCOL_PREFIX) && p.length() > BEARER_PROTOCOL_PREFIX.length()) {
          return Optional.of(p.substring(BEARER_PROTOCOL_PREFIX.length()));
        }
      }
    }
    return Optional.empty();
  }

  /** The WebSocket subprotocol the live feed speaks, which a browser offers beside its key. */
  static final String WEBSOCKET_PROTOCOL = "recstream";
  private static final String BEARER_PROTOCOL_PREFIX = "bearer.";

  private static void unauthorized(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"recstream\"");
    Responses.error(ctx, 401, "unauthorized", message);
  }
}
