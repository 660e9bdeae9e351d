package dev.recstream.store;

import dev.recstream.shared.bus.ImportedEvents;
import dev.recstream.shared.event.BehaviorEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Bulk import straight into PostgreSQL ({@code recstream import}): large idempotent batches
 * through the same insert as the live path, without its per-row answers and push reads, with a
 * few batches in flight on pipelined connections. The schema is migrated first. Re-importing the
 * same file stores nothing twice (event ids are derived from the file). A running system learns of
 * the rows through {@link #announce}: no {@code events.stored} announced them.
 */
public final class BulkLoader implements AutoCloseable {
  private final Pool pool;

  private BulkLoader(Pool pool) {
    this.pool = pool;
  }

  /** Connects and applies the migrations; {@code connections} batches can be in flight. */
  public static Future<BulkLoader> open(Vertx vertx, String pgUrl, int connections) {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(connections))
        .connectingTo(PgConnectOptions.fromUri(pgUrl).setPipeliningLimit(4))
        .using(vertx)
        .build();
    return Migrations.apply(vertx, pool).map(n -> new BulkLoader(pool));
  }

  /** Inserts one batch; completes with the number of rows that were new. */
  public Future<Integer> insert(List<BehaviorEvent> events) {
    return pool.preparedQuery(SqlQueries.BULK_INSERT_EVENTS).execute(EventWriter.insertParams(events))
        .map(rows -> rows.rowCount());
  }

  /**
   * Tells every store service of a running system ({@link ImportListener}) what was imported, so
   * its scoring nodes relearn from the store instead of waiting for a restart. A {@code NOTIFY}
   * is heard only by whoever listens now, which is what this needs: a system that starts later
   * replays the store anyway.
   */
  public Future<Void> announce(ImportedEvents imported) {
    return pool.preparedQuery(SqlQueries.NOTIFY)
        .execute(Tuple.of(SqlQueries.IMPORT_CHANNEL, imported.toJson().encode()))
        .mapEmpty();
  }

  @Override
  public void close() {
    pool.close();
  }
}
