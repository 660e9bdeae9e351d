package dev.recstream.store;

import dev.recstream.shared.event.BehaviorEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;

/**
 * Bulk import straight into PostgreSQL ({@code recstream import}): large idempotent batches
 * through the same insert as the live path, without its per-row answers and push reads, with a
 * few batches in flight on pipelined connections. The schema is migrated first. Re-importing the
 * same file stores nothing twice (event ids are derived from the file).
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

  @Override
  public void close() {
    pool.close();
  }
}
