package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recstream.app.embedded.EmbeddedKafkaBroker;
import dev.recstream.app.embedded.EmbeddedPostgresServer;
import dev.recstream.ingestion.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
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
    TempDirs.delete(dir);
  }

  private ChildApp startApp() throws Exception {
    return ChildApp.start(512, "store,ingestion",
        Map.of("RECSTREAM_PG_URL", postgres.url(), "RECSTREAM_KAFKA_BOOTSTRAP", kafka.bootstrapServers()));
  }

  @Test
  @DisplayName("SIGKILL mid-stream, restart: every event sent is stored exactly once")
  void killedAndRestarted() throws Exception {
    String run = "kill-" + UUID.randomUUID() + "-";
    ChildApp app = startApp();
    int sent = 0;
    try (KafkaProducer<String, String> producer = Kafka.producer(kafka.bootstrapServers())) {
      for (; sent < 1500; sent++) {
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.EVENTS, run + (sent % 13),
            new JsonObject().put("eventId", run + sent).put("userId", run + (sent % 13)).put("itemId", "i" + (sent % 50))
                .put("type", "view").encode()));
        if (sent == 750) {
          producer.flush();
          Kafka.await("some events stored before the kill", () -> count(run) > 0, 30_000);
          int exit = app.kill();
          assertEquals(137, exit, "killed by SIGKILL");
          LOG.info("fault: app killed exit={} storedBeforeKill={}", exit, count(run));
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
      StoredEvents counts = StoredEvents.of(pool, run);
      LOG.info("fault sigkill: sent={} storedWhileDown={} stored={} distinct={} allStoredSecondsAfterRestart={}", total,
          storedWhileDown, counts.rows(), counts.distinctIds(), String.format("%.1f", (System.nanoTime() - restartStarted) / 1e9));
      assertEquals(total, counts.rows());
      assertEquals(counts.rows(), counts.distinctIds(), "no duplicates");
    } finally {
      app.stop();
    }
  }

  private long count(String prefix) {
    return StoredEvents.of(pool, prefix).rows();
  }
}
