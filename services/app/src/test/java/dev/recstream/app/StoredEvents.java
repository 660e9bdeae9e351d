package dev.recstream.app;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;

/** Counts of stored events by event-id prefix, straight from PostgreSQL: what fault tests compare with what they sent. */
record StoredEvents(long rows, long distinctIds) {

  /** Rows whose event_id starts with {@code prefix}; (-1, -1) while the database cannot answer. */
  static StoredEvents of(Pool pool, String prefix) {
    try {
      return pool.preparedQuery("SELECT count(*), count(DISTINCT event_id) FROM events WHERE event_id LIKE $1")
          .execute(Tuple.of(prefix + "%"))
          .map(rows -> {
            var row = rows.iterator().next();
            return new StoredEvents(row.getLong(0), row.getLong(1));
          })
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return new StoredEvents(-1, -1);
    }
  }
}
