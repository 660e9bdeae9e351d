package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.app.embedded.EmbeddedKafkaBroker;
import dev.recstream.app.embedded.EmbeddedPostgresServer;
import dev.recstream.ingestion.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overload (issue #4): the whole application in a child JVM with a small heap, offered ten times
 * the rate it sustains for 60 s over HTTP and Kafka at once. It must stay alive within its heap,
 * shed HTTP load with 503 + Retry-After, let Kafka wait, and afterwards store every event it
 * accepted — exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Overload: 10× the sustainable rate for 60 s")
class OverloadIT {
  private static final Logger LOG = LoggerFactory.getLogger(OverloadIT.class);
  private static final int HEAP_MB = 384;
  private static final int BATCH = 200;
  private static final long OVERLOAD_SECONDS = Long.getLong("recstream.overload.seconds", 60);

  private Path dir;
  private EmbeddedPostgresServer postgres;
  private EmbeddedKafkaBroker kafka;
  private ChildApp app;
  private int port;
  private Vertx vertx;
  private Pool pool;
  private WebClient http;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("recstream-overload");
    postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
    kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    kafka.createTopics(Map.of(Topics.EVENTS, 2, Topics.EVENTS_DLQ, 1));
    app = ChildApp.start(HEAP_MB, "all", Map.of(
        "RECSTREAM_PG_URL", postgres.url(),
        "RECSTREAM_KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
        "RECSTREAM_HTTP_HOST", "127.0.0.1",
        "RECSTREAM_RETRAIN_MINUTES", "0",
        "RECSTREAM_LOG_LEVEL", "WARN"));
    port = app.httpPort();
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(postgres.url())).using(vertx).build();
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setConnectTimeout(5_000).setIdleTimeout(30), 
        // Enough connections that the requests in flight exceed what the store queues (20,000
        // events): the server, not the client's pool, must be the one to push back.
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(-1));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.stop();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    kafka.close();
    postgres.close();
    TempDirs.delete(dir);
  }

  private long stored(String prefix) {
    return StoredEvents.of(pool, prefix).rows();
  }

  private static Buffer batch(String prefix, long first) {
    JsonArray events = new JsonArray();
    for (int i = 0; i < BATCH; i++) {
      String id = prefix + (first + i);
      events.add(new JsonObject().put("eventId", id).put("userId", prefix + "u" + ((first + i) % 500))
          .put("itemId", "i" + ((first + i) % 2000)).put("type", "view"));
    }
    return events.toBuffer();
  }

  @Test
  @DisplayName("alive within its heap, 503 + Retry-After under load, no accepted event lost or doubled")
  void tenTimesTheSustainableRate() throws Exception {
    String run = "over-" + UUID.randomUUID() + "-";
    // 1. The sustainable rate: one client, each batch answered (after commit) before the next.
    long measureStart = System.nanoTime();
    long sequential = 0;
    while (System.nanoTime() - measureStart < TimeUnit.SECONDS.toNanos(5)) {
      assertEquals(202, Http.await(http.post("/v1/events").putHeader("Content-Type", "application/json")
          .sendBuffer(batch(run + "warm-", sequential))).statusCode());
      sequential += BATCH;
    }
    double sustainable = sequential / ((System.nanoTime() - measureStart) / 1e9);

    // 2. Ten times that over HTTP, open loop (sends on a clock, whatever the answers), while Kafka
    //    brings the sustainable rate again: HTTP must shed, the consumer must wait its turn, and
    //    every Kafka record (which cannot be refused) must be stored once the load stops.
    double offered = 10 * sustainable;
    long periodMicros = Math.max(1, (long) (1e6 * BATCH / offered));
    int kafkaEvery = 10;
    AtomicLong nextId = new AtomicLong();
    AtomicLong accepted = new AtomicLong(sequential);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger shed = new AtomicInteger();
    AtomicInteger missingRetryAfter = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    long sent = 0;
    String httpPrefix = run + "http-";
    String kafkaPrefix = run + "kafka-";
    try (KafkaProducer<String, String> producer = Kafka.producer(kafka.bootstrapServers())) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(OVERLOAD_SECONDS);
      long next = System.nanoTime();
      while (System.nanoTime() < end) {
        long first = nextId.getAndAdd(BATCH);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        http.post("/v1/events").putHeader("Content-Type", "application/json").timeout(120_000)
            .sendBuffer(batch(httpPrefix, first))
            .onComplete(done -> {
              inFlight.decrementAndGet();
              if (done.failed()) {
                failed.incrementAndGet();
              } else if (done.result().statusCode() == 202) {
                ok.incrementAndGet();
                accepted.addAndGet(BATCH);
              } else if (done.result().statusCode() == 503) {
                shed.incrementAndGet();
                if (done.result().getHeader("Retry-After") == null) {
                  missingRetryAfter.incrementAndGet();
                }
              } else {
                failed.incrementAndGet();
              }
            });
        for (int i = 0; first / BATCH % kafkaEvery == 0 && i < BATCH; i++, sent++) {
          String id = kafkaPrefix + sent;
          producer.send(new ProducerRecord<>(Topics.EVENTS, id, new JsonObject().put("eventId", id)
              .put("userId", run + "k" + (sent % 500)).put("itemId", "i" + (sent % 2000)).put("type", "view").encode()));
        }
        next += periodMicros * 1_000;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          TimeUnit.NANOSECONDS.sleep(sleep);
        }
      }
      producer.flush();
    }
    long kafkaSent = sent;
    Kafka.await("HTTP answers", () -> inFlight.get() == 0, 60_000);
    assertTrue(app.isAlive(), "the app survived the overload (it exits on OutOfMemoryError)");

    // 3. Recovery: every Kafka record and every HTTP batch answered 202 stored, each once. A
    //    request the client gave up on (timeout) may or may not have been stored: it only bounds
    //    the count from above, as a client that retries it would be deduplicated.
    long recoverStart = System.nanoTime();
    long httpAccepted = accepted.get() - sequential;
    long[] lastLog = {System.nanoTime()};
    Kafka.await("every accepted event stored", () -> {
      long kafkaStored = stored(kafkaPrefix);
      long httpStored = stored(httpPrefix);
      if (System.nanoTime() - lastLog[0] > TimeUnit.SECONDS.toNanos(10)) {
        lastLog[0] = System.nanoTime();
        LOG.info("overload drain: kafka {}/{} http {}/{}", kafkaStored, kafkaSent, httpStored, httpAccepted);
      }
      return kafkaStored == kafkaSent && httpStored >= httpAccepted;
    }, 300_000);
    double recoverySeconds = (System.nanoTime() - recoverStart) / 1e9;
    long httpStored = stored(httpPrefix);
    long distinct = StoredEvents.of(pool, run).distinctIds();
    String metrics = Http.await(http.get("/metrics").send()).bodyAsString();
    double heapUsedMax = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    LOG.info("overload: sustainable={}/s offered over HTTP={}/s for {} s; http 202={} 503={} failed={} maxInFlight={}; kafka sent={}; "
            + "stored={} distinct={} (expected {}), drained {} s after the load; heap used now {} MB of {} MB",
        Math.round(sustainable), Math.round(offered), OVERLOAD_SECONDS, ok.get(), shed.get(), failed.get(), maxInFlight.get(),
        kafkaSent, stored(run), distinct, sequential + httpAccepted + kafkaSent, String.format("%.1f", recoverySeconds),
        Math.round(heapUsedMax / 1e6), HEAP_MB);
    assertEquals(stored(run), distinct, "no duplicates");
    assertTrue(httpStored <= httpAccepted + (long) failed.get() * BATCH, "nothing stored that was refused with 503");
    assertEquals(0, missingRetryAfter.get(), "every 503 carries Retry-After");
    assertTrue(shed.get() > 0, "HTTP shed load with 503 at 10× the sustainable rate");
    assertEquals(202, Http.await(http.post("/v1/events").putHeader("Content-Type", "application/json")
        .sendBuffer(batch(run + "after-", 0))).statusCode(), "intake works again after the overload");
  }
}
