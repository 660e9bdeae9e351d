package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.scoring.ScoringVerticle;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SimilarItems;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.SequenceUpdates;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.store.StoreVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith({TestSystem.class, VertxExtension.class})
@DisplayName("The scoring service with a model package in its model directory")
class PackagedScoringIT {

  @Test
  @DisplayName("serves the newest package through ONNX Runtime and pushes its lists after each event")
  void servesThePackage(@TempDir Path dir, Vertx vertx, VertxTestContext test) throws Exception {
    Path models = dir.resolve("models");
    Cli cli = new Cli();
    assertEquals(0, cli.run("train", "--data", Cli.chains(dir, 400, 80, 7, 11).toString(), "--format", "sequences",
        "--out", models.resolve("first").toString()), cli.err.toString());

    // Scoring waits for a store: one of its own, on a database of its own, so the shared registry is untouched.
    JsonObject config = RecstreamConfig.defaults().put("modelDir", models.toString())
        .put("pgUrl", TestSystem.get().newDatabase("packaged"));
    Checkpoint pushed = test.checkpoint();
    Checkpoint similar = test.checkpoint();
    Bus.install(vertx);
    Bus.listen(vertx, Addresses.RECS_UPDATED, recs -> test.verify(() -> {
      assertTrue(recs.model().startsWith("two-stage-"), recs.model());
      assertEquals("t-1", recs.triggerEventId());
      assertFalse(recs.items().isEmpty());
      assertEquals("13", recs.items().get(0).itemId(), "the chain continues: " + recs.items());
      pushed.flag();
    }));
    vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions().setConfig(config))
        .compose(store -> vertx.deployVerticle(new ScoringVerticle(), new DeploymentOptions().setConfig(config)))
        .onComplete(test.succeeding(id -> {
          Bus.send(vertx, Addresses.SEQUENCE_UPDATED, new SequenceUpdates(List.of(
              new SequenceUpdate("u", "t-1", "12", "view", List.of("12", "11", "10"), EpochMicros.now()))));
          Bus.request(vertx, Addresses.SCORING_SIMILAR, new SimilarItems.Query("40", 3))
              .onComplete(test.succeeding(reply -> test.verify(() -> {
                List<String> ids = reply.items().stream().map(ScoredItem::itemId).toList();
                assertEquals(3, ids.size());
                assertFalse(ids.contains("40"));
                assertTrue(ids.stream().allMatch(neighbour -> Math.abs(Integer.parseInt(neighbour) - 40) <= 3),
                    "items near 40 on the chains are its embedding neighbours: " + ids);
                similar.flag();
              })));
        }));
  }
}
