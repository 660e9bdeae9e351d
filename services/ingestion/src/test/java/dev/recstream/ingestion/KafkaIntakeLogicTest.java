package dev.recstream.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.shared.event.BehaviorEvent;
import dev.recstream.shared.event.EventType;
import dev.recstream.shared.event.ValidationResult;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordsImpl;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("KafkaIntake's pure logic: validating records and choosing offsets to commit")
class KafkaIntakeLogicTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  private static final String VIEW = "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}";

  private static ConsumerRecord<String, byte[]> raw(String topic, int partition, long offset, String value) {
    return new ConsumerRecord<>(topic, partition, offset, "u1", value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static KafkaConsumerRecord<String, byte[]> record(int partition, long offset, String value) {
    return new KafkaConsumerRecordImpl<>(raw(Topics.EVENTS, partition, offset, value));
  }

  /** Records as one poll returns them: grouped by partition, in the order given within each. */
  @SafeVarargs
  private static KafkaConsumerRecords<String, byte[]> batch(ConsumerRecord<String, byte[]>... records) {
    Map<org.apache.kafka.common.TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = List.of(records)
        .stream()
        .collect(Collectors.groupingBy(r -> new org.apache.kafka.common.TopicPartition(r.topic(), r.partition()),
            LinkedHashMap::new, Collectors.toList()));
    return new KafkaConsumerRecordsImpl<>(new ConsumerRecords<>(byPartition, Map.of()));
  }

  private static Map<TopicPartition, Long> offsets(KafkaConsumerRecords<String, byte[]> records) {
    return KafkaIntake.nextOffsets(records).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getOffset()));
  }

  @Nested
  @DisplayName("validate")
  class Validate {

    @Test
    @DisplayName("accepts a valid record as its event")
    void validRecordPasses() {
      ValidationResult result = KafkaIntake.validate(
          record(0, 7, "{\"eventId\":\"e-1\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"add_to_cart\",\"ts\":\"2026-11-23T10:00:00Z\"}"),
          NOW);

      assertTrue(result.isValid(), result::reason);
      BehaviorEvent event = result.event();
      assertEquals("e-1", event.eventId());
      assertEquals("u1", event.userId());
      assertEquals("i1", event.itemId());
      assertEquals(EventType.ADD_TO_CART, event.type());
      assertEquals(Instant.parse("2026-11-23T10:00:00Z"), event.ts());
    }

    @Test
    @DisplayName("gives an event without an id the default kafka:<topic>:<partition>:<offset>")
    void defaultEventIdIsTheRecordCoordinates() {
      ValidationResult result = KafkaIntake.validate(record(3, 42, VIEW), NOW);

      assertTrue(result.isValid(), result::reason);
      assertEquals("kafka:recstream.events:3:42", result.event().eventId());
    }

    @Test
    @DisplayName("the default id follows the record's own topic")
    void defaultEventIdUsesTheRecordTopic() {
      ValidationResult result = KafkaIntake.validate(new KafkaConsumerRecordImpl<>(raw("other.topic", 0, 0, VIEW)), NOW);

      assertEquals("kafka:other.topic:0:0", result.event().eventId());
    }

    @Test
    @DisplayName("an event without ts is stamped with the time of receipt")
    void missingTsIsNow() {
      assertEquals(NOW, KafkaIntake.validate(record(0, 1, VIEW), NOW).event().ts());
    }

    @ParameterizedTest(name = "value \"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t"})
    @DisplayName("rejects a record without a value")
    void nullOrBlankValue(String value) {
      ValidationResult result = KafkaIntake.validate(record(0, 1, value), NOW);

      assertFalse(result.isValid());
      assertEquals(List.of("event: the record has no value"), result.reasons());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{", "{\"userId\":", "not json", "{\"userId\":\"u1\",}", "{} {}"})
    @DisplayName("rejects invalid JSON with a reason starting 'event: invalid JSON'")
    void invalidJson(String value) {
      ValidationResult result = KafkaIntake.validate(record(0, 1, value), NOW);

      assertFalse(result.isValid());
      assertEquals(1, result.reasons().size(), result::reason);
      assertTrue(result.reason().startsWith("event: invalid JSON"), result::reason);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[" + VIEW + "]", "42", "\"text\"", "null"})
    @DisplayName("rejects JSON that is not an object")
    void notAnObject(String value) {
      ValidationResult result = KafkaIntake.validate(record(0, 1, value), NOW);

      assertEquals(List.of("event: must be a JSON object"), result.reasons());
    }

    @Test
    @DisplayName("passes on the validator's reasons for a well-formed but invalid event")
    void invalidEventReasons() {
      ValidationResult result = KafkaIntake.validate(record(0, 1, "{\"itemId\":\"i1\",\"type\":\"teleport\"}"), NOW);

      assertFalse(result.isValid());
      assertTrue(result.reasons().contains("userId: required"), result::reason);
      assertTrue(result.reasons().stream().anyMatch(r -> r.startsWith("type: must be one of")), result::reason);
    }
  }

  @Nested
  @DisplayName("nextOffsets")
  class NextOffsets {

    @Test
    @DisplayName("commits the highest offset + 1 of each partition")
    void maxOffsetPlusOnePerPartition() {
      KafkaConsumerRecords<String, byte[]> records = batch(
          raw(Topics.EVENTS, 0, 10, VIEW),
          raw(Topics.EVENTS, 0, 12, VIEW),
          raw(Topics.EVENTS, 0, 11, VIEW),
          raw(Topics.EVENTS, 1, 5, VIEW),
          raw(Topics.EVENTS, 2, 0, null));

      assertEquals(Map.of(
          new TopicPartition(Topics.EVENTS, 0), 13L,
          new TopicPartition(Topics.EVENTS, 1), 6L,
          new TopicPartition(Topics.EVENTS, 2), 1L), offsets(records));
    }

    @Test
    @DisplayName("keeps the same partition number of different topics apart")
    void topicsKeptApart() {
      KafkaConsumerRecords<String, byte[]> records = batch(
          raw("a", 0, 3, VIEW),
          raw("b", 0, 99, VIEW));

      assertEquals(Map.of(new TopicPartition("a", 0), 4L, new TopicPartition("b", 0), 100L), offsets(records));
    }

    @Test
    @DisplayName("commits nothing for an empty poll")
    void emptyPoll() {
      assertEquals(Map.of(), KafkaIntake.nextOffsets(batch()));
    }

    @Test
    @DisplayName("attaches empty metadata to each offset")
    void emptyMetadata() {
      Map<TopicPartition, OffsetAndMetadata> offsets = KafkaIntake.nextOffsets(batch(raw(Topics.EVENTS, 4, 8, VIEW)));

      OffsetAndMetadata only = offsets.get(new TopicPartition(Topics.EVENTS, 4));
      assertEquals(9L, only.getOffset());
      assertEquals("", only.getMetadata());
    }
  }
}
