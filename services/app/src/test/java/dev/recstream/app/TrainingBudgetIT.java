package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.scoring.ScoringVerticle;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.EventBatch;
import dev.recstream.shared.bus.RecommendationQuery;
import dev.recstream.shared.bus.Recommendations;
import dev.recstream.shared.bus.TrainingState;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.event.BehaviorEvent;
import dev.recstream.shared.event.EventType;
import dev.recstream.store.StoreVerticle;
import dev.recstream.trainer.continuous.StoreDatasetReader;
import dev.recstream.trainer.continuous.TrainingVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSystem.class)
@DisplayName("Continuous training within its memory budget")
class TrainingBudgetIT {
  private static final Instant START = Instant.parse("2026-04-01T00:00:00Z");

  /** 60 users, 10 events each, in time order: user u views items u..u+9; event i of the store is i seconds after START. */
  private static List<BehaviorEvent> events(String run) {
    List<BehaviorEvent> events = new ArrayList<>();
    for (int step = 0; step < 10; step++) {
      for (int u = 0; u < 60; u++) {
        events.add(new BehaviorEvent(run + u + "-" + step, run + "u" + u, run + "i" + (u + step), EventType.VIEW,
            START.plusSeconds(events.size()), null, null, null, null));
      }
    }
    return events;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a retrain its budget cannot hold is skipped with the reason in the training state, and serving goes on")
  void skippedAndServing(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject config = RecstreamConfig.defaults().put("modelDir", dir.toString()).put("trainingMemory", "100m")
          .put("retrainMinutes", 0).put("pgUrl", TestSystem.get().newDatabase("budget"));
      Bus.install(vertx);
      DeploymentOptions options = new DeploymentOptions().setConfig(config);
      await(vertx.deployVerticle(new StoreVerticle(), options)
          .compose(store -> vertx.deployVerticle(new ScoringVerticle(), options))
          .compose(scoring -> vertx.deployVerticle(new TrainingVerticle(), options)));
      String run = "budget-";
      await(Bus.request(vertx, Addresses.STORE_APPEND, new EventBatch(events(run), 0)));

      TrainingState state = await(Bus.request(vertx, Addresses.TRAINING_RUN, null));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (state.runs() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        state = await(Bus.request(vertx, Addresses.TRAINING_STATUS, null));
      }
      JsonObject lastRun = state.lastRun();
      assertEquals("skipped", lastRun.getString("outcome"), lastRun.encodePrettily());
      assertTrue(lastRun.getString("reason").startsWith("the training budget of 100 MB holds no training"),
          lastRun.encodePrettily());
      assertTrue(lastRun.getString("reason").contains("RECSTREAM_TRAINING_MEMORY"), lastRun.encodePrettily());

      Recommendations recs = await(Bus.request(vertx, Addresses.SCORING_RECOMMEND, new RecommendationQuery(run + "u3", 5)));
      assertFalse(recs.items().isEmpty(), "the streaming model still recommends: " + recs);
    } finally {
      await(vertx.close());
    }
  }

  @Test
  @DisplayName("a retrain reads the newest events of a store larger than it may read, not the oldest")
  void readsTheNewest(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject config = RecstreamConfig.defaults().put("pgUrl", TestSystem.get().newDatabase("newest"));
      Bus.install(vertx);
      await(vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions().setConfig(config)));
      String run = "newest-";
      List<BehaviorEvent> events = events(run);
      await(Bus.request(vertx, Addresses.STORE_APPEND, new EventBatch(events, 0)));

      SequenceDataset data = await(StoreDatasetReader.read(vertx, "store", 120, rows -> {}));
      assertEquals(120, data.actions());
      Set<String> items = new HashSet<>();
      data.users().forEach(user -> {
        for (int item : user.items()) {
          items.add(data.items().idOf(item));
        }
      });
      Set<String> newest = new HashSet<>();
      events.subList(events.size() - 120, events.size()).forEach(e -> newest.add(e.itemId()));
      assertEquals(newest, items, "the last two steps of every user");
    } finally {
      await(vertx.close());
    }
  }
}
