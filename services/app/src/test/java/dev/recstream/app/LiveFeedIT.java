package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSystem.class)
@DisplayName("The WebSocket live feed")
class LiveFeedIT {
  private String run;
  private Http http;

  @BeforeEach
  void setUp() {
    run = "ws-" + UUID.randomUUID() + "-";
    http = new Http(TestSystem.get());
  }

  private WebSocket connect(String uri, List<JsonObject> received) {
    WebSocket ws = TestSystem.get().webSocket(uri);
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    return ws;
  }

  private JsonArray events(String user, int n) {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < n; i++) {
      batch.add(new JsonObject().put("eventId", run + user + "-" + i).put("userId", user)
          .put("itemId", "item-" + (i % 7)).put("type", i % 3 == 0 ? "click" : "view"));
    }
    return batch;
  }

  private static List<JsonObject> recommendations(List<JsonObject> received) {
    return received.stream().filter(m -> "recommendations".equals(m.getString("type"))).toList();
  }

  @Test
  @DisplayName("a subscriber gets one recommendations message per stored event of its user, in order")
  void pushOrderPerUser() throws Exception {
    String user = run + "alice";
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket ws = connect("/v1/stream?userId=" + user, received);
    JsonArray batch = events(user, 12);
    // Two requests, so the order must hold across store batches too.
    assertEquals(202, http.postJson("/v1/events", new JsonArray(batch.getList().subList(0, 6))).statusCode());
    assertEquals(202, http.postJson("/v1/events", new JsonArray(batch.getList().subList(6, 12))).statusCode());
    Kafka.await("12 pushes", () -> recommendations(received).size() >= 12, 20_000);

    List<String> triggers = new ArrayList<>();
    for (JsonObject m : recommendations(received)) {
      assertEquals(user, m.getString("userId"));
      assertFalse(m.getJsonArray("items").isEmpty(), "items of " + m);
      assertTrue(m.getDouble("latencyMs") >= 0);
      assertTrue(m.getString("model").length() > 0);
      triggers.add(m.getString("triggerEventId"));
    }
    List<String> expected = batch.stream().map(o -> ((JsonObject) o).getString("eventId")).toList();
    assertEquals(expected, triggers);
    ws.close();
  }

  @Test
  @DisplayName("subscribe and unsubscribe messages change which users a connection follows")
  void subscribeMessages() throws Exception {
    String bob = run + "bob";
    String carol = run + "carol";
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket ws = connect("/v1/stream", received);
    ws.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add(bob).add(carol)).encode());
    Kafka.await("the subscription ack", () -> received.stream().anyMatch(m -> "subscriptions".equals(m.getString("type"))), 10_000);

    http.postJson("/v1/events", events(bob, 1));
    http.postJson("/v1/events", events(carol, 1));
    Kafka.await("a push for each user", () -> recommendations(received).size() >= 2, 20_000);

    received.clear();
    ws.writeTextMessage(new JsonObject().put("unsubscribe", new JsonArray().add(bob)).encode());
    Kafka.await("the unsubscribe ack", () -> received.stream().anyMatch(m -> "subscriptions".equals(m.getString("type"))), 10_000);
    http.postJson("/v1/events", new JsonArray().add(new JsonObject().put("eventId", run + "b2").put("userId", bob).put("itemId", "z").put("type", "view")));
    http.postJson("/v1/events", new JsonArray().add(new JsonObject().put("eventId", run + "c2").put("userId", carol).put("itemId", "z").put("type", "view")));
    Kafka.await("carol's push", () -> recommendations(received).stream().anyMatch(m -> carol.equals(m.getString("userId"))), 20_000);
    Thread.sleep(300);
    assertTrue(recommendations(received).stream().noneMatch(m -> bob.equals(m.getString("userId"))),
        "no push for an unsubscribed user");
    ws.close();
  }

  @Test
  @DisplayName("a malformed client message is answered with an error naming the field, and the connection stays open")
  void badClientMessage() throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket ws = connect("/v1/stream", received);
    ws.writeTextMessage("{\"subscribe\": \"not-a-list\"}");
    Kafka.await("an error message", () -> received.stream().anyMatch(m -> "error".equals(m.getString("type"))), 10_000);
    assertTrue(received.get(0).getString("message").startsWith("subscribe: must be an array"));
    ws.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add(run + "dave")).encode());
    Kafka.await("the ack after the error", () -> received.stream().anyMatch(m -> "subscriptions".equals(m.getString("type"))), 10_000);
    ws.close();
  }

  @Test
  @DisplayName("a firehose client that stops reading loses messages instead of being buffered without bound; others keep theirs")
  void slowReaderIsSampledNotBuffered() throws Exception {
    List<JsonObject> slowReceived = new CopyOnWriteArrayList<>();
    WebSocket slow = connect("/v1/stream?firehose=true", slowReceived);
    slow.pause(); // stops reading: the socket buffers fill and the server sees its write queue full
    String user = run + "watched";
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket watcher = connect("/v1/stream?userId=" + user, received);
    int pushes = 0;
    for (int b = 0; b < 20; b++) {
      JsonArray batch = new JsonArray();
      for (int i = 0; i < 500; i++) {
        batch.add(new JsonObject().put("eventId", run + "flood-" + b + "-" + i).put("userId", run + "flood" + (i % 50))
            .put("itemId", "item-" + (i % 40)).put("type", "view").put("context", new JsonObject().put("pad", "x".repeat(200))));
      }
      assertEquals(202, http.postJson("/v1/events", batch).statusCode());
      pushes += 500;
    }
    assertEquals(202, http.postJson("/v1/events", events(user, 1)).statusCode());
    Kafka.await("the watcher's push despite the stalled firehose client", () -> !recommendations(received).isEmpty(), 20_000);
    assertEquals(200, http.get("/health/live").statusCode());

    slow.resume();
    int flood = pushes;
    Thread.sleep(2_000);
    int got = recommendations(slowReceived).size();
    assertTrue(got < flood, "the stalled client got " + got + " of " + flood + " pushes: the rest were dropped, not queued");
    slow.close();
    watcher.close();
  }
}
