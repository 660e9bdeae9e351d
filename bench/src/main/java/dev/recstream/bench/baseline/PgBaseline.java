package dev.recstream.bench.baseline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The ceiling of the event store on this box: the store's own insert statement (parallel arrays
 * unnested into rows, {@code ON CONFLICT (event_id) DO NOTHING}) into a scratch table with the
 * columns, primary key and index of {@code events}, through vertx-pg-client, no recstream code.
 *
 * <p>Two figures: bulk rows per second (batches of 5,000 rows, four in flight on four connections)
 * and the round trip of one single-row insert, sent one after the other — the floor under any
 * per-event write. The table is dropped at the end.
 *
 * <p>The table name cannot be a statement parameter; it is ours (a fixed prefix and random hex),
 * so formatting it into the SQL is safe.
 */
public final class PgBaseline {
  public static final int DEFAULT_ROWS = 500_000;
  static final String TABLE_PREFIX = "bench_baseline_events_";
  private static final int BATCH_ROWS = 5_000;
  /** Batches in flight, each on its own connection (pipelining limit 1), so four backends insert at once. */
  private static final int IN_FLIGHT = 4;
  private static final int SINGLE_ROW_INSERTS = 2_000;
  private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** {@code sql/V1__events.sql}, table and index names aside. */
  private static final String CREATE_TABLE = """
      CREATE TABLE %1$s (
        seq          bigint GENERATED ALWAYS AS IDENTITY,
        event_id     text        NOT NULL PRIMARY KEY,
        user_id      text        NOT NULL,
        item_id      text,
        type         text        NOT NULL,
        ts           timestamptz NOT NULL,
        session_id   text,
        query        text,
        value        double precision,
        context      jsonb,
        stored_at    timestamptz NOT NULL DEFAULT now())""";
  private static final String CREATE_INDEX = "CREATE INDEX %1$s_user_recent ON %1$s (user_id, ts DESC, seq DESC)";
  /** The store's {@code SqlQueries.BULK_INSERT_EVENTS}, table name aside. */
  private static final String INSERT = """
      INSERT INTO %1$s (event_id, user_id, item_id, type, ts, session_id, query, value, context)
      SELECT e, u, i, t, ts, s, q, v, c::jsonb
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                    $6::text[], $7::text[], $8::float8[], $9::text[]) AS x(e, u, i, t, ts, s, q, v, c)
      ON CONFLICT (event_id) DO NOTHING""";
  private static final String DROP_TABLE = "DROP TABLE IF EXISTS %1$s";

  private final Pool pool;
  private final String insert;

  private PgBaseline(Pool pool, String table) {
    this.pool = pool;
    this.insert = INSERT.formatted(table);
  }

  /**
   * @param table the scratch table (dropped when the run returns)
   * @param rows rows sent
   * @param inserted rows the database reported inserted
   * @param rowsPerSecond rows per second of the batched inserts
   * @param singleRowMicros round trips of the sequential single-row inserts, in µs
   */
  public record Result(String table, long rows, long inserted, double rowsPerSecond, LatencySummary singleRowMicros)
      implements BaselineResult {
    @Override
    public String name() {
      return "pg";
    }

    @Override
    public List<Figure> figures() {
      return List.of(
          new Figure("rows inserted", inserted, "rows"),
          new Figure("batch insert rate (" + BATCH_ROWS + "-row unnest, " + IN_FLIGHT + " in flight)", rowsPerSecond, "rows/s"),
          new Figure("single-row insert p50", singleRowMicros.p50(), "µs"),
          new Figure("single-row insert p99", singleRowMicros.p99(), "µs"));
    }
  }

