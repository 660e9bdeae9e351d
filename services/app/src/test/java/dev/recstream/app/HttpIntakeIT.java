package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSystem.class)
@DisplayName("POST /v1/events against the running system")
class HttpIntakeIT {
  private Http http;
  private String run;

  @BeforeEach
  void setUp() {
    http = new Http(TestSystem.get());
    run = "http-" + UUID.randomUUID() + "-";
  }

  private JsonObject event(String id, String user, String item) {
    return new JsonObject().put("eventId", run + id).put("userId", user).put("itemId", item).put("type", "view");
  }

  @Test
  @DisplayName("one event object is accepted with 202 and stored")
  void singleEvent() throws Exception {
    HttpResponse<Buffer> response = http.postJson("/v1/events", event("1", "u1", "i1"));
    assertEquals(202, response.statusCode());
    assertEquals(new JsonObject().put("accepted", 1).put("rejected", new JsonArray()), response.bodyAsJsonObject());
    assertEquals(1, TestSystem.get().storedEvents(run));
  }

  @Test
  @DisplayName("a batch with one bad event stores the good ones and names the field of the bad one")
  void partialBatch() throws Exception {
    JsonArray batch = new JsonArray()
        .add(event("1", "u1", "i1"))
        .add(event("2", "u1", "i2").put("type", "View"))
        .add(event("3", "u1", "i3"));
    HttpResponse<Buffer> response = http.postJson("/v1/events", batch);
    assertEquals(202, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(2, body.getInteger("accepted"));
    JsonObject rejected = body.getJsonArray("rejected").getJsonObject(0);
    assertEquals(1, rejected.getInteger("index"));
    assertEquals(run + "2", rejected.getString("eventId"));
    assertTrue(rejected.getString("reason").startsWith("type: must be one of"), rejected.getString("reason"));
    assertEquals(2, TestSystem.get().storedEvents(run));
  }

  @Test
  @DisplayName("NDJSON lines are events; a malformed line is rejected by its index")
  void ndjson() throws Exception {
    String body = event("1", "u2", "i1").encode() + "\n{not json\n" + event("2", "u2", "i2").encode() + "\n";
    HttpResponse<Buffer> response = http.post("/v1/events", "application/x-ndjson", body);
    assertEquals(202, response.statusCode());
    assertEquals(2, response.bodyAsJsonObject().getInteger("accepted"));
    JsonObject rejected = response.bodyAsJsonObject().getJsonArray("rejected").getJsonObject(0);
    assertEquals(1, rejected.getInteger("index"));
    assertTrue(rejected.getString("reason").contains("invalid JSON"), rejected.getString("reason"));
    assertEquals(2, TestSystem.get().storedEvents(run));
  }

  @Test
  @DisplayName("the same eventId sent twice is stored once, and both answers are 202")
  void idempotentRetry() throws Exception {
    JsonObject e = event("dup", "u3", "i1");
    assertEquals(202, http.postJson("/v1/events", e).statusCode());
    assertEquals(202, http.postJson("/v1/events", new JsonArray().add(e).add(e)).statusCode());
    assertEquals(1, TestSystem.get().storedEvents(run));
  }

  @Test
  @DisplayName("a body with no valid event is a 400 listing every reason")
  void nothingValid() {
    JsonArray batch = new JsonArray().add(new JsonObject().put("type", "view")).add(new JsonObject().put("userId", "u"));
    HttpResponse<Buffer> response = http.postJson("/v1/events", batch);
    assertEquals(400, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("invalid_events", body.getString("error"));
    assertEquals(2, body.getJsonArray("details").size());
    assertTrue(body.getJsonArray("details").getJsonObject(0).getString("reason").contains("userId: required"));
  }

  @Test
  @DisplayName("invalid JSON is a 400 with a JSON error body")
  void invalidJson() {
    HttpResponse<Buffer> response = http.post("/v1/events", "application/json", "{\"userId\": ");
    assertEquals(400, response.statusCode());
    assertEquals("invalid_json", response.bodyAsJsonObject().getString("error"));
    assertNotNull(response.bodyAsJsonObject().getString("message"));
  }

  @Test
  @DisplayName("a wrong content type is a 415")
  void wrongContentType() {
    HttpResponse<Buffer> response = http.post("/v1/events", "text/plain", event("1", "u", "i").encode());
    assertEquals(415, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("application/json"));
  }

  @Test
  @DisplayName("a body over 1 MiB is a 413 with a JSON error body")
  void tooLarge() {
    String huge = "[" + "\"x\",".repeat(300_000) + "\"x\"]";
    HttpResponse<Buffer> response = http.post("/v1/events", "application/json", huge);
    assertEquals(413, response.statusCode());
    assertEquals("too_large", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  @DisplayName("more than 1,000 events in one array is a 413")
  void tooManyEvents() throws Exception {
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      batch.add(event("m" + i, "u4", "i"));
    }
    HttpResponse<Buffer> response = http.postJson("/v1/events", batch);
    assertEquals(413, response.statusCode());
    assertEquals("too_many_events", response.bodyAsJsonObject().getString("error"));
    assertEquals(0, TestSystem.get().storedEvents(run));
  }

  @Test
  @DisplayName("stored events read back newest first, with limit checked")
  void readBack() {
    String user = run + "reader";
    JsonArray batch = new JsonArray()
        .add(event("r1", user, "a").put("ts", "2026-01-01T00:00:01Z"))
        .add(event("r2", user, "b").put("ts", "2026-01-01T00:00:03Z").put("context", new JsonObject().put("device", "mobile")))
        .add(event("r3", user, "c").put("ts", "2026-01-01T00:00:02Z"));
    assertEquals(202, http.postJson("/v1/events", batch).statusCode());
    JsonObject body = http.get("/v1/users/" + user + "/events?limit=2").bodyAsJsonObject();
    JsonArray events = body.getJsonArray("events");
    assertEquals(2, events.size());
    assertEquals("b", events.getJsonObject(0).getString("itemId"));
    assertEquals("mobile", events.getJsonObject(0).getJsonObject("context").getString("device"));
    assertEquals("2026-01-01T00:00:03Z", events.getJsonObject(0).getString("ts"));
    assertEquals("c", events.getJsonObject(1).getString("itemId"));
    HttpResponse<Buffer> bad = http.get("/v1/users/" + user + "/events?limit=0");
    assertEquals(400, bad.statusCode());
    assertEquals("limit: must be a whole number from 1 to 1000", bad.bodyAsJsonObject().getString("message"));
  }

  @Test
  @DisplayName("unknown routes answer a JSON 404, never an HTML page")
  void unknownRoute() {
    HttpResponse<Buffer> response = http.get("/v1/nope");
    assertEquals(404, response.statusCode());
    assertEquals("not_found", response.bodyAsJsonObject().getString("error"));
  }
}
