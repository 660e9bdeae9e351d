package dev.recstream.ingestion;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.EventBatch;
import dev.recstream.shared.bus.IntakeStats;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.event.BehaviorEvent;
import dev.recstream.shared.event.EventValidator;
import dev.recstream.shared.event.ValidationResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.time.Instant;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code recstream.events} in a pipelined poll → validate → store → commit loop: while one
 * batch is being stored, the next is already polled and validated, so a record that arrives
 * during a write waits for that write only, not for a commit and a poll as well.
 *
 * <ul>
 *   <li>Offsets of a batch are committed only after the store has committed it (at-least-once
 *       delivery; the store is idempotent by eventId, so nothing is lost or doubled).
 *   <li>One batch is in the store at a time and batches go in poll order, so a user's events are
 *       stored in their order even with several store nodes.
 *   <li>While the store cannot take events, the loop seeks back to the first record it has not
 *       stored (of the failed batch and the one polled behind it) and retries after a backoff:
 *       the consumer holds still instead of buffering.
 *   <li>Invalid records go to the DLQ with the reason and never stall the partition.
 * </ul>
 */
final class KafkaIntake {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaIntake.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final long RETRY_BACKOFF_MS = 1_000;
  private static final long STORE_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final RecstreamConfig config;
  private KafkaConsumer<String, byte[]> consumer;
  private KafkaProducer<String, byte[]> dlq;
  private volatile boolean stopping;
  private final Promise<Void> loopDone = Promise.promise();

  /** A polled batch on its way to the store. */
  private record InStore(KafkaConsumerRecords<String, byte[]> records, Future<?> stored) {}

  /** The batch the store is writing (or has written); its records are committed once it is stored. */
  private InStore inStore = new InStore(null, Future.succeededFuture());
  /** The newest offset commit, which a stop waits for before closing the consumer. */
  private Future<Void> lastCommit = Future.succeededFuture();

  KafkaIntake(Vertx vertx, RecstreamConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  Future<Void> start() {
    consumer = KafkaConsumer.create(vertx, consumerConfig());
    dlq = KafkaProducer.create(vertx, producerConfig());
    consumer.exceptionHandler(e -> LOG.warn("kafka consumer error reason={}", e.getMessage()));
    return consumer.subscribe(Topics.EVENTS)
        .onSuccess(v -> {
          LOG.info("kafka intake subscribed topic={} group={} bootstrap={}", Topics.EVENTS, config.kafkaGroupId(), config.kafkaBootstrapServers());
          pollNext();
        });
  }

  /** Finishes the batch in hand (store + commit), then closes the clients. */
  Future<Void> stop() {
    stopping = true;
    return loopDone.future()
        .eventually(() -> consumer.close())
        .eventually(() -> dlq.close());
  }

  /** Whether the broker answers: a metadata request for the DLQ topic. */
  Future<Void> ping() {
    return dlq.partitionsFor(Topics.EVENTS_DLQ).mapEmpty();
  }

  private void pollNext() {
    if (stopping) {
      // The batch in hand is stored and committed before the clients close.
      inStore.stored().eventually(() -> lastCommit).onComplete(done -> loopDone.tryComplete());
      return;
    }
    consumer.poll(POLL_TIMEOUT)
        .onSuccess(this::afterPreviousBatch)
        .onFailure(e -> retryLater(e, null));
  }

  /**
   * Hands a polled batch to the store once the batch before it is stored, and polls the next one
   * at once: the poll (and the previous batch's commit) overlap with this batch's write.
   */
  private void afterPreviousBatch(KafkaConsumerRecords<String, byte[]> records) {
    InStore previous = inStore;
    previous.stored().onComplete(done -> {
      if (done.failed()) {
        retryLater(done.cause(), records);
        return;
      }
      if (!records.isEmpty()) {
        inStore = new InStore(records, process(records));
      }
      pollNext();
    });
  }

  /**
   * The store did not take a batch: seek back to the first record not stored — of that batch and
   * of the one polled behind it, which is dropped unsent — and poll again after a backoff.
   */
  private void retryLater(Throwable e, KafkaConsumerRecords<String, byte[]> polledBehind) {
    LOG.warn("kafka batch not processed, retrying in {} ms reason={}", RETRY_BACKOFF_MS, e.getMessage());
    KafkaConsumerRecords<String, byte[]> failed = inStore.records();
    inStore = new InStore(null, Future.succeededFuture());
    Map<TopicPartition, Long> first = new HashMap<>();
    firstOffsets(failed, first);
    firstOffsets(polledBehind, first);
    rewind(first).onComplete(v -> vertx.setTimer(RETRY_BACKOFF_MS, t -> pollNext()));
  }

  /** Validates, sends the valid events to the store and the invalid ones to the DLQ; commits once both are done. */
  private Future<?> process(KafkaConsumerRecords<String, byte[]> records) {
    long receivedAt = EpochMicros.now();
    Instant now = Instant.now();
    List<BehaviorEvent> accepted = new ArrayList<>(records.size());
    List<Future<?>> deadLetters = new ArrayList<>();
    long oldestSentMillis = Long.MAX_VALUE;
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, byte[]> record = records.recordAt(i);
      oldestSentMillis = Math.min(oldestSentMillis, record.timestamp());
      ValidationResult result = validate(record, now);
      if (result.isValid()) {
        accepted.add(result.event());
      } else {
        deadLetters.add(sendToDlq(record, result.reason()));
      }
    }
    Future<?> stored = accepted.isEmpty() ? Future.succeededFuture() : store(accepted, receivedAt);
    long sourceLagMicros = oldestSentMillis > 0 ? Math.max(0, receivedAt - oldestSentMillis * 1_000) : -1;
    return Future.all(Future.all(deadLetters), stored)
        .onSuccess(v -> {
          publishStats(accepted.size(), deadLetters.size(), sourceLagMicros);
          // Not waited for: a lost commit only means a redelivery, which the store absorbs.
          lastCommit = commit(records).onFailure(e -> LOG.warn("kafka offsets not committed, the batch may be redelivered reason={}", e.getMessage()));
        });
  }

