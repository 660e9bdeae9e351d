package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.ingestion.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recstream dev} as a user runs it, in a child JVM (issue #11): the README's "Try it"
 * commands give answers of the shapes it shows; a second {@code dev} on the same data directory is
 * refused; a misspelled setting stops {@code dev} before it starts anything; and {@code dev}
 * killed with SIGKILL mid-stream (its PostgreSQL left running as an orphan) starts again on the
 * same directory and ports with every event sent stored exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("recstream dev in its own process")
class DevProcessIT {
  private static final Logger LOG = LoggerFactory.getLogger(DevProcessIT.class);
  private static final int HEAP_MB = 768;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Path dataDir;
  private int httpPort;
  private int pgPort;
  private int kafkaPort;
  private ChildApp dev;

  @BeforeAll
  void start() throws Exception {
    dataDir = Files.createTempDirectory("recstream-dev-it");
    httpPort = ChildApp.freePort();
    pgPort = ChildApp.freePort();
    kafkaPort = ChildApp.freePort();
    dev = startDev();
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (dev != null) {
      dev.stop();
    }
    TempDirs.delete(dataDir);
  }

  private ChildApp startDev() throws Exception {
    return ChildApp.dev(HEAP_MB, List.of("--data-dir", dataDir.toString(), "--http-port", Integer.toString(httpPort),
        "--pg-port", Integer.toString(pgPort), "--kafka-port", Integer.toString(kafkaPort)), Map.of());
  }

  @Test
  @Order(1)
  @DisplayName("the README's Try it commands answer in the shapes the README shows")
  void readmeTryIt() throws Exception {
    List<ReadmeExamples.Example> examples = ReadmeExamples.section(ReadmeExamples.readme(), "## Try it");
    assertTrue(examples.size() >= 4, "the Try it section has its examples: " + examples.size());
    for (ReadmeExamples.Example example : examples) {
      String command = ReadmeExamples.onPort(example.command(), httpPort);
      String output = bash(command);
      if (example.shownOutput() == null) {
        continue;
      }
      List<String> differences = ReadmeExamples.shapeDifferences(example.shownOutput(), output);
      // The model learns an event a moment after it is stored: a read may be retried, briefly.
      for (int retry = 0; !differences.isEmpty() && example.isRepeatable() && retry < 20; retry++) {
        Thread.sleep(250);
        output = bash(command);
        differences = ReadmeExamples.shapeDifferences(example.shownOutput(), output);
      }
      assertEquals(List.of(), differences, "README command\n" + example.command() + "\nprinted\n" + output);
    }
  }

  @Test
  @Order(2)
  @DisplayName("a second dev on the same data directory is refused with a sentence naming the first")
  void secondDevRefused() throws Exception {
    ChildApp second = ChildApp.runToEnd(256, List.of("dev", "--data-dir", dataDir.toString(), "--http-port", "0"), Map.of());
    assertEquals(1, second.exitValue(), String.join("\n", second.output()));
    assertTrue(second.output().contains("recstream: the data directory " + dataDir.toAbsolutePath().normalize()
            + " is in use by another recstream dev (pid " + dev.pid() + "); stop that one first, or give this one its own --data-dir"),
        String.join("\n", second.output()));
    assertTrue(dev.isAlive(), "the first dev keeps running");
  }

  @Test
  @Order(3)
  @DisplayName("a misspelled setting stops dev before either server starts")
  void typoStopsBeforeStart() throws Exception {
    Path fresh = Files.createTempDirectory("recstream-dev-typo");
    try {
      long started = System.nanoTime();
      ChildApp typo = ChildApp.runToEnd(256, List.of("dev", "--data-dir", fresh.resolve("data").toString()),
          Map.of("RECSTREAM_HTTP_PROT", "8080"));
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info("dev with a misspelled setting ended seconds={}", String.format("%.2f", seconds));
      assertEquals(2, typo.exitValue(), String.join("\n", typo.output()));
      assertTrue(typo.output().stream().anyMatch(line -> line.startsWith("recstream: unknown environment variable RECSTREAM_HTTP_PROT")),
          String.join("\n", typo.output()));
      assertFalse(Files.exists(fresh.resolve("data")), "nothing was started or created");
    } finally {
      TempDirs.delete(fresh);
    }
  }

  @Test
  @Order(4)
  @DisplayName("SIGKILL mid-stream over HTTP and Kafka, start again on the same directory and ports: sent = stored, once each")
  void killedAndRestarted() throws Exception {
    String run = "devkill-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String bootstrap = "127.0.0.1:" + kafkaPort;
    List<JsonArray> unacknowledged = new ArrayList<>();
    int httpSent = 0;
    int kafkaSent = 0;
    try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap)) {
      Thread killer = null;
      for (int batch = 0; batch < 400; batch++) {
        JsonArray events = new JsonArray();
        for (int i = 0; i < 20; i++, httpSent++) {
          events.add(event(run + "h-" + httpSent, run + "u" + (httpSent % 17), "i" + (httpSent % 40)));
        }
        // Kafka records stop once the kill is under way: a send to a broker that is down blocks
        // for a minute. The last ones are still in the producer's buffer or unconsumed at the kill.
        for (int i = 0; killer == null && i < 20; i++, kafkaSent++) {
          String user = run + "u" + (kafkaSent % 17);
          producer.send(new ProducerRecord<>(Topics.EVENTS, user, event(run + "k-" + kafkaSent, user, "i" + (kafkaSent % 40)).encode()));
        }
        if (!post(events)) {
          unacknowledged.add(events);
        }
        if (batch == 30) {
          killer = new Thread(() -> LOG.info("dev killed exit={}", uncheckedKill()), "dev-killer");
          killer.start();
        }
        if (killer != null && !killer.isAlive() && !unacknowledged.isEmpty()) {
          break;
        }
      }
      assertFalse(dev.isAlive(), "dev was killed mid-stream");
      assertTrue(postmasterRunning(dataDir.resolve("postgres")),
          "the killed dev's PostgreSQL is left running, as after a real crash");

      long restartStarted = System.nanoTime();
      dev = startDev();
      LOG.info("dev started again on the same directory and ports seconds={}", String.format("%.1f", (System.nanoTime() - restartStarted) / 1e9));
      // A client resends what was not acknowledged; what was acknowledged must already be stored.
      for (JsonArray events : unacknowledged) {
        assertTrue(post(events), "a resent batch is accepted after the restart");
      }
      for (int i = 0; i < 200; i++, kafkaSent++) {
        String user = run + "u" + (kafkaSent % 17);
        producer.send(new ProducerRecord<>(Topics.EVENTS, user, event(run + "k-" + kafkaSent, user, "i" + (kafkaSent % 40)).encode()));
      }
      producer.flush();
    }
    long total = httpSent + kafkaSent;
    try (PgCounter counter = new PgCounter("postgresql://postgres:postgres@127.0.0.1:" + pgPort + "/postgres")) {
      Kafka.await("every event stored after the restart", () -> counter.count(run).rows() == total, 90_000);
      StoredEvents stored = counter.count(run);
      LOG.info("dev sigkill: httpSent={} kafkaSent={} unacknowledgedBatches={} stored={} distinct={}",
          httpSent, kafkaSent, unacknowledged.size(), stored.rows(), stored.distinctIds());
      assertEquals(total, stored.rows());
      assertEquals(stored.rows(), stored.distinctIds(), "no duplicates");
    }
  }

  /** Whether the server named by the directory's postmaster.pid is running. */
  private static boolean postmasterRunning(Path postgresDir) throws IOException {
    Path pidFile = postgresDir.resolve("postmaster.pid");
    return Files.isRegularFile(pidFile)
        && ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim())).map(ProcessHandle::isAlive).orElse(false);
  }

  private int uncheckedKill() {
    try {
      return dev.kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static JsonObject event(String eventId, String userId, String itemId) {
    return new JsonObject().put("eventId", eventId).put("userId", userId).put("itemId", itemId).put("type", "view");
  }

  /** Whether the batch was acknowledged (202): then it is stored, whatever happens next. */
  private boolean post(JsonArray events) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v1/events"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(events.encode()))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 202) {
        assertEquals(events.size(), new JsonObject(response.body()).getInteger("accepted"), response.body());
        return true;
      }
      return false;
    } catch (IOException notAnswered) {
      return false;
    }
  }

  /** What {@code command} prints on stdout; its stderr (curl's progress meter) only in a failure's message. */
  private static String bash(String command) throws Exception {
    Path errors = Files.createTempFile("readme-command", ".err");
    try {
      Process process = new ProcessBuilder("bash", "-c", command).redirectError(errors.toFile()).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "README command ended: " + command);
      assertEquals(0, process.exitValue(), "README command\n" + command + "\nprinted\n" + output + Files.readString(errors));
      return output;
    } finally {
      Files.delete(errors);
    }
  }

  /** A pool on the dev's PostgreSQL, for counting what it stored. */
  private static final class PgCounter implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final Pool pool;

    PgCounter(String url) {
      pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
    }

    StoredEvents count(String prefix) {
      return StoredEvents.of(pool, prefix);
    }

    @Override
    public void close() throws Exception {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
