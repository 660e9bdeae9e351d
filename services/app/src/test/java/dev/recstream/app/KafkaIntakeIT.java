package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.ingestion.Topics;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSystem.class)
@DisplayName("Kafka intake of recstream.events")
class KafkaIntakeIT {
  private KafkaProducer<String, String> producer;
  private String run;

  @BeforeEach
  void setUp() {
    producer = Kafka.producer(TestSystem.get().kafkaBootstrap());
    run = "kafka-" + UUID.randomUUID() + "-";
  }

  @AfterEach
  void tearDown() {
    producer.close();
  }

  private String event(String id, String user) {
    return new JsonObject().put("eventId", run + id).put("userId", user).put("itemId", "i-" + id).put("type", "click").encode();
  }

  private long stored(String prefix) {
    try {
      return TestSystem.get().storedEvents(prefix);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("a poison record goes to the DLQ with its reason while the next good record is stored")
  void poisonToDlq() throws Exception {
    String user = run + "u";
    Kafka.send(producer, Topics.EVENTS, user, event("1", user));
    Kafka.send(producer, Topics.EVENTS, user, "{\"userId\": \"" + user + "\", \"type\": \"teleport\", \"marker\": \"" + run + "\"}");
    Kafka.send(producer, Topics.EVENTS, user, event("2", user));
    Kafka.await("both good records stored", () -> stored(run) == 2, 20_000);

    List<ConsumerRecord<String, String>> dlq = Kafka.readAll(TestSystem.get().kafkaBootstrap(), Topics.EVENTS_DLQ,
        records -> records.stream().anyMatch(r -> r.value() != null && r.value().contains(run)));
    ConsumerRecord<String, String> dead = dlq.stream().filter(r -> r.value() != null && r.value().contains(run)).findFirst()
        .orElseThrow(() -> new AssertionError("the poison record is not in the DLQ"));
    String error = new String(dead.headers().lastHeader("error").value(), StandardCharsets.UTF_8);
    assertTrue(error.contains("type: must be one of"), error);
    assertTrue(error.contains("marker: unknown field"), error);
    String sourceOffset = new String(dead.headers().lastHeader("source-offset").value(), StandardCharsets.UTF_8);
    assertTrue(sourceOffset.startsWith(Topics.EVENTS + ":"), sourceOffset);
    assertEquals(user, dead.key());
  }

  @Test
  @DisplayName("a record delivered twice is stored once")
  void redeliveryIsIdempotent() throws Exception {
    String user = run + "u";
    for (int i = 0; i < 3; i++) {
      Kafka.send(producer, Topics.EVENTS, user, event("same", user));
    }
    Kafka.send(producer, Topics.EVENTS, user, event("marker", user));
    Kafka.await("the marker stored", () -> stored(run + "marker") == 1, 20_000);
    assertEquals(1, stored(run + "same"));
  }

  @Test
  @DisplayName("an event without eventId gets kafka:<topic>:<partition>:<offset> as its id")
  void defaultEventId() throws Exception {
    String user = run + "anon";
    Kafka.send(producer, Topics.EVENTS, user, new JsonObject().put("userId", user).put("itemId", "x").put("type", "view").encode());
    Kafka.await("the event stored", () -> {
      JsonObject events = new Http(TestSystem.get()).get("/v1/users/" + user + "/events").bodyAsJsonObject();
      return events.getJsonArray("events").size() == 1;
    }, 20_000);
    String id = new Http(TestSystem.get()).get("/v1/users/" + user + "/events").bodyAsJsonObject()
        .getJsonArray("events").getJsonObject(0).getString("eventId");
    assertTrue(id.matches("kafka:recstream\\.events:\\d+:\\d+"), id);
  }
}