  static ValidationResult validate(KafkaConsumerRecord<String, byte[]> record, Instant now) {
    String defaultId = "kafka:" + record.topic() + ":" + record.partition() + ":" + record.offset();
    if (record.value() == null || record.value().length == 0) {
      return ValidationResult.invalid(List.of("event: the record has no value"));
    }
    String text;
    try {
      // Strict: invalid bytes are the producer's error, not something to store as U+FFFD.
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(record.value()))
          .toString();
    } catch (CharacterCodingException e) {
      return ValidationResult.invalid(List.of("event: the value is not valid UTF-8"));
    }
    if (text.isBlank()) {
      return ValidationResult.invalid(List.of("event: the record has no value"));
    }
    Object decoded;
    try {
      decoded = Json.decodeValue(text);
    } catch (DecodeException e) {
      return ValidationResult.invalid(List.of("event: invalid JSON: " + IntakeBody.shortParserMessage(e)));
    }
    return EventValidator.validate(decoded, defaultId, now);
  }

  private Future<?> store(List<BehaviorEvent> events, long receivedAt) {
    return Bus.request(vertx, Addresses.STORE_APPEND, new EventBatch(events, receivedAt),
        new DeliveryOptions().setSendTimeout(STORE_TIMEOUT_MS));
  }

  private Future<?> sendToDlq(KafkaConsumerRecord<String, byte[]> record, String reason) {
    KafkaProducerRecord<String, byte[]> dead = KafkaProducerRecord.create(Topics.EVENTS_DLQ, record.key(), record.value())
        .addHeader("error", reason)
        .addHeader("source-offset", record.topic() + ":" + record.partition() + ":" + record.offset());
    return dlq.send(dead);
  }

  private Future<Void> commit(KafkaConsumerRecords<String, byte[]> records) {
    return consumer.commit(nextOffsets(records)).mapEmpty();
  }

  private static void firstOffsets(KafkaConsumerRecords<String, byte[]> records, Map<TopicPartition, Long> first) {
    for (int i = 0; records != null && i < records.size(); i++) {
      KafkaConsumerRecord<String, byte[]> r = records.recordAt(i);
      first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
  }

  /** Puts the consumer back at these offsets, so the retry re-reads from there. */
  private Future<Void> rewind(Map<TopicPartition, Long> first) {
    List<Future<Void>> seeks = new ArrayList<>();
    first.forEach((tp, offset) -> seeks.add(consumer.seek(tp, offset)));
    return Future.join(seeks).<Void>mapEmpty().otherwiseEmpty();
  }

  static Map<TopicPartition, OffsetAndMetadata> nextOffsets(KafkaConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, byte[]> r = records.recordAt(i);
      offsets.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1, ""),
          (a, b) -> a.getOffset() >= b.getOffset() ? a : b);
    }
    return offsets;
  }

  private void publishStats(int accepted, int rejected, long sourceLagMicros) {
    Bus.publish(vertx, Addresses.EVENTS_INTAKE, new IntakeStats(IntakeStats.KAFKA, accepted, rejected, sourceLagMicros));
  }

  private Map<String, String> consumerConfig() {
    Map<String, String> cfg = new HashMap<>();
    cfg.put("bootstrap.servers", config.kafkaBootstrapServers());
    cfg.put("group.id", config.kafkaGroupId());
    cfg.put("enable.auto.commit", "false");
    cfg.put("auto.offset.reset", "earliest");
    cfg.put("max.poll.records", String.valueOf(Math.min(1000, config.storeBatchMax())));
    // A consumer that died without leaving (SIGKILL, a lost node) holds its partitions until the
    // group gives up on it: 10 s instead of the default 45 s bounds how long they stall.
    cfg.put("session.timeout.ms", "10000");
    cfg.put("heartbeat.interval.ms", "3000");
    cfg.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    // Bytes, decoded strictly in validate(): a record that is not UTF-8 goes to the DLQ as it came.
    cfg.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    return cfg;
  }

  private Map<String, String> producerConfig() {
    Map<String, String> cfg = new HashMap<>();
    cfg.put("bootstrap.servers", config.kafkaBootstrapServers());
    cfg.put("acks", "all");
    cfg.put("max.block.ms", "5000");
    cfg.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    cfg.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    return cfg;
  }
}
