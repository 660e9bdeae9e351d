package dev.recstream.app.embedded;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Vert.x Kafka clients and poll loops shared by the broker tests. */
final class KafkaTestClients {

  private static final Duration POLL = Duration.ofMillis(200);

  private KafkaTestClients() {
  }

  static KafkaProducer<String, String> producer(Vertx vertx, String bootstrapServers) {
    return KafkaProducer.create(vertx, Map.of(
        "bootstrap.servers", bootstrapServers,
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "acks", "all"));
  }

  /** A consumer that starts at the earliest record and commits only when told to. */
  static KafkaConsumer<String, String> consumer(Vertx vertx, String bootstrapServers, String groupId) {
    return KafkaConsumer.create(vertx, Map.of(
        "bootstrap.servers", bootstrapServers,
        "group.id", groupId,
        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "auto.offset.reset", "earliest",
        "enable.auto.commit", "false"));
  }

  /** Sends records {@code key-i -> value-i} for i in [from, from + count) and waits for every ack. */
  static Future<Void> send(KafkaProducer<String, String> producer, String topic, int from, int count) {
    List<Future<?>> acks = IntStream.range(from, from + count)
        .mapToObj(i -> producer.send(KafkaProducerRecord.create(topic, "key-" + i, "value-" + i)))
        .<Future<?>>map(ack -> ack)
        .toList();
    return Future.all(acks).mapEmpty();
  }

  /** Polls until at least {@code expected} records have arrived, failing after {@code timeout}. */
  static Future<List<KafkaConsumerRecord<String, String>>> pollUntil(
      KafkaConsumer<String, String> consumer, int expected, Duration timeout) {
    return pollUntil(consumer, expected, System.nanoTime() + timeout.toNanos(), new ArrayList<>());
  }

  private static Future<List<KafkaConsumerRecord<String, String>>> pollUntil(
      KafkaConsumer<String, String> consumer, int expected, long deadline,
      List<KafkaConsumerRecord<String, String>> received) {
    if (received.size() >= expected) {
      return Future.succeededFuture(received);
    }
    if (System.nanoTime() > deadline) {
      return Future.failedFuture("expected " + expected + " records but only " + received.size() + " arrived");
    }
    return consumer.poll(POLL).compose(records -> {
      addAll(records, received);
      return pollUntil(consumer, expected, deadline, received);
    });
  }

  /** Polls exactly {@code polls} times and returns whatever arrived, to show that nothing does. */
  static Future<List<KafkaConsumerRecord<String, String>>> pollTimes(KafkaConsumer<String, String> consumer, int polls) {
    return pollTimes(consumer, polls, new ArrayList<>());
  }

  private static Future<List<KafkaConsumerRecord<String, String>>> pollTimes(
      KafkaConsumer<String, String> consumer, int polls, List<KafkaConsumerRecord<String, String>> received) {
    if (polls == 0) {
      return Future.succeededFuture(received);
    }
    return consumer.poll(POLL).compose(records -> {
      addAll(records, received);
      return pollTimes(consumer, polls - 1, received);
    });
  }

  /**
   * Polls until the group coordinator has assigned partitions to a subscribed consumer, returning
   * any records that came with those polls so that a caller can insist there were none.
   */
  static Future<List<KafkaConsumerRecord<String, String>>> pollUntilAssigned(
      KafkaConsumer<String, String> consumer, Duration timeout) {
    return pollUntilAssigned(consumer, System.nanoTime() + timeout.toNanos(), new ArrayList<>());
  }

  private static Future<List<KafkaConsumerRecord<String, String>>> pollUntilAssigned(
      KafkaConsumer<String, String> consumer, long deadline, List<KafkaConsumerRecord<String, String>> received) {
    if (System.nanoTime() > deadline) {
      return Future.failedFuture("the consumer got no partitions assigned in time");
    }
    return consumer.poll(POLL)
        .compose(records -> {
          addAll(records, received);
          return consumer.assignment();
        })
        .compose(assigned -> assigned.isEmpty()
            ? pollUntilAssigned(consumer, deadline, received)
            : Future.succeededFuture(received));
  }

  /** The offsets to commit after processing {@code records}: one past the last record of each partition. */
  static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<KafkaConsumerRecord<String, String>> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (KafkaConsumerRecord<String, String> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      OffsetAndMetadata next = new OffsetAndMetadata(record.offset() + 1, "");
      offsets.merge(partition, next, (a, b) -> a.getOffset() >= b.getOffset() ? a : b);
    }
    return offsets;
  }

  private static void addAll(KafkaConsumerRecords<String, String> records, List<KafkaConsumerRecord<String, String>> into) {
    for (int i = 0; i < records.size(); i++) {
      into.add(records.recordAt(i));
    }
  }
}
