package dev.recstream.bench.baseline;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The ceiling of the Kafka intake on this box: plain clients, no recstream code. A fresh topic
 * shaped like {@code recstream.events} (4 partitions, replication 1) receives behavior-event JSON
 * keyed by user from a producer configured as the load generator's ({@code acks=all},
 * {@code linger.ms=2}), while a consumer in its own thread reads them back and commits after every
 * poll, as an at-least-once consumer must. The topic is deleted at the end.
 *
 * <p>Values come from a pool built before the clock starts, so JSON encoding is not measured.
 */
public final class KafkaBaseline {
  public static final int DEFAULT_RECORDS = 300_000;
  static final String TOPIC_PREFIX = "recstream.bench.baseline-";
  private static final int PARTITIONS = 4;
  private static final int USERS = 1_000;
  /** Distinct pre-built events, sent round robin: enough variety, without holding one string per record. */
  private static final int DISTINCT_EVENTS = 10_000;
  private static final long WAIT_SECONDS = 60;

  private KafkaBaseline() {}

  /**
   * @param topic the scratch topic (deleted when the run returns)
   * @param records records sent
   * @param acknowledged records the broker acknowledged
   * @param failed records whose send failed
   * @param consumed records the consumer read (and committed) within the wait
   * @param producePerSecond records sent per second, from the first send until {@code flush} returned
   * @param endToEndPerSecond records per second, from the first send until the last one was consumed and committed
   */
  public record Result(String topic, long records, long acknowledged, long failed, long consumed,
      double producePerSecond, double endToEndPerSecond) implements BaselineResult {
    @Override
    public String name() {
      return "kafka";
    }

    @Override
    public List<Figure> figures() {
      return List.of(
          new Figure("records sent", records, "records"),
          new Figure("records consumed", consumed, "records"),
          new Figure("send failures", failed, "records"),
          new Figure("produce rate (acks=all, to flush)", producePerSecond, "records/s"),
          new Figure("produce→consume rate (commit per poll)", endToEndPerSecond, "records/s"));
    }
  }

  /** Creates the topic, measures, deletes the topic. Blocks the calling thread. */
  public static Result run(String bootstrap, int records) throws Exception {
    String topic = TOPIC_PREFIX + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException("The Kafka broker at " + bootstrap + " did not create topic " + topic
            + " within 30 s: is it reachable?", e);
      }
      Exception failure = null;
      try {
        return measure(bootstrap, topic, records);
      } catch (Exception e) {
        failure = e;
        throw e;
      } finally {
        delete(admin, topic, failure);
      }
    }
  }

  /** Deletes the scratch topic; a failure to do so is reported, but never hides the run's own failure. */
  private static void delete(Admin admin, String topic, Exception runFailure) {
    try {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      IllegalStateException failure = new IllegalStateException("Could not delete the scratch topic " + topic
          + "; delete it by hand (" + e + ")", e);
      if (runFailure == null) {
        throw failure;
      }
      runFailure.addSuppressed(failure);
    }
  }

  private static Result measure(String bootstrap, String topic, int records) throws Exception {
    String[][] events = events(topic);
    Reader reader = new Reader(bootstrap, topic, records);
    Thread thread = new Thread(reader, "kafka-baseline-consumer");
    thread.start();
    try {
      // The group join (seconds) is not what we measure: produce only once partitions are assigned.
      reader.awaitAssignment();
      LongAdder acknowledged = new LongAdder();
      LongAdder failed = new LongAdder();
      long start = System.nanoTime();
      try (KafkaProducer<String, String> producer = producer(bootstrap)) {
        for (int i = 0; i < records; i++) {
          String[] event = events[i % events.length];
          producer.send(new ProducerRecord<>(topic, event[0], event[1]), (md, e) -> {
            if (e == null) {
              acknowledged.increment();
            } else {
              failed.increment();
            }
          });
        }
        producer.flush();
      }
      double produceSeconds = (System.nanoTime() - start) / 1e9;
      thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      reader.rethrow();
      double endToEndSeconds = (reader.lastCommitNanos - start) / 1e9;
      return new Result(topic, records, acknowledged.sum(), failed.sum(), reader.consumed,
          records / produceSeconds, reader.consumed / Math.max(endToEndSeconds, 1e-9));
    } finally {
      reader.stop = true;
      thread.join();
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("linger.ms", "2");
    p.put("client.id", "recstream-bench-baseline");
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  /** {key, value} pairs: a behavior event of about 200 bytes of JSON, keyed by its user (CONTRACT §4). */
  private static String[][] events(String runId) {
    Random random = new Random(42);
    Instant t0 = Instant.parse("2026-01-15T10:00:00Z");
    String[][] events = new String[DISTINCT_EVENTS][];
    for (int i = 0; i < events.length; i++) {
      String user = "user-" + random.nextInt(USERS);
      String value = new JsonObject()
          .put("eventId", runId + "-e" + i)
          .put("userId", user)
          .put("itemId", "item-" + random.nextInt(10_000))
          .put("type", random.nextDouble() < 0.7 ? "view" : "click")
          .put("ts", t0.plusMillis(i * 37L).toString())
          .put("sessionId", user + "-s" + random.nextInt(20))
          .put("context", new JsonObject().put("device", "mobile").put("page", "product"))
          .encode();
      events[i] = new String[] {user, value};
    }
    return events;
  }

  /**
   * The consumer, on its own thread (a KafkaConsumer is single-threaded): polls, counts, commits
   * synchronously after every non-empty poll, until it has read {@code target} records or is stopped.
   */
  private static final class Reader implements Runnable {
    private final String bootstrap;
    private final String topic;
    private final long target;
    private final CountDownLatch assigned = new CountDownLatch(1);
    volatile boolean stop;
    volatile long consumed;
    volatile long lastCommitNanos;
    private volatile Exception failure;

    Reader(String bootstrap, String topic, long target) {
      this.bootstrap = bootstrap;
      this.topic = topic;
      this.target = target;
    }

    @Override
    public void run() {
      try (KafkaConsumer<String, String> consumer = consumer()) {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
              assigned.countDown();
            }
          }

          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
        });
        while (!stop && consumed < target) {
          ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
          if (!records.isEmpty()) {
            consumer.commitSync();
            consumed += records.count();
            lastCommitNanos = System.nanoTime();
          }
        }
      } catch (Exception e) {
        failure = e;
      }
    }

    private KafkaConsumer<String, String> consumer() {
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap);
      p.put("group.id", "recstream-bench-baseline-" + UUID.randomUUID());
      p.put("auto.offset.reset", "earliest");
      p.put("enable.auto.commit", "false");
      return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    void awaitAssignment() throws Exception {
      if (!assigned.await(30, TimeUnit.SECONDS)) {
        rethrow();
        throw new IllegalStateException("The baseline consumer got no partition of " + topic
            + " within 30 s: is the Kafka broker at " + bootstrap + " reachable?");
      }
    }

    void rethrow() throws Exception {
      if (failure != null) {
        throw failure;
      }
    }
  }
}
