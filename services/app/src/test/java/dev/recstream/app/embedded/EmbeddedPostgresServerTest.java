package dev.recstream.app.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@DisplayName("The embedded PostgreSQL server")
class EmbeddedPostgresServerTest {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServerTest.class);
  private static final String CREATE = "CREATE TABLE item (id int PRIMARY KEY, title text NOT NULL)";
  private static final String INSERT = "INSERT INTO item (id, title) VALUES ($1, $2)";
  private static final String SELECT = "SELECT title FROM item WHERE id = $1";

  @TempDir
  Path dataDir;

  private volatile EmbeddedPostgresServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @DisplayName("keeps a committed row when it is stopped and started again on the same directory and port")
  void keepsRowsAcrossRestart(Vertx vertx, VertxTestContext testContext) {
    server = timed("first start", () -> EmbeddedPostgresServer.start(dataDir, 0));
    int port = server.port();

    withPool(vertx, pool -> pool.query(CREATE).execute()
        .compose(created -> pool.preparedQuery(INSERT).execute(Tuple.of(7, "kept across restarts"))))
        .compose(inserted -> vertx.executeBlocking(() -> restart(port)))
        .compose(restarted -> withPool(vertx, pool -> pool.preparedQuery(SELECT).execute(Tuple.of(7))))
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          assertEquals(port, server.port());
          assertEquals(1, rows.size());
          Row row = rows.iterator().next();
          assertEquals("kept across restarts", row.getString("title"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("makes a commit durable: fsync and synchronous_commit are on, whatever zonky's defaults")
  void durableCommits(Vertx vertx, VertxTestContext testContext) {
    server = EmbeddedPostgresServer.start(dataDir, 0);
    withPool(vertx, pool -> pool.query("SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc")
        .execute())
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          Row row = rows.iterator().next();
          assertEquals("on", row.getString("fsync"));
          assertEquals("on", row.getString("sc"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses a port that is already taken, with a message naming the port and the data directory")
  void refusesBusyPort() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();
      IllegalStateException failure = assertThrows(IllegalStateException.class,
          () -> EmbeddedPostgresServer.start(dataDir, port));
      assertEquals("could not start the embedded PostgreSQL on port " + port + " with data in "
          + dataDir.toAbsolutePath() + ": port " + port + " on 127.0.0.1 is already in use", failure.getMessage());
    }
  }

  private <T> Future<T> withPool(Vertx vertx, Function<Pool, Future<T>> work) {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2))
        .connectingTo(PgConnectOptions.fromUri(server.url()))
        .using(vertx)
        .build();
    return work.apply(pool).eventually(pool::close);
  }

  private EmbeddedPostgresServer restart(int port) {
    timed("stop", () -> {
      server.close();
      return null;
    });
    server = timed("warm start", () -> EmbeddedPostgresServer.start(dataDir, port));
    return server;
  }

  private static <T> T timed(String step, Supplier<T> action) {
    long startNanos = System.nanoTime();
    T result = action.get();
    LOG.info("postgres {} millis={}", step, (System.nanoTime() - startNanos) / 1_000_000);
    return result;
  }
}
