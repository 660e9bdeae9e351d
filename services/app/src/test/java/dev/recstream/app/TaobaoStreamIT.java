package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recstream.ingestion.Topics;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #2's acceptance path on real data: the 10,000 Taobao events over HTTP and then the same
 * file through Kafka are stored exactly once, and a subscriber of one user gets one push per event
 * of that user. Skips when ../shared/datasets is not beside the project (a user's fresh clone).
 */
@ExtendWith(TestSystem.class)
@DisplayName("The Taobao sample over HTTP and again over Kafka")
class TaobaoStreamIT {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaobaoStreamIT.class);

  private static long storedQuietly(String prefix) {
    try {
      return TestSystem.get().storedEvents(prefix);
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  @DisplayName("is stored exactly once, with a push per event for a watched user")
  void storedOnceAndPushed() throws Exception {
    Path file = Datasets.root().map(d -> d.resolve("taobao-userbehavior-sample/UserBehavior.csv")).filter(Files::exists).orElse(null);
    assumeTrue(file != null, "../shared/datasets/taobao-userbehavior-sample is not present: skipping the Taobao stream test");
    List<JsonObject> events = Datasets.taobao(file);
    assumeTrue(TestSystem.get().storedEvents("tb-") == 0, "Taobao events already stored in this JVM");
    String watched = events.get(0).getString("userId");
    long watchedEvents = events.stream().filter(e -> watched.equals(e.getString("userId"))).count();

    List<JsonObject> pushes = new CopyOnWriteArrayList<>();
    WebSocket ws = TestSystem.get().webSocket("/v1/stream?userId=" + watched);
    ws.textMessageHandler(text -> pushes.add(new JsonObject(text)));

    Http http = new Http(TestSystem.get());
    long httpStart = System.nanoTime();
    for (int from = 0; from < events.size(); from += 1000) {
      JsonArray batch = new JsonArray(List.copyOf(events.subList(from, Math.min(from + 1000, events.size()))));
      var response = http.postJson("/v1/events", batch);
      assertEquals(202, response.statusCode(), response.bodyAsString());
      assertEquals(batch.size(), response.bodyAsJsonObject().getInteger("accepted"));
    }
    assertEquals(10_000, TestSystem.get().storedEvents("tb-"));
    double httpSeconds = (System.nanoTime() - httpStart) / 1e9;

    long kafkaStart = System.nanoTime();
    String bootstrap = TestSystem.get().kafkaBootstrap();
    try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap)) {
      for (JsonObject e : events) {
        producer.send(new ProducerRecord<>(Topics.EVENTS, e.getString("userId"), e.encode()));
      }
      producer.flush();
    }
    Kafka.await("the consumer group to commit every record", () -> Kafka.caughtUp(bootstrap, "recstream-ingestion", Topics.EVENTS), 60_000);
    assertEquals(10_000, TestSystem.get().storedEvents("tb-"));
    LOG.info("taobao sample ingested events=10000 httpSeconds={} kafkaSecondsIncludingProduce={}",
        String.format("%.2f", httpSeconds), String.format("%.2f", (System.nanoTime() - kafkaStart) / 1e9));

    Kafka.await("a push per event of the watched user", () -> pushes.size() >= watchedEvents, 20_000);
    Thread.sleep(200);
    assertEquals(watchedEvents, pushes.size(), "duplicates from Kafka must not push again");
    JsonObject last = pushes.get(pushes.size() - 1);
    assertFalse(last.getJsonArray("items").isEmpty());
    ws.close();

    // The same file once more through Kafka under new ids: the time to store 10,000 new events.
    long freshStart = System.nanoTime();
    try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap)) {
      for (JsonObject e : events) {
        JsonObject renamed = e.copy().put("eventId", "tbk-" + e.getString("eventId").substring(3));
        producer.send(new ProducerRecord<>(Topics.EVENTS, e.getString("userId"), renamed.encode()));
      }
    }
    Kafka.await("10,000 new events from Kafka stored", () -> storedQuietly("tbk-") == 10_000, 60_000);
    LOG.info("taobao sample through Kafka as new events events=10000 seconds={}",
        String.format("%.2f", (System.nanoTime() - freshStart) / 1e9));
    Kafka.await("a recommendation list for every stored event", () -> {
      JsonObject metrics = http.get("/v1/metrics").bodyAsJsonObject();
      return metrics.getJsonObject("recommendations").getDouble("pushed") >= metrics.getJsonObject("events").getDouble("stored");
    }, 60_000);
    LOG.info("taobao sample through Kafka pushed events=10000 seconds={}",
        String.format("%.2f", (System.nanoTime() - freshStart) / 1e9));
  }
}
