package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSystem.class)
@DisplayName("GDPR erase: DELETE /v1/users/{userId}")
class EraseUserIT {
  private final Http http = new Http(TestSystem.get());

  @Test
  @DisplayName("removes the user's events and what the live model learned from them; other users keep theirs")
  void nothingOfTheUserRemains() throws Exception {
    String run = "erase-" + UUID.randomUUID() + "-";
    String user = run + "user";
    String other = run + "other";
    // Items only this user ever touched: what the model knows about them comes from this user alone.
    String rare1 = run + "rare1";
    String rare2 = run + "rare2";
    JsonArray events = new JsonArray()
        .add(new JsonObject().put("userId", user).put("itemId", rare1).put("type", "view"))
        .add(new JsonObject().put("userId", user).put("itemId", rare2).put("type", "purchase"))
        .add(new JsonObject().put("userId", other).put("itemId", run + "kept").put("type", "view"));
    assertEquals(202, http.postJson("/v1/events", events).statusCode());
    Kafka.await("the model to learn rare1 → rare2",
        () -> http.get("/v1/items/" + rare1 + "/similar?k=5").statusCode() == 200, 20_000);

    HttpResponse<Buffer> erased = Http.await(TestSystem.get().webClient().delete("/v1/users/" + user).send());
    assertEquals(204, erased.statusCode(), erased.bodyAsString());

    assertEquals(0, http.get("/v1/users/" + user + "/events").bodyAsJsonObject().getJsonArray("events").size());
    assertEquals(1, http.get("/v1/users/" + other + "/events").bodyAsJsonObject().getJsonArray("events").size());
    assertEquals(0, TestSystem.get().eventsOfUser(user), "no row of the user is left in PostgreSQL");
    Kafka.await("the model to forget rare1 (relearned from the store)",
        () -> http.get("/v1/items/" + rare1 + "/similar?k=5").statusCode() == 404, 30_000);
    assertEquals(404, http.get("/v1/items/" + rare2 + "/similar?k=5").statusCode());
    JsonObject recs = http.get("/v1/users/" + user + "/recommendations?k=5").bodyAsJsonObject();
    assertTrue(recs.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .allMatch(item -> "popular now".equals(item.getString("reason")) && !item.getString("itemId").startsWith(run + "rare")),
        "the erased user gets a cold, non-personal list: " + recs.encode());

    assertEquals(204, Http.await(TestSystem.get().webClient().delete("/v1/users/" + user).send()).statusCode(), "idempotent");
    assertEquals(400, Http.await(TestSystem.get().webClient().delete("/v1/users/" + "x".repeat(200)).send()).statusCode());
  }
}
