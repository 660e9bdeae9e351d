package dev.recstream.app.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's packaged binaries) running as a child process, with its data
 * in a directory of the caller's choosing that survives a stop and a start.
 *
 * <p>The cluster is initialised with trust authentication for the superuser {@code postgres}, so
 * any password is accepted from the loopback interface. zonky starts the server with fsync off
 * ({@code -F}) and {@code synchronous_commit} off, settings for throw-away test databases; we turn
 * both back on, because recstream acknowledges an event only once it is committed, and an
 * acknowledged event must survive a killed process and a power cut alike (the store batches its
 * writes, so one flush serves a whole batch).
 *
 * <p>A server that a killed process left running on the directory is stopped before this one
 * starts ({@link LeftoverPostgres}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /**
   * Starts PostgreSQL on 127.0.0.1, initialising {@code dataDir} on first use and reusing it
   * afterwards.
   *
   * @param dataDir directory holding the database cluster; created if missing
   * @param port TCP port to listen on, or 0 to pick a free one
   * @return the running server
   * @throws IllegalStateException if the server could not be started
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port) {
    int concretePort = FreePorts.resolve(port);
    Path absoluteDir = dataDir.toAbsolutePath();
    long startNanos = System.nanoTime();
    try {
      LeftoverPostgres.stopIfAny(absoluteDir);
      FreePorts.requireFree(concretePort);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setPort(concretePort)
          .setDataDirectory(absoluteDir)
          // Keep the cluster: the whole point is that data survives a restart.
          .setCleanDataDirectory(false)
          // Later on the command line than zonky's -F, so it wins.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .start();
      LOG.info("embedded PostgreSQL started port={} dataDir={} millis={}",
          concretePort, absoluteDir, (System.nanoTime() - startNanos) / 1_000_000);
      return new EmbeddedPostgresServer(postgres, absoluteDir);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("could not start the embedded PostgreSQL on port " + concretePort
          + " with data in " + absoluteDir + ": " + e.getMessage(), e);
    }
  }

  /** The TCP port the server listens on. */
  public int port() {
    return postgres.getPort();
  }

  /**
   * A connection URI for the {@code postgres} database as superuser, in the form that
   * {@code PgConnectOptions.fromUri} reads. The password is ignored by trust authentication but
   * keeps clients that insist on one happy.
   */
  public String url() {
    return "postgresql://postgres:postgres@127.0.0.1:" + port() + "/postgres";
  }

  /** Stops the server (a fast shutdown that writes every committed row to disk); idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      postgres.close();
      LOG.info("embedded PostgreSQL stopped port={} dataDir={}", port(), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded PostgreSQL on port " + port()
          + " with data in " + dataDir + ": " + e.getMessage(), e);
    }
  }
}
