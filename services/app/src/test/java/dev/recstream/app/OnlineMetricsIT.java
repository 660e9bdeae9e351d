package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSystem.class)
@DisplayName("Online metrics in GET /v1/metrics")
class OnlineMetricsIT {
  private final Http http = new Http(TestSystem.get());

  private JsonObject online() {
    return http.get("/v1/metrics").bodyAsJsonObject().getJsonObject("online");
  }

  @Test
  @DisplayName("an event whose item was in the user's last pushed list counts as a hit of that list's model")
  void hitRateOfPushedLists() throws Exception {
    String run = "online-" + UUID.randomUUID() + "-";
    String p = run + "p";
    String q = run + "q";
    JsonArray shoppers = new JsonArray();
    for (int u = 0; u < 5; u++) {
      shoppers.add(new JsonObject().put("userId", run + "s" + u).put("itemId", p).put("type", "view"));
      shoppers.add(new JsonObject().put("userId", run + "s" + u).put("itemId", q).put("type", "view"));
    }
    assertEquals(202, http.postJson("/v1/events", shoppers).statusCode());

    String target = run + "target";
    List<JsonObject> pushes = new CopyOnWriteArrayList<>();
    var ws = TestSystem.get().webSocket("/v1/stream?userId=" + target);
    ws.textMessageHandler(text -> pushes.add(new JsonObject(text)));
    assertEquals(202, http.postJson("/v1/events", new JsonObject().put("userId", target).put("itemId", p).put("type", "view")).statusCode());
    Kafka.await("the push after p", () -> !pushes.isEmpty(), 20_000);
    JsonObject list = pushes.get(0);
    assertTrue(list.getJsonArray("items").stream().anyMatch(o -> q.equals(((JsonObject) o).getString("itemId"))), list.encode());
    String model = list.getString("model");

    JsonObject before = online();
    long hitsBefore = before.getJsonObject("byModel").getJsonObject(model, new JsonObject()).getLong("hits", 0L);
    assertEquals(202, http.postJson("/v1/events", new JsonObject().put("userId", target).put("itemId", q).put("type", "click")).statusCode());
    Kafka.await("the hit to be counted", () -> online().getJsonObject("byModel").getJsonObject(model).getLong("hits") > hitsBefore, 20_000);
    ws.close();

    JsonObject after = online();
    assertTrue(after.getDouble("hitRate") > 0 && after.getDouble("hitRate") <= 1, after.encode());
    assertTrue(after.getDouble("coverage") > 0 && after.getDouble("coverage") <= 1, after.encode());
    assertTrue(http.get("/metrics").bodyAsString().contains("recstream_online_hit_rate"), "Prometheus has the gauge");
    assertTrue(http.get("/v1/metrics").bodyAsJsonObject().getString("model") != null, "the model of the latest list");
  }
}
