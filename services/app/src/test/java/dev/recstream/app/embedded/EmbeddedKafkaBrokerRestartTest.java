package dev.recstream.app.embedded;

import static dev.recstream.app.embedded.KafkaTestClients.consumer;
import static dev.recstream.app.embedded.KafkaTestClients.nextOffsets;
import static dev.recstream.app.embedded.KafkaTestClients.pollTimes;
import static dev.recstream.app.embedded.KafkaTestClients.pollUntil;
import static dev.recstream.app.embedded.KafkaTestClients.pollUntilAssigned;
import static dev.recstream.app.embedded.KafkaTestClients.producer;
import static dev.recstream.app.embedded.KafkaTestClients.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@DisplayName("The embedded Kafka broker on a persistent log directory")
class EmbeddedKafkaBrokerRestartTest {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBrokerRestartTest.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String TOPIC = "survivors";
  private static final String GROUP = "committed-before-restart";

  @TempDir
  Path logDir;

  private volatile EmbeddedKafkaBroker broker;

  @AfterEach
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @DisplayName("still has its topic, its records and the offsets a group committed after a restart on the same directory and port")
  void keepsTopicsRecordsAndOffsets(Vertx vertx, VertxTestContext testContext) {
    broker = timed("first start", () -> EmbeddedKafkaBroker.start(logDir, 0));
    broker.createTopics(Map.of(TOPIC, 2));

    produceAndCommit(vertx)
        .compose(v -> vertx.executeBlocking(this::restart))
        .compose(v -> listTopics(vertx))
        .compose(topics -> {
          testContext.verify(() -> assertTrue(topics.contains(TOPIC), "topics after restart " + topics));
          return readAll(vertx, "fresh-group", 10);
        })
        .compose(records -> {
          testContext.verify(() -> assertEquals(expectedValues(10), valuesOf(records)));
          return readWithCommittedGroup(vertx);
        })
        .onComplete(testContext.succeeding(records -> testContext.verify(() -> {
          assertEquals(Set.of("value-10"), valuesOf(records),
              "records read by the group that had committed offsets 0-9 before the restart");
          assertEquals(1, records.size());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses a client port that is already taken, with a message naming the port and the log directory")
  void refusesBusyPort() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();
      IllegalStateException failure = assertThrows(IllegalStateException.class,
          () -> EmbeddedKafkaBroker.start(logDir, port));
      assertEquals("could not start the embedded Kafka broker on port " + port + " with logs in "
          + logDir.toAbsolutePath() + ": port " + port + " on 127.0.0.1 is already in use", failure.getMessage());
    }
  }

  private Future<Void> produceAndCommit(Vertx vertx) {
    KafkaProducer<String, String> producer = producer(vertx, broker.bootstrapServers());
    KafkaConsumer<String, String> consumer = consumer(vertx, broker.bootstrapServers(), GROUP);
    return send(producer, TOPIC, 0, 10)
        .compose(v -> consumer.subscribe(TOPIC))
        .compose(v -> pollUntil(consumer, 10, TIMEOUT))
        .compose(records -> consumer.commit(nextOffsets(records)))
        .<Void>mapEmpty()
        .eventually(() -> Future.join(consumer.close(), producer.close()));
  }

  private Void restart() {
    int port = broker.port();
    timed("stop", () -> {
      broker.close();
      return null;
    });
    broker = timed("warm start", () -> EmbeddedKafkaBroker.start(logDir, port));
    // Declaring the topics again at every start is what the application does.
    broker.createTopics(Map.of(TOPIC, 2));
    return null;
  }

  private Future<Set<String>> listTopics(Vertx vertx) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", broker.bootstrapServers()));
    return admin.listTopics().eventually(admin::close);
  }

  private Future<List<KafkaConsumerRecord<String, String>>> readAll(Vertx vertx, String group, int expected) {
    KafkaConsumer<String, String> consumer = consumer(vertx, broker.bootstrapServers(), group);
    return consumer.subscribe(TOPIC)
        .compose(v -> pollUntil(consumer, expected, TIMEOUT))
        .eventually(consumer::close);
  }

  /**
   * Reads with the group that committed before the restart: nothing old may arrive, and a record
   * produced now must, which shows the consumer was really fetching while nothing came.
   */
  private Future<List<KafkaConsumerRecord<String, String>>> readWithCommittedGroup(Vertx vertx) {
    KafkaConsumer<String, String> consumer = consumer(vertx, broker.bootstrapServers(), GROUP);
    KafkaProducer<String, String> producer = producer(vertx, broker.bootstrapServers());
    return consumer.subscribe(TOPIC)
        .compose(v -> pollUntilAssigned(consumer, TIMEOUT))
        .compose(early -> pollTimes(consumer, 3).map(late -> {
          early.addAll(late);
          return early;
        }))
        .compose(old -> send(producer, TOPIC, 10, 1)
            .compose(v -> pollUntil(consumer, 1, TIMEOUT))
            .map(fresh -> {
              old.addAll(fresh);
              return old;
            }))
        .eventually(() -> Future.join(consumer.close(), producer.close()));
  }

  private static Set<String> expectedValues(int count) {
    return IntStream.range(0, count).mapToObj(i -> "value-" + i).collect(Collectors.toSet());
  }

  private static Set<String> valuesOf(List<KafkaConsumerRecord<String, String>> records) {
    return records.stream().map(KafkaConsumerRecord::value).collect(Collectors.toSet());
  }

  private static <T> T timed(String step, Supplier<T> action) {
    long startNanos = System.nanoTime();
    T result = action.get();
    LOG.info("kafka {} millis={}", step, (System.nanoTime() - startNanos) / 1_000_000);
    return result;
  }
}
