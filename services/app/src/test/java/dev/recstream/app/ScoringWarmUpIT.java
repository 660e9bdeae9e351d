package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recstream.scoring.ScoringVerticle;
import dev.recstream.model.streaming.StreamingCooccurrenceRecommender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSystem.class)
@DisplayName("A scoring node that starts after events were stored")
class ScoringWarmUpIT {

  @Test
  @DisplayName("learns them from the store before it takes traffic")
  void warmsUpFromTheStore() {
    String run = "warm-" + UUID.randomUUID() + "-";
    JsonArray batch = new JsonArray();
    for (int u = 0; u < 10; u++) {
      for (String item : List.of("kettle", "teapot")) {
        batch.add(new JsonObject().put("eventId", run + u + item).put("userId", run + u).put("itemId", run + item).put("type", "view"));
      }
    }
    assertEquals(202, new Http(TestSystem.get()).postJson("/v1/events", batch).statusCode());

    StreamingCooccurrenceRecommender model = new StreamingCooccurrenceRecommender();
    String id = Http.await(TestSystem.get().vertx().deployVerticle(new ScoringVerticle(model)));
    try {
      assertEquals(run + "teapot", model.recommend(List.of(run + "kettle"), 1).get(0).itemId());
    } finally {
      Http.await(TestSystem.get().vertx().undeploy(id));
    }
  }
}