  /** Creates the table, measures, drops the table. Blocks the calling thread. */
  public static Result run(String pgUrl, int rows) throws Exception {
    String table = TABLE_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(IN_FLIGHT))
        .connectingTo(PgConnectOptions.fromUri(pgUrl).setPipeliningLimit(1))
        .using(vertx)
        .build();
    try {
      Blocking.await(pool.query(CREATE_TABLE.formatted(table)).execute()
          .compose(r -> pool.query(CREATE_INDEX.formatted(table)).execute()), 30);
      Exception failure = null;
      try {
        return new PgBaseline(pool, table).measure(table, rows);
      } catch (Exception e) {
        failure = e;
        throw e;
      } finally {
        drop(pool, table, failure);
      }
    } finally {
      Blocking.await(pool.close(), 10);
      Blocking.await(vertx.close(), 10);
    }
  }

  private Result measure(String table, int rows) throws Exception {
    List<Tuple> batches = batches(rows);
    long start = System.nanoTime();
    long inserted = insertAll(batches);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(table, rows, inserted, rows / seconds, singleRowInserts());
  }

  /** Drops the scratch table; a failure to do so is reported, but never hides the run's own failure. */
  private static void drop(Pool pool, String table, Exception runFailure) {
    try {
      Blocking.await(pool.query(DROP_TABLE.formatted(table)).execute(), 30);
    } catch (Exception e) {
      IllegalStateException failure = new IllegalStateException("Could not drop the scratch table " + table
          + "; drop it by hand (" + e + ")", e);
      if (runFailure == null) {
        throw failure;
      }
      runFailure.addSuppressed(failure);
    }
  }

  /** Every batch through {@link #IN_FLIGHT} lanes, each taking the next batch when its last one is in. */
  private long insertAll(List<Tuple> batches) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong inserted = new AtomicLong();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < IN_FLIGHT; lane++) {
      Promise<Void> done = Promise.promise();
      insertNext(batches, next, inserted, done);
      lanes.add(done.future());
    }
    Blocking.await(Future.all(lanes), 600);
    return inserted.get();
  }

  private void insertNext(List<Tuple> batches, AtomicInteger next, AtomicLong inserted, Promise<Void> done) {
    int b = next.getAndIncrement();
    if (b >= batches.size()) {
      done.complete();
      return;
    }
    pool.preparedQuery(insert).execute(batches.get(b)).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
      } else {
        inserted.addAndGet(ar.result().rowCount());
        insertNext(batches, next, inserted, done);
      }
    });
  }

  /** {@link #SINGLE_ROW_INSERTS} one-row inserts, each sent when the previous one is answered. */
  private LatencySummary singleRowInserts() throws Exception {
    Histogram nanos = new Histogram(MAX_NANOS, 3);
    Promise<Void> done = Promise.promise();
    insertOne(0, new Random(7), nanos, done);
    Blocking.await(done.future(), 120);
    return LatencySummary.of(nanos, LatencySummary.MICROS);
  }

  private void insertOne(int i, Random random, Histogram nanos, Promise<Void> done) {
    if (i == SINGLE_ROW_INSERTS) {
      done.complete();
      return;
    }
    Tuple row = new Rows(1, random).tuple("single-" + i + "-");
    long start = System.nanoTime();
    pool.preparedQuery(insert).execute(row).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
      } else {
        nanos.recordValue(Math.min(System.nanoTime() - start, MAX_NANOS));
        insertOne(i + 1, random, nanos, done);
      }
    });
  }

  /** All batch parameters, built before the clock starts: one column set shared, event ids per batch. */
  private static List<Tuple> batches(int rows) {
    Rows columns = new Rows(BATCH_ROWS, new Random(42));
    List<Tuple> batches = new ArrayList<>();
    for (int from = 0; from < rows; from += BATCH_ROWS) {
      Rows batch = from + BATCH_ROWS <= rows ? columns : columns.first(rows - from);
      batches.add(batch.tuple("b" + from / BATCH_ROWS + "-"));
    }
    return batches;
  }

  /**
   * Column arrays of realistic events — 1,000 users, 10,000 items, mostly views, a value on
   * purchases, a small JSON context on half of them — in the store's parameter order.
   */
  private record Rows(String[] users, String[] items, String[] types, OffsetDateTime[] ts, String[] sessions,
      String[] queries, Double[] values, String[] contexts) {
    Rows(int n, Random random) {
      this(new String[n], new String[n], new String[n], new OffsetDateTime[n], new String[n], new String[n],
          new Double[n], new String[n]);
      OffsetDateTime t0 = OffsetDateTime.of(2026, 1, 15, 10, 0, 0, 0, ZoneOffset.UTC);
      for (int i = 0; i < n; i++) {
        users[i] = "user-" + random.nextInt(1_000);
        items[i] = "item-" + random.nextInt(10_000);
        double x = random.nextDouble();
        types[i] = x < 0.70 ? "view" : x < 0.90 ? "click" : x < 0.97 ? "add_to_cart" : "purchase";
        ts[i] = t0.plusSeconds(random.nextInt(30 * 24 * 3600));
        sessions[i] = users[i] + "-s" + random.nextInt(20);
        values[i] = types[i].equals("purchase") ? 5.0 + random.nextInt(95) : null;
        contexts[i] = random.nextBoolean() ? "{\"device\":\"mobile\",\"page\":\"product\"}" : null;
      }
    }

    Rows first(int n) {
      return new Rows(Arrays.copyOf(users, n), Arrays.copyOf(items, n), Arrays.copyOf(types, n), Arrays.copyOf(ts, n),
          Arrays.copyOf(sessions, n), Arrays.copyOf(queries, n), Arrays.copyOf(values, n), Arrays.copyOf(contexts, n));
    }

    /** The nine insert parameters, with event ids {@code idPrefix + row}. */
    Tuple tuple(String idPrefix) {
      String[] ids = new String[users.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = idPrefix + i;
      }
      // addValue, not Tuple.of: arrays passed to Tuple.of's varargs would be spread into elements.
      return Tuple.tuple().addValue(ids).addValue(users).addValue(items).addValue(types).addValue(ts)
          .addValue(sessions).addValue(queries).addValue(values).addValue(contexts);
    }
  }
}
