package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.app.embedded.EmbeddedKafkaBroker;
import dev.recstream.app.embedded.EmbeddedPostgresServer;
import dev.recstream.ingestion.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application process killed with SIGKILL mid-stream and started again (issue #4): a real
 * child JVM running {@code recstream run} against an embedded PostgreSQL and Kafka of this test.
 * Sent = stored, no duplicates: Kafka offsets are committed only after the store's commit, and
 * redelivered events hit ON CONFLICT DO NOTHING.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Fault: the application killed with SIGKILL and restarted")
class KillIT {
  private static final Logger LOG = LoggerFactory.getLogger(KillIT.class);

  private Path dir;
  private EmbeddedPostgresServer postgres;
  private EmbeddedKafkaBroker kafka;
  private Vertx vertx;
  private Pool pool;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("recstream-kill");
    postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
    kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    kafka.createTopics(Map.of(Topics.EVENTS, 2, Topics.EVENTS_DLQ, 1));
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(postgres.url())).using(vertx).build();
  }

  @AfterAll
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    kafka.close();
    postgres.close();
  }

  /** {@code recstream run} in a child JVM on this test's classpath; returns once it is running. */
  private Process startApp() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "run", "--insecure", "--services=store,ingestion", "--http-port", "0");
    builder.environment().keySet().removeIf(name -> name.startsWith("RECSTREAM_"));
    builder.environment().put("RECSTREAM_PG_URL", postgres.url());
    builder.environment().put("RECSTREAM_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Void> running = new CompletableFuture<>();
    Thread pump = new Thread(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("recstream is running")) {
            running.complete(null);
          }
        }
      } catch (Exception ignored) {
        // The process died: its output ends.
      }
      running.completeExceptionally(new AssertionError("the app exited before it was running"));
    }, "app-output");
    pump.setDaemon(true);
    pump.start();
    running.get(120, TimeUnit.SECONDS);
    return process;
  }

  private long[] stored(String prefix) throws Exception {
    return pool.preparedQuery("SELECT count(*), count(DISTINCT event_id) FROM events WHERE event_id LIKE $1")
        .execute(io.vertx.sqlclient.Tuple.of(prefix + "%"))
        .map(rows -> {
          var row = rows.iterator().next();
          return new long[] {row.getLong(0), row.getLong(1)};
        })
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("SIGKILL mid-stream, restart: every event sent is stored exactly once")
  void killedAndRestarted() throws Exception {
    String run = "kill-" + UUID.randomUUID() + "-";
    Process app = startApp();
    int sent = 0;
    try (KafkaProducer<String, String> producer = Kafka.producer(kafka.bootstrapServers())) {
      for (; sent < 1500; sent++) {
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.EVENTS, run + (sent % 13),
            new JsonObject().put("eventId", run + sent).put("userId", run + (sent % 13)).put("itemId", "i" + (sent % 50))
                .put("type", "view").encode()));
        if (sent == 750) {
          producer.flush();
          Kafka.await("some events stored before the kill", () -> count(run) > 0, 30_000);
          app.destroyForcibly(); // SIGKILL: no shutdown hook, no drain, no commit
          assertTrue(app.waitFor(30, TimeUnit.SECONDS));
          LOG.info("fault: app killed exit={} storedBeforeKill={}", app.exitValue(), count(run));
        }
      }
      producer.flush();
    }
    long storedWhileDown = count(run);
    long restartStarted = System.nanoTime();
    app = startApp();
    try {
      int total = sent;
      Kafka.await("every event stored after the restart", () -> count(run) == total, 90_000);
      long[] counts = stored(run);
      LOG.info("fault sigkill: sent={} storedWhileDown={} stored={} distinct={} allStoredSecondsAfterRestart={}", total,
          storedWhileDown, counts[0], counts[1], String.format("%.1f", (System.nanoTime() - restartStarted) / 1e9));
      assertEquals(total, counts[0]);
      assertEquals(counts[0], counts[1], "no duplicates");
    } finally {
      app.destroy();
      app.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private long count(String prefix) {
    try {
      return stored(prefix)[0];
    } catch (Exception e) {
      return -1;
    }
  }
}
