package dev.recstream.app;

import dev.recstream.model.SequenceDataset;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.store.StoreVerticle;
import dev.recstream.trainer.continuous.StoreDatasetReader;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * {@code recstream train --from-store}: reads the stored events through a private store service
 * (the same code and queries the running system uses) in a short-lived Vert.x instance.
 */
final class LiveStoreDataset {
  /** Most stored events read (oldest first). */
  static final long MAX_ROWS = 20_000_000;

  private LiveStoreDataset() {}

  static SequenceDataset read(RecstreamConfig config, PrintWriter err) throws Exception {
    if (config.pgUrl() == null) {
      throw new IllegalArgumentException("--from-store needs the database: set RECSTREAM_PG_URL or pgUrl in --config");
    }
    Vertx vertx = Vertx.vertx();
    try {
      SequenceDataset dataset = vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions().setConfig(config.toJson()))
          .compose(id -> StoreDatasetReader.read(vertx, "live store", MAX_ROWS, rows -> {
            err.printf("\rreading stored events: %,d", rows);
            err.flush();
          }))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
      err.println();
      err.printf("%s: %,d users, %,d items, %,d actions%n", dataset.name(), dataset.users().size(), dataset.items().size(),
          dataset.actions());
      return dataset;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
