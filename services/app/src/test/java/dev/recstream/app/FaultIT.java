package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.app.embedded.EmbeddedKafkaBroker;
import dev.recstream.app.embedded.EmbeddedPostgresServer;
import dev.recstream.gateway.GatewayVerticle;
import dev.recstream.ingestion.Topics;
import dev.recstream.shared.config.ConfigLoader;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.config.Setting;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults survived (issue #4): a system of its own — embedded PostgreSQL and Kafka that the tests
 * stop and restart under load, every service in this JVM — and every test counts: events sent =
 * events stored, no duplicates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Faults: PostgreSQL down, Kafka restarted, batches delivered twice")
class FaultIT {
  private static final Logger LOG = LoggerFactory.getLogger(FaultIT.class);

  private Path dir;
  private EmbeddedPostgresServer postgres;
  private int pgPort;
  private EmbeddedKafkaBroker kafka;
  private int kafkaPort;
  private Node node;
  private WebClient http;
  private Pool pool;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("recstream-fault");
    postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
    pgPort = postgres.port();
    kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    kafkaPort = kafka.port();
    kafka.createTopics(Map.of(Topics.EVENTS, 2, Topics.EVENTS_DLQ, 1));
    Map<Setting, Object> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.HTTP_PORT, 0);
    flags.put(Setting.PG_URL, postgres.url());
    flags.put(Setting.KAFKA_BOOTSTRAP, kafka.bootstrapServers());
    flags.put(Setting.RETRAIN_MINUTES, 0);
    RecstreamConfig config = ConfigLoader.load(RecstreamConfig.defaults().put(Setting.HTTP_HOST.key(), "127.0.0.1"),
        null, Map.of(), flags);
    node = Node.start(config, List.of(Service.values()), false).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    int port = (Integer) node.vertx().sharedData().getLocalMap(GatewayVerticle.LOCAL_MAP).get(GatewayVerticle.ACTUAL_PORT_KEY);
    http = WebClient.create(node.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(postgres.url())).using(node.vertx()).build();
  }

  @AfterAll
  void stop() throws Exception {
    node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    kafka.close();
    postgres.close();
    TempDirs.delete(dir);
  }

  private long[] stored(String prefix) {
    StoredEvents counts = StoredEvents.of(pool, prefix);
    return new long[] {counts.rows(), counts.distinctIds()};
  }

  private static String event(String id, String user) {
    return new JsonObject().put("eventId", id).put("userId", user).put("itemId", "item-" + (id.hashCode() & 31))
        .put("type", "view").encode();
  }

  private HttpResponse<Buffer> post(String body) {
    return Http.await(http.post("/v1/events").putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  @Test
  @DisplayName("PostgreSQL stopped for 10 s during ingestion: HTTP answers 503 with Retry-After, Kafka waits, all resumes; sent = stored")
  void postgresDownForTenSeconds() throws Exception {
    String run = "pgdown-" + UUID.randomUUID() + "-";
    AtomicBoolean sending = new AtomicBoolean(true);
    List<String> httpAccepted = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Integer> httpStatuses = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> retryAfter = new java.util.concurrent.CopyOnWriteArrayList<>();
    int kafkaSent;
    try (KafkaProducer<String, String> producer = Kafka.producer(kafka.bootstrapServers())) {
      CompletableFuture<Void> httpClient = CompletableFuture.runAsync(() -> {
        for (int i = 0; sending.get(); i++) {
          String id = run + "http-" + i;
          HttpResponse<Buffer> r = post(event(id, run + "h" + (i % 7)));
          httpStatuses.add(r.statusCode());
          if (r.statusCode() == 202) {
            httpAccepted.add(id);
          } else if (r.statusCode() == 503) {
            retryAfter.add(r.getHeader("Retry-After"));
          }
          sleep(50);
        }
      });
      int i = 0;
      long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < stopAt) {
        Kafka.send(producer, Topics.EVENTS, run + "k" + (i % 11), event(run + "kafka-" + i, run + "k" + (i % 11)));
        i++;
        sleep(10);
      }
      postgres.close();
      long downAt = System.nanoTime();
      LOG.info("fault: PostgreSQL stopped");
      while (System.nanoTime() - downAt < TimeUnit.SECONDS.toNanos(10)) {
        Kafka.send(producer, Topics.EVENTS, run + "k" + (i % 11), event(run + "kafka-" + i, run + "k" + (i % 11)));
        i++;
        sleep(10);
      }
      postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), pgPort);
      long upAt = System.nanoTime();
      LOG.info("fault: PostgreSQL started again");
      stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (System.nanoTime() < stopAt) {
        Kafka.send(producer, Topics.EVENTS, run + "k" + (i % 11), event(run + "kafka-" + i, run + "k" + (i % 11)));
        i++;
        sleep(10);
      }
      sending.set(false);
      httpClient.get(30, TimeUnit.SECONDS);
      kafkaSent = i;
      long expected = kafkaSent + httpAccepted.size();
      Kafka.await("every accepted event stored", () -> stored(run)[0] == expected, 60_000);
      double recoverySeconds = (System.nanoTime() - upAt) / 1e9;
      long[] counts = stored(run);
      LOG.info("fault pg-down: sent kafka={} http202={} http503={} stored={} distinct={} allStoredSecondsAfterRestart={}",
          kafkaSent, httpAccepted.size(), retryAfter.size(), counts[0], counts[1], String.format("%.1f", recoverySeconds));
      assertEquals(expected, counts[0]);
      assertEquals(counts[0], counts[1], "no duplicates");
    }
    assertTrue(retryAfter.size() > 0, "HTTP intake refused with 503 while the database was down: " + httpStatuses);
    assertTrue(retryAfter.stream().allMatch(r -> r != null && Integer.parseInt(r) >= 1), "every 503 carries Retry-After");
    assertEquals(202, httpStatuses.get(httpStatuses.size() - 1), "HTTP intake resumed by itself");
  }

  @Test
  @DisplayName("the Kafka broker restarted mid-stream: the consumer reconnects by itself; sent = stored")
  void kafkaRestarted() throws Exception {
    String run = "kafkarestart-" + UUID.randomUUID() + "-";
    int sent = 0;
    try (KafkaProducer<String, String> producer = Kafka.producer(kafka.bootstrapServers())) {
      for (; sent < 500; sent++) {
        Kafka.send(producer, Topics.EVENTS, run + (sent % 5), event(run + sent, run + (sent % 5)));
      }
    }
    kafka.close();
    LOG.info("fault: Kafka stopped");
    sleep(2_000);
    kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), kafkaPort);
    long upAt = System.nanoTime();
    LOG.info("fault: Kafka started again");
    try (KafkaProducer<String, String> producer = Kafka.producer(kafka.bootstrapServers())) {
      for (; sent < 1000; sent++) {
        Kafka.send(producer, Topics.EVENTS, run + (sent % 5), event(run + sent, run + (sent % 5)));
      }
    }
    int total = sent;
    Kafka.await("every event stored after the broker restart", () -> stored(run)[0] == total, 90_000);
    long[] counts = stored(run);
    LOG.info("fault kafka-restart: sent={} stored={} distinct={} allStoredSecondsAfterRestart={}", total, counts[0], counts[1],
        String.format("%.1f", (System.nanoTime() - upAt) / 1e9));
    assertEquals(total, counts[0]);
    assertEquals(counts[0], counts[1], "no duplicates");
  }

  @Test
  @DisplayName("the same batch delivered twice over HTTP and over Kafka is stored once")
  void sameBatchTwice() throws Exception {
    String run = "twice-" + UUID.randomUUID() + "-";
    JsonArray batch = new JsonArray();
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      batch.add(new JsonObject(event(run + "http-" + i, run + "u" + (i % 3))));
      records.add(event(run + "kafka-" + i, run + "u" + (i % 3)));
    }
    assertEquals(202, post(batch.encode()).statusCode());
    assertEquals(202, post(batch.encode()).statusCode(), "a client retry is accepted, and stored once");
    try (KafkaProducer<String, String> producer = Kafka.producer(kafka.bootstrapServers())) {
      for (int round = 0; round < 2; round++) {
        for (String r : records) {
          Kafka.send(producer, Topics.EVENTS, run, r);
        }
      }
    }
    Kafka.await("the Kafka copies consumed", () -> Kafka.caughtUp(kafka.bootstrapServers(), "recstream-ingestion", Topics.EVENTS), 30_000);
    long[] counts = stored(run);
    LOG.info("fault twice: sent=800 (400 distinct) stored={} distinct={}", counts[0], counts[1]);
    assertEquals(400, counts[0]);
    assertEquals(400, counts[1]);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
