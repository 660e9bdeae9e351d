package dev.recstream.trainer.continuous;

import dev.recstream.model.SequenceDataset;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.DatasetPage;
import dev.recstream.trainer.data.EventRowsDataset;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.function.LongConsumer;

/**
 * Reads the live store's newest item events into a {@link SequenceDataset}, page by page over the
 * event bus (the store service owns the database), in storage order. Used by continuous training
 * and by {@code recstream train --from-store}.
 */
public final class StoreDatasetReader {
  /** Rows per page: a few MB of JSON per round trip between nodes. */
  static final int PAGE = 50_000;
  private static final long PAGE_TIMEOUT_MS = 60_000;

  private StoreDatasetReader() {}

  /**
   * @param maxRows read at most the newest this many rows, bounding memory (a store that grows
   *     past it is learned from its recent end, not its beginning)
   * @param progress told the running row count after each page
   */
  public static Future<SequenceDataset> read(Vertx vertx, String name, long maxRows, LongConsumer progress) {
    EventRowsDataset rows = new EventRowsDataset();
    return readFrom(vertx, rows, 0, maxRows, maxRows, progress)
        .compose(v -> vertx.executeBlocking(() -> rows.build(name), false));
  }

  /** @param newest sent with the first page only: where the store starts counting back from its end */
  private static Future<Void> readFrom(Vertx vertx, EventRowsDataset rows, long afterSeq, long newest, long maxRows,
      LongConsumer progress) {
    int limit = (int) Math.min(PAGE, maxRows - rows.rowsAdded());
    if (limit <= 0) {
      return Future.succeededFuture();
    }
    return Bus.request(vertx, Addresses.STORE_DATASET, new DatasetPage.Query(afterSeq, limit, newest),
            new DeliveryOptions().setSendTimeout(PAGE_TIMEOUT_MS))
        .compose(page -> {
          long last = afterSeq;
          for (DatasetPage.Row row : page.rows()) {
            last = row.seq();
            rows.add(row.userId(), row.itemId(), row.type(), row.tsMicros(), row.category());
          }
          progress.accept(rows.rowsAdded());
          return page.rows().size() < limit ? Future.<Void>succeededFuture() : readFrom(vertx, rows, last, 0, maxRows, progress);
        });
  }
}
