package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.gateway.GatewayVerticle;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.security.ApiKeys;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second gateway with API keys, on the shared test system (its services answer both gateways).
 */
@ExtendWith(TestSystem.class)
@DisplayName("API keys, roles and rate limits")
class AccessIT {
  private static final String INGEST = ApiKeys.generate();
  private static final String READ = ApiKeys.generate();
  private static final String ADMIN = ApiKeys.generate();
  private static final int RATE = 5;

  private static String deployment;
  private static int port;
  private static WebClient client;

  @BeforeAll
  static void secureGateway() {
    TestSystem system = TestSystem.get();
    JsonObject config = RecstreamConfig.defaults()
        .put("httpHost", "127.0.0.1").put("httpPort", 0).put("rateLimit", RATE)
        .put("apiKeys", new JsonArray(List.of(
            "shop:ingest:" + ApiKeys.hash(INGEST), "app:read:" + ApiKeys.hash(READ), "ops:admin:" + ApiKeys.hash(ADMIN))))
        .put("corsOrigins", new JsonArray(List.of("https://shop.example.com")));
    var map = system.vertx().sharedData().getLocalMap(GatewayVerticle.LOCAL_MAP);
    Object openPort = map.get(GatewayVerticle.ACTUAL_PORT_KEY);
    deployment = Http.await(system.vertx().deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config)));
    port = (Integer) map.get(GatewayVerticle.ACTUAL_PORT_KEY);
    map.put(GatewayVerticle.ACTUAL_PORT_KEY, openPort);
    client = WebClient.create(system.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterAll
  static void close() {
    client.close();
    Http.await(TestSystem.get().vertx().undeploy(deployment));
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String key, String body) {
    if (key != null) {
      request.putHeader("Authorization", "Bearer " + key);
    }
    request.putHeader("Content-Type", "application/json");
    return Http.await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  private static String event() {
    return new JsonObject().put("userId", "acc-" + UUID.randomUUID()).put("itemId", "i1").put("type", "view").encode();
  }

  @Test
  @DisplayName("no key is 401 with WWW-Authenticate; a wrong key is 401; health and OpenAPI stay open")
  void unauthenticated() {
    HttpResponse<Buffer> none = send(client.post("/v1/events"), null, event());
    assertEquals(401, none.statusCode());
    assertEquals("unauthorized", none.bodyAsJsonObject().getString("error"));
    assertNotNull(none.getHeader("WWW-Authenticate"));
    assertEquals(401, send(client.post("/v1/events"), "rs_wrong", event()).statusCode());
    assertEquals(401, Http.await(client.post("/v1/events").putHeader("Authorization", "Basic " + INGEST).send()).statusCode());
    assertEquals(200, send(client.get("/health/live"), null, null).statusCode());
    assertEquals(200, send(client.get("/openapi.yaml"), null, null).statusCode());
    assertEquals(200, send(client.get("/assets/dashboard.js"), null, null).statusCode(), "the page's script loads without a key");
  }

  @Test
  @DisplayName("each role opens its routes and only those (admin opens all)")
  void roles() {
    assertEquals(202, send(client.post("/v1/events"), INGEST, event()).statusCode());
    HttpResponse<Buffer> readCannotIngest = send(client.post("/v1/events"), READ, event());
    assertEquals(403, readCannotIngest.statusCode());
    assertTrue(readCannotIngest.bodyAsJsonObject().getString("message").contains("'ingest'"), readCannotIngest.bodyAsString());

    assertEquals(200, send(client.get("/v1/users/u1/recommendations"), READ, null).statusCode());
    assertEquals(403, send(client.get("/v1/users/u1/recommendations"), INGEST, null).statusCode());
    assertEquals(403, send(client.get("/v1/models"), READ, null).statusCode());
    assertEquals(200, send(client.get("/v1/models"), ADMIN, null).statusCode());
    assertEquals(202, send(client.post("/v1/events"), ADMIN, event()).statusCode());
    assertEquals(200, send(client.get("/v1/users/u1/events"), ADMIN, null).statusCode());
    assertEquals(403, send(client.get("/metrics"), READ, null).statusCode());
  }

  @Test
  @DisplayName("the WebSocket handshake needs a read key")
  void webSocketHandshake() {
    var ws = TestSystem.get().vertx().createWebSocketClient();
    try {
      // No Origin header: a server-side client, not a browser page of another origin (CORS would refuse that one).
      WebSocketConnectOptions without = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/v1/stream?userId=u1").setAllowOriginHeader(false);
      Throwable refused = Http.await(ws.connect(without).transform(done -> io.vertx.core.Future.succeededFuture(done.cause())));
      assertNotNull(refused, "no key, no upgrade");
      assertTrue(refused.getMessage().contains("401"), refused.getMessage());
      WebSocketConnectOptions with = new WebSocketConnectOptions(without).addHeader("Authorization", "Bearer " + READ);
      Http.await(Http.await(ws.connect(with)).close());
      // A browser cannot set headers on a WebSocket: it offers the key as a subprotocol beside "recstream".
      WebSocketConnectOptions offered = new WebSocketConnectOptions(without).setSubProtocols(List.of("recstream", "bearer." + READ));
      var socket = Http.await(ws.connect(offered));
      assertEquals("recstream", socket.subProtocol(), "the server answers with the protocol, never the key");
      Http.await(socket.close());
      WebSocketConnectOptions wrong = new WebSocketConnectOptions(without).setSubProtocols(List.of("recstream", "bearer.nope"));
      Throwable refusedWrong = Http.await(ws.connect(wrong).transform(done -> io.vertx.core.Future.succeededFuture(done.cause())));
      assertNotNull(refusedWrong);
      assertTrue(refusedWrong.getMessage().contains("401"), refusedWrong.getMessage());
    } finally {
      ws.close();
    }
  }

  @Test
  @DisplayName("past its rate a key gets 429 with Retry-After, other keys are unaffected")
  void rateLimit() {
    String key = ADMIN;
    int limited = 0;
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 4 * RATE; i++) {
      last = send(client.get("/v1/users/rl/events"), key, null);
      if (last.statusCode() == 429) {
        limited++;
        assertTrue(Integer.parseInt(last.getHeader("Retry-After")) >= 1);
        assertEquals("too_many_requests", last.bodyAsJsonObject().getString("error"));
      }
    }
    assertTrue(limited > 0, "a burst of " + 4 * RATE + " at a rate of " + RATE + "/s is limited");
    assertEquals(200, send(client.get("/v1/users/rl/events"), READ, null).statusCode(), "another key has its own bucket");
  }

  @Test
  @DisplayName("CORS preflight from an allowed origin is answered without a key")
  void cors() {
    HttpResponse<Buffer> preflight = Http.await(client.request(io.vertx.core.http.HttpMethod.OPTIONS, "/v1/events")
        .putHeader("Origin", "https://shop.example.com").putHeader("Access-Control-Request-Method", "POST")
        .putHeader("Access-Control-Request-Headers", "authorization,content-type").send());
    assertEquals("https://shop.example.com", preflight.getHeader("Access-Control-Allow-Origin"));
    HttpResponse<Buffer> other = Http.await(client.request(io.vertx.core.http.HttpMethod.OPTIONS, "/v1/events")
        .putHeader("Origin", "https://evil.example.com").putHeader("Access-Control-Request-Method", "POST").send());
    assertTrue(other.getHeader("Access-Control-Allow-Origin") == null, "an origin not configured gets no CORS grant");
  }
}
