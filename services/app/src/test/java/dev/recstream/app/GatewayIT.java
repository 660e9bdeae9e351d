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
        "/v1/items/{itemId}/similar", "/v1/stream", "/v1/metrics", "/v1/metrics/history", "/metrics", "/health/live", "/health/ready")) {
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
  @DisplayName("the dashboard page is HTML")
  void dashboard() {
    var response = http.get("/");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/html"));
    assertTrue(response.bodyAsString().contains("/v1/stream"));
  }
}
