package dev.recstream.app.embedded;

import static dev.recstream.app.embedded.KafkaTestClients.consumer;
import static dev.recstream.app.embedded.KafkaTestClients.nextOffsets;
import static dev.recstream.app.embedded.KafkaTestClients.pollTimes;
import static dev.recstream.app.embedded.KafkaTestClients.pollUntil;
import static dev.recstream.app.embedded.KafkaTestClients.pollUntilAssigned;
import static dev.recstream.app.embedded.KafkaTestClients.producer;
import static dev.recstream.app.embedded.KafkaTestClients.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Vert.x Kafka client calls the application relies on against the in-process 4.4.0
 * broker, with kafka-clients 4.4.0 underneath a vertx-kafka-client built for 3.7.1.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The embedded Kafka broker")
class EmbeddedKafkaBrokerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  static Path logDir;

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.start(logDir, 0);
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @DisplayName("lets a second consumer of the same group resume exactly after the offsets the first one committed")
  void committedOffsetsTakeEffect(Vertx vertx, VertxTestContext testContext) {
    String topic = "commits";
    String group = "commit-group";
    broker.createTopics(Map.of(topic, 2));
    KafkaProducer<String, String> producer = producer(vertx, broker.bootstrapServers());
    KafkaConsumer<String, String> first = consumer(vertx, broker.bootstrapServers(), group);
    KafkaConsumer<String, String> second = consumer(vertx, broker.bootstrapServers(), group);

    send(producer, topic, 0, 100)
        .compose(v -> first.subscribe(topic))
        .compose(v -> pollUntil(first, 100, TIMEOUT))
        .compose(records -> {
          testContext.verify(() -> assertEquals(100, records.size()));
          return first.commit(nextOffsets(records));
        })
        .compose(committed -> {
          testContext.verify(() -> assertEquals(100, committed.values().stream()
              .mapToLong(offset -> offset.getOffset()).sum(), "committed offsets of both partitions"));
          return first.close();
        })
        .compose(v -> second.subscribe(topic))
        .compose(v -> pollUntilAssigned(second, TIMEOUT))
        .compose(early -> pollTimes(second, 3).map(late -> early.size() + late.size()))
        .compose(oldRecords -> {
          testContext.verify(() -> assertEquals(0, oldRecords, "records the first consumer had committed"));
          return send(producer, topic, 100, 1);
        })
        .compose(v -> pollUntil(second, 1, TIMEOUT))
        .compose(records -> pollTimes(second, 2).map(late -> {
          records.addAll(late);
          return records;
        }))
        .eventually(() -> Future.join(second.close(), producer.close()))
        .onComplete(testContext.succeeding(records -> testContext.verify(() -> {
          assertEquals(1, records.size(), "records after the commit");
          assertEquals("value-100", records.get(0).value());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("holds back a paused partition's records until the partition is resumed")
  void pauseAndResumePartition(Vertx vertx, VertxTestContext testContext) {
    String topic = "pausing";
    broker.createTopics(Map.of(topic, 1));
    TopicPartition partition = new TopicPartition(topic, 0);
    KafkaProducer<String, String> producer = producer(vertx, broker.bootstrapServers());
    // assign() rather than subscribe(): pausing needs the partition assigned before the first poll.
    KafkaConsumer<String, String> consumer = consumer(vertx, broker.bootstrapServers(), "pause-group");

    consumer.assign(partition)
        .compose(v -> consumer.pause(partition))
        .compose(v -> send(producer, topic, 0, 5))
        .compose(v -> pollTimes(consumer, 3))
        .compose(whilePaused -> {
          testContext.verify(() -> assertEquals(0, whilePaused.size(), "records while paused"));
          return consumer.paused();
        })
        .compose(paused -> {
          testContext.verify(() -> assertEquals(Set.of(partition), paused));
          return consumer.resume(partition);
        })
        .compose(v -> pollUntil(consumer, 5, TIMEOUT))
        .eventually(() -> Future.join(consumer.close(), producer.close()))
        .onComplete(testContext.succeeding(records -> testContext.verify(() -> {
          assertEquals(5, records.size(), "records after resuming");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("delivers the string and binary headers a producer record carries")
  void producerHeadersArrive(Vertx vertx, VertxTestContext testContext) {
    String topic = "headers";
    broker.createTopics(Map.of(topic, 1));
    KafkaProducer<String, String> producer = producer(vertx, broker.bootstrapServers());
    KafkaConsumer<String, String> consumer = consumer(vertx, broker.bootstrapServers(), "header-group");
    KafkaProducerRecord<String, String> record = KafkaProducerRecord.create(topic, "user-1", "clicked")
        .addHeader("trace-id", "trace-42")
        .addHeader("schema", Buffer.buffer(new byte[] {1, 2, 3}));

    producer.send(record)
        .compose(metadata -> consumer.assign(new TopicPartition(topic, 0)))
        .compose(v -> pollUntil(consumer, 1, TIMEOUT))
        .eventually(() -> Future.join(consumer.close(), producer.close()))
        .onComplete(testContext.succeeding(records -> testContext.verify(() -> {
          Map<String, Buffer> headers = headersOf(records.get(0));
          assertEquals("user-1", records.get(0).key());
          assertEquals(Buffer.buffer("trace-42"), headers.get("trace-id"));
          assertEquals(Buffer.buffer(new byte[] {1, 2, 3}), headers.get("schema"));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("accepts a second creation of an existing topic without an error")
  void createTopicsIsIdempotent(Vertx vertx, VertxTestContext testContext) {
    broker.createTopics(Map.of("twice", 3));
    broker.createTopics(Map.of("twice", 3, "once", 1));
    KafkaConsumer<String, String> consumer = consumer(vertx, broker.bootstrapServers(), "list-group");
    consumer.listTopics()
        .eventually(consumer::close)
        .onComplete(testContext.succeeding(topics -> testContext.verify(() -> {
          assertTrue(topics.keySet().containsAll(List.of("twice", "once")), "topics " + topics.keySet());
          assertEquals(3, topics.get("twice").size(), "partitions of the topic created twice");
          testContext.completeNow();
        })));
  }

  private static Map<String, Buffer> headersOf(KafkaConsumerRecord<String, String> record) {
    return record.headers().stream().collect(Collectors.toMap(KafkaHeader::key, KafkaHeader::value));
  }
}
