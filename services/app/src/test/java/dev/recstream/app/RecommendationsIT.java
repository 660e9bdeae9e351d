package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestSystem.class)
@DisplayName("GET /v1/users/{id}/recommendations")
class RecommendationsIT {
  private static final String RUN = "recs-" + UUID.randomUUID() + "-";
  private static Http http;

  /** Many users walk shoes → socks → laces; some others buy the popular umbrella. */
  @BeforeAll
  static void teachTheStream() throws Exception {
    http = new Http(TestSystem.get());
    JsonArray batch = new JsonArray();
    for (int u = 0; u < 30; u++) {
      String user = RUN + "walker-" + u;
      for (String item : List.of(RUN + "shoes", RUN + "socks", RUN + "laces")) {
        batch.add(new JsonObject().put("eventId", user + item).put("userId", user).put("itemId", item).put("type", "view"));
      }
      for (int i = 0; i < 3; i++) {
        String other = RUN + "rain-" + u;
        batch.add(new JsonObject().put("eventId", other + i).put("userId", other).put("itemId", RUN + "umbrella").put("type", "view"));
      }
    }
    // Other items, so that the catalog is larger than any list asked for here.
    for (int i = 0; i < 12; i++) {
      String user = RUN + "browser-" + i;
      batch.add(new JsonObject().put("eventId", user).put("userId", user).put("itemId", RUN + "misc-" + i).put("type", "view"));
    }
    assertEquals(202, http.postJson("/v1/events", batch).statusCode());
  }

  private JsonObject recommend(String user, int k) {
    var response = http.get("/v1/users/" + user + "/recommendations?k=" + k);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static List<String> itemIds(JsonObject recs) {
    return recs.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("itemId")).toList();
  }

  @Test
  @DisplayName("a cold user gets a non-empty, non-personal list of k items")
  void coldUser() {
    JsonObject recs = recommend(RUN + "nobody", 5);
    assertEquals(RUN + "nobody", recs.getString("userId"));
    assertEquals(5, recs.getJsonArray("items").size());
    assertTrue(recs.getString("model").length() > 0);
    assertTrue(recs.getString("generatedAt").endsWith("Z"));
  }

  @Test
  @DisplayName("a warm user gets what follows their items, not the global top list, and never their own items")
  void warmUser() {
    String user = RUN + "newcomer";
    http.postJson("/v1/events", new JsonObject().put("eventId", user + "1").put("userId", user).put("itemId", RUN + "shoes").put("type", "view"));
    List<String> warm = itemIds(recommend(user, 5));
    List<String> cold = itemIds(recommend(RUN + "stranger", 5));
    assertEquals(RUN + "socks", warm.get(0));
    assertFalse(warm.contains(RUN + "shoes"));
    assertNotEquals(cold, warm);
  }

  @Test
  @DisplayName("similar items of an item are what co-occurs with it; an unknown item is a 404")
  void similarItems() {
    var response = http.get("/v1/items/" + RUN + "shoes/similar?k=2");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals(RUN + "shoes", body.getString("itemId"));
    assertEquals(RUN + "socks", itemIds(body).get(0));
    assertFalse(itemIds(body).contains(RUN + "shoes"));
    assertEquals(404, http.get("/v1/items/" + RUN + "never-seen/similar").statusCode());
    assertEquals(400, http.get("/v1/items/" + RUN + "shoes/similar?k=0").statusCode());
  }

  @Test
  @DisplayName("a GET after a push answers from the pushed list, with an item made unavailable since left out")
  void answersFromThePushedList() throws Exception {
    JsonArray walks = new JsonArray();
    for (int u = 0; u < 20; u++) {
      for (String item : List.of(RUN + "hat", RUN + "scarf", RUN + "gloves")) {
        walks.add(new JsonObject().put("eventId", RUN + "cold-" + u + item).put("userId", RUN + "cold-" + u).put("itemId", item).put("type", "view"));
      }
    }
    assertEquals(202, http.postJson("/v1/events", walks).statusCode());
    String user = RUN + "shopper";
    long before = getsFromCache();
    assertEquals(202, http.postJson("/v1/events", new JsonObject().put("eventId", user + "1").put("userId", user)
        .put("itemId", RUN + "hat").put("type", "view")).statusCode());
    List<String> items = List.of();
    for (int tries = 0; tries < 50 && getsFromCache() == before; tries++) {
      items = itemIds(recommend(user, 5)); // through the model until the push has landed, then from it
      Thread.sleep(100);
    }
    assertTrue(getsFromCache() > before, "a GET after the push is answered from the pushed list");
    assertEquals(RUN + "scarf", items.get(0));

    assertEquals(200, http.putJson("/v1/items/" + RUN + "scarf", new JsonObject().put("available", false)).statusCode());
    long cached = getsFromCache();
    List<String> after = itemIds(recommend(user, 5));
    assertTrue(getsFromCache() > cached, "still answered from the pushed list");
    assertFalse(after.contains(RUN + "scarf"), "the rules apply at look-up: " + after);
    assertEquals(RUN + "gloves", after.get(0));
  }

  private long getsFromCache() {
    return http.get("/health/ready").bodyAsJsonObject().getJsonObject("services").getJsonObject("scoring").getLong("getsFromCache");
  }

  @Test
  @DisplayName("k outside 1..100 is a 400 naming k")
  void kOutOfRange() {
    for (String k : List.of("0", "101", "ten")) {
      var response = http.get("/v1/users/u/recommendations?k=" + k);
      assertEquals(400, response.statusCode());
      assertEquals("k: must be a whole number from 1 to 100", response.bodyAsJsonObject().getString("message"));
    }
  }
}
