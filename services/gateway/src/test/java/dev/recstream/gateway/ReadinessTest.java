package dev.recstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The readiness verdict")
class ReadinessTest {

  private static JsonObject services(String activeModel, JsonObject scoring) {
    return new JsonObject()
        .put("store", new JsonObject().put("status", "UP").put("ok", true).put("activeModel", activeModel))
        .put("ingestion", new JsonObject().put("status", "UP").put("ok", true).put("kafka", "reachable"))
        .put("scoring", scoring);
  }

  private static JsonObject serving(String model) {
    return new JsonObject().put("status", "UP").put("ok", true).put("model", model);
  }

  @Test
  @DisplayName("is ready when every service is up and scoring serves the registry's active model")
  void ready() {
    Readiness.Result result = Readiness.verdict(services("two-stage-7", serving("two-stage-7")));
    assertEquals(200, result.status());
    assertEquals("UP", result.body().getString("status"));
  }

  @Test
  @DisplayName("is not ready while scoring serves another model than the registry's, and names both")
  void servedModelDiffers() {
    Readiness.Result result = Readiness.verdict(services("two-stage-7", serving("streaming-cooc-1")));
    assertEquals(503, result.status());
    JsonObject scoring = result.body().getJsonObject("services").getJsonObject("scoring");
    assertEquals("DOWN", scoring.getString("status"));
    assertEquals("scoring serves model streaming-cooc-1 but the registry's active model is two-stage-7", scoring.getString("reason"));
    assertEquals("two-stage-7", scoring.getString("registryActive"));
    assertEquals("streaming-cooc-1", scoring.getString("model"));
  }

  @Test
  @DisplayName("is not ready while the registry marks no model active")
  void noActiveModel() {
    Readiness.Result result = Readiness.verdict(services(null, serving("streaming-cooc-1")));
    assertEquals(503, result.status());
    assertEquals("scoring serves model streaming-cooc-1 but the registry has no active model",
        result.body().getJsonObject("services").getJsonObject("scoring").getString("reason"));
  }

  @Test
  @DisplayName("passes on why a starting scoring node is down")
  void scoringStarting() {
    JsonObject starting = new JsonObject().put("status", "DOWN").put("reason", "scoring is starting: waiting for the store");
    Readiness.Result result = Readiness.verdict(services("streaming-cooc-1", starting));
    assertEquals(503, result.status());
    assertEquals("scoring is starting: waiting for the store",
        result.body().getJsonObject("services").getJsonObject("scoring").getString("reason"));
  }
}
