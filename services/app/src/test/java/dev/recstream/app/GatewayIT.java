package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSystem.class)
@DisplayName("The gateway's operational routes")
class GatewayIT {
  private final Http http = new Http(TestSystem.get());

  @Test
  @DisplayName("liveness is 200 and readiness reports the store, ingestion and scoring as UP")
  void health() {
    assertEquals(200, http.get("/health/live").statusCode());
    var ready = http.get("/health/ready");
    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    JsonObject services = ready.bodyAsJsonObject().getJsonObject("services");
    for (String service : List.of("store", "ingestion", "scoring")) {
      assertEquals("UP", services.getJsonObject(service).getString("status"), service);
    }
    assertEquals("reachable", services.getJsonObject("ingestion").getString("kafka"));
  }

  @Test
  @DisplayName("the OpenAPI document describes every route that exists")
  void openApi() {
    var response = http.get("/openapi.yaml");
    assertEquals(200, response.statusCode());
    String doc = response.bodyAsString();
    assertTrue(doc.startsWith("openapi: 3"), doc.substring(0, 40));
    for (String path : List.of("/v1/events", "/v1/users/{userId}/recommendations", "/v1/users/{userId}/events",
        "/v1/items/{itemId}/similar", "/v1/search", "/v1/stream", "/v1/metrics", "/v1/metrics/history", "/metrics", "/health/live", "/health/ready")) {
      assertTrue(doc.contains(path + ":"), "OpenAPI lacks " + path);
    }
  }

  @Test
  @DisplayName("Prometheus text and the JSON summary count the events")
  void metrics() {
    http.postJson("/v1/events", new JsonObject().put("userId", "metrics-user").put("itemId", "m").put("type", "view"));
    var prometheus = http.get("/metrics");
    assertEquals(200, prometheus.statusCode());
    assertTrue(prometheus.getHeader("Content-Type").startsWith("text/plain"));
    assertTrue(prometheus.bodyAsString().contains("recstream_events_accepted_total{source=\"http\"}"));
    assertTrue(prometheus.bodyAsString().contains("recstream_recommendation_latency_seconds"));
    JsonObject summary = http.get("/v1/metrics").bodyAsJsonObject();
    assertTrue(summary.getJsonObject("events").getDouble("accepted") >= 1);
  }

  @Test
  @DisplayName("the dashboard page is HTML, and its script, styles and uPlot are served from the gateway")
  void dashboard() {
    var response = http.get("/");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/html"));
    String page = response.bodyAsString();
    for (String asset : List.of("dashboard.js", "dashboard.css", "uplot.min.js", "uplot.min.css")) {
      assertTrue(page.contains("/assets/" + asset), "the page loads " + asset);
      var served = http.get("/assets/" + asset);
      assertEquals(200, served.statusCode(), asset);
      assertTrue(served.body().length() > 100, asset + " has content");
    }
    assertTrue(http.get("/assets/uplot.min.js").bodyAsString().contains("uPlot"), "the WebJar's path matches its version");
    assertEquals(404, http.get("/assets/nope.js").statusCode());
  }

  @Test
  @DisplayName("the newest pushes and catalog entries by id, for the dashboard")
  void recentPushesAndItems() throws Exception {
    String user = "recent-" + java.util.UUID.randomUUID();
    http.putJson("/v1/items/" + user + "-i", new JsonObject().put("title", "A blue shoe").put("category", "shoes"));
    http.postJson("/v1/events", new JsonObject().put("userId", user).put("itemId", user + "-i").put("type", "view"));
    Kafka.await("the user's push among the recent ones", () -> http.get("/v1/stream/recent?limit=100").bodyAsJsonObject()
        .getJsonArray("pushes").stream().anyMatch(m -> user.equals(((JsonObject) m).getString("userId"))), 20_000);
    JsonObject push = http.get("/v1/stream/recent?limit=100").bodyAsJsonObject().getJsonArray("pushes").getJsonObject(0);
    assertEquals("recommendations", push.getString("type"));
    assertEquals(400, http.get("/v1/stream/recent?limit=101").statusCode());

    var items = http.get("/v1/items?ids=" + user + "-i,unknown-" + user).bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, items.size(), items.encode());
    assertEquals("A blue shoe", items.getJsonObject(0).getString("title"));
    var bad = http.get("/v1/items");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsJsonObject().getString("message").startsWith("ids: "), bad.bodyAsString());
  }
}
