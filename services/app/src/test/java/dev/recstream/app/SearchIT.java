package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.SearchFollowUps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/search} on the real embedded PostgreSQL (full-text, pg_trgm typo correction) and
 * the real MiniLM model. Each test names its items with a word made up for the run, so the items
 * other tests of this JVM put in the shared catalog never match its queries.
 */
@ExtendWith(TestSystem.class)
@DisplayName("Personalized search")
class SearchIT {
  /** A little more than the scoring node keeps the retrieval of a query asked for the first time (1 s). */
  private static final long BRIEFLY_KEPT_MILLIS = 1_500;
  private Http http;
  /** A brand nobody else uses: letters only, so the text search keeps it as one word. */
  private String brand;
  private String run;

  @BeforeEach
  void setUp() {
    http = new Http(TestSystem.get());
    String letters = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
    brand = "zq" + letters.substring(0, Math.min(6, letters.length())) + "brand";
    run = "search-" + UUID.randomUUID() + "-";
  }

  private void put(String id, JsonObject item) {
    assertEquals(200, http.putJson("/v1/items/" + run + id, item).statusCode(), "PUT " + id);
  }

  private JsonObject search(String q, String userId, int k) throws InterruptedException {
    String path = "/v1/search?k=" + k + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + (userId == null ? "" : "&userId=" + URLEncoder.encode(userId, StandardCharsets.UTF_8));
    HttpResponse<Buffer> response = http.get(path);
    // While a node's index still loads, search answers 503; it is ready within seconds of start.
    for (int i = 0; i < 100 && response.statusCode() == 503; i++) {
      Thread.sleep(200);
      response = http.get(path);
    }
    HttpResponse<Buffer> answered = response;
    assertEquals(200, answered.statusCode(), () -> path + " → " + answered.bodyAsString());
    return answered.bodyAsJsonObject();
  }

  private List<String> ids(JsonObject results) {
    return results.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("itemId"))
        .filter(id -> id.startsWith(run)).map(id -> id.substring(run.length())).toList();
  }

  /** Waits until a search finds {@code id}: item vectors are computed just after the PUT. */
  private JsonObject awaitFound(String q, String id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject results = search(q, null, 100);
    while (!ids(results).contains(id) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      results = search(q, null, 100);
    }
    return results;
  }

  private void events(JsonArray batch) {
    assertEquals(202, http.postJson("/v1/events", batch).statusCode());
  }

  private JsonObject event(String user, String type, String item, String query) {
    JsonObject e = new JsonObject().put("eventId", run + UUID.randomUUID()).put("userId", run + user).put("type", type);
    return query == null ? e.put("itemId", run + item) : e.put("query", query);
  }

  @Test
  @DisplayName("full-text match: the items holding the query's words, best match first, with scores and reasons")
  void textMatch() throws Exception {
    put("lip-red", new JsonObject().put("title", brand + " Velvet Lipstick Red").put("brand", brand).put("category", "Makeup"));
    put("lip-pink", new JsonObject().put("title", brand + " Velvet Lipstick Pink").put("brand", brand).put("category", "Makeup"));
    put("shampoo", new JsonObject().put("title", brand + " Daily Shampoo").put("brand", brand).put("category", "Hair")
        .put("attributes", new JsonObject().put("scent", "citrus")));

    JsonObject results = awaitFound(brand + " lipstick red", "lip-red");
    List<String> found = ids(results);
    assertEquals("lip-red", found.get(0), "every word matches: first, in " + found);
    assertTrue(found.indexOf("lip-pink") < found.indexOf("shampoo") || !found.contains("shampoo"),
        "more words matched rank higher: " + found);
    JsonObject first = results.getJsonArray("items").getJsonObject(0);
    assertTrue(first.getDouble("score") > 0);
    assertTrue(first.getString("reason").startsWith("matches \""), first.encode());
    assertFalse(results.getBoolean("personalized"));
    assertTrue(results.getJsonObject("retrieved").getInteger("text") >= 2, results.encode());

    // An attribute's value is searchable too.
    assertEquals("shampoo", ids(awaitFound(brand + " citrus", "shampoo")).get(0));
  }

  @Test
  @DisplayName("a misspelt word is corrected to the catalog's nearest (pg_trgm)")
  void typo() throws Exception {
    put("mascara", new JsonObject().put("title", brand + " Volume Mascara Black").put("brand", brand));
    awaitFound(brand + " mascara", "mascara");
    String misspelt = brand.substring(0, brand.length() - 2) + "dn"; // the brand's last letters swapped for others
    JsonObject results = search(misspelt + " mascarra", null, 10);
    assertEquals("mascara", ids(results).get(0), results.encode());
    assertTrue(results.getJsonArray("items").getJsonObject(0).getString("reason").contains("mascara"), results.encode());
  }

  @Test
  @DisplayName("a synonym is found through the embeddings: \"sneakers\" finds a running shoe")
  void synonym() throws Exception {
    put("shoe", new JsonObject().put("title", "Pegasus Running Shoe " + brand).put("category", "Footwear"));
    put("serum", new JsonObject().put("title", "Vitamin C Face Serum " + brand).put("category", "Skin care"));
    JsonObject results = awaitFound("sneakers", "shoe");
    List<String> found = ids(results);
    assertTrue(!found.contains("serum") || found.indexOf("shoe") < found.indexOf("serum"), found.toString());
    JsonObject shoe = results.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("itemId").equals(run + "shoe")).findFirst().orElseThrow();
    assertEquals("close to \"sneakers\"", shoe.getString("reason"), "found by vector, not by words: " + shoe);
  }

  @Test
  @DisplayName("unavailable items are never returned, also right after they are withdrawn")
  void unavailable() throws Exception {
    put("gloss-on", new JsonObject().put("title", brand + " Lip Gloss Clear").put("brand", brand));
    put("gloss-off", new JsonObject().put("title", brand + " Lip Gloss Clear").put("brand", brand).put("available", false));
    List<String> found = ids(awaitFound(brand + " gloss", "gloss-on"));
    assertFalse(found.contains("gloss-off"), found.toString());

    // Withdrawn after being found (its retrieval is cached): gone at the next search.
    put("gloss-on", new JsonObject().put("title", brand + " Lip Gloss Clear").put("brand", brand).put("available", false));
    long deadline = System.currentTimeMillis() + 5_000;
    while (ids(search(brand + " gloss", null, 100)).contains("gloss-on") && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertFalse(ids(search(brand + " gloss", null, 100)).contains("gloss-on"));
  }

  @Test
  @DisplayName("a price change is not embedded again and keeps the cached retrievals; an item back in stock is found again")
  void priceAndStockChanges() throws Exception {
    JsonObject serum = new JsonObject().put("title", brand + " Vitamin Serum").put("brand", brand).put("price", 20.0);
    JsonObject toner = new JsonObject().put("title", brand + " Rose Toner").put("brand", brand);
    put("serum", serum);
    put("toner", toner.copy().put("available", false));
    awaitFound(brand + " serum", "serum");
    long embedded = awaitEmbeddingsSettled();
    search(brand + " serum", null, 10);
    Thread.sleep(BRIEFLY_KEPT_MILLIS); // past a first-time query's brief keeping, should this have been one
    search(brand + " serum", null, 10); // asked before, so cached now, after every change so far
    assertFalse(ids(search(brand + " toner", null, 10)).contains("toner"));

    put("serum", serum.copy().put("price", 25.0));
    Thread.sleep(2 * 1_000); // twice the refresh interval: a change of the indexed catalog would have emptied the cache
    JsonObject before = searchHealth();
    search(brand + " serum", null, 10);
    JsonObject after = searchHealth();
    assertEquals(before.getLong("retrievalCacheHits") + 1, after.getLong("retrievalCacheHits"), after.encode());
    assertEquals(before.getLong("retrievalCacheMisses"), after.getLong("retrievalCacheMisses"), after.encode());
    assertEquals(embedded, after.getLong("itemsEmbedded"), "the same text is not embedded again");

    // Its retrieval cached while it was out of stock, the toner comes back with the stock.
    put("toner", toner.copy().put("available", true));
    assertTrue(ids(awaitFound(brand + " toner", "toner")).contains("toner"));
  }

  @Test
  @DisplayName("a query asked once has its retrieval kept a moment only; asked again within that moment or later, for long")
  void firstTimeQueriesKeptBriefly() throws Exception {
    put("balm", new JsonObject().put("title", brand + " Lip Balm Cherry").put("brand", brand));
    awaitFound(brand + " balm", "balm");
    awaitEmbeddingsSettled();
    String once = brand + " cherry balm " + run; // never asked before
    String twice = brand + " cherry balm again " + run;

    JsonObject start = searchHealth();
    search(once, null, 10);
    search(twice, null, 10);
    search(twice, null, 10); // within the moment: answered from the brief entry, which is now kept
    JsonObject first = searchHealth();
    assertEquals(start.getLong("firstTimeQueries") + 2, first.getLong("firstTimeQueries"), first.encode());
    assertEquals(start.getLong("retrievalCacheMisses") + 2, first.getLong("retrievalCacheMisses"), first.encode());
    assertEquals(start.getLong("retrievalCacheHits") + 1, first.getLong("retrievalCacheHits"), first.encode());

    Thread.sleep(BRIEFLY_KEPT_MILLIS);
    search(once, null, 10); // gone: retrieved again, and kept this time
    search(twice, null, 10); // kept since its second asking
    Thread.sleep(BRIEFLY_KEPT_MILLIS);
    search(once, null, 10);
    JsonObject again = searchHealth();
    assertEquals(first.getLong("firstTimeQueries"), again.getLong("firstTimeQueries"), again.encode());
    assertEquals(first.getLong("retrievalCacheMisses") + 1, again.getLong("retrievalCacheMisses"), again.encode());
    assertEquals(first.getLong("retrievalCacheHits") + 2, again.getLong("retrievalCacheHits"), again.encode());
  }

  /** The scoring node's search health ({@code /health/ready} → services.scoring.search). */
  private JsonObject searchHealth() {
    return http.get("/health/ready").bodyAsJsonObject().getJsonObject("services").getJsonObject("scoring").getJsonObject("search");
  }

  /** Waits until no item has been embedded for a second and a half (each takes milliseconds); the count then. */
  private long awaitEmbeddingsSettled() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    long count = searchHealth().getLong("itemsEmbedded");
    long stableSince = System.currentTimeMillis();
    while (System.currentTimeMillis() - stableSince < 1_500 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      long now = searchHealth().getLong("itemsEmbedded");
      if (now != count) {
        count = now;
        stableSince = System.currentTimeMillis();
      }
    }
    return count;
  }

  @Test
  @DisplayName("two users with different histories get different orders for the same query")
  void twoUsersTwoOrders() throws Exception {
    put("warm", new JsonObject().put("title", brand + " Lipstick Warm").put("brand", brand));
    put("cool", new JsonObject().put("title", brand + " Lipstick Cool").put("brand", brand));
    put("bronzer", new JsonObject().put("title", brand + " Bronzer").put("brand", brand));
    put("highlighter", new JsonObject().put("title", brand + " Highlighter").put("brand", brand));
    awaitFound(brand + " lipstick", "warm");
    awaitFound(brand + " lipstick", "cool");
    // Others: bronzer then the warm lipstick; highlighter then the cool one.
    JsonArray history = new JsonArray();
    for (int i = 0; i < 6; i++) {
      history.add(event("a" + i, "view", "bronzer", null)).add(event("a" + i, "view", "warm", null));
      history.add(event("b" + i, "view", "highlighter", null)).add(event("b" + i, "view", "cool", null));
    }
    // The two users of the test have each seen one of the two.
    history.add(event("warm-fan", "view", "bronzer", null)).add(event("cool-fan", "view", "highlighter", null));
    events(history);

    String q = brand + " lipstick";
    long deadline = System.currentTimeMillis() + 20_000;
    List<String> warmFan;
    List<String> coolFan;
    do {
      Thread.sleep(100);
      warmFan = ids(search(q, run + "warm-fan", 10)).stream().filter(id -> id.equals("warm") || id.equals("cool")).toList();
      coolFan = ids(search(q, run + "cool-fan", 10)).stream().filter(id -> id.equals("warm") || id.equals("cool")).toList();
    } while (!(warmFan.equals(List.of("warm", "cool")) && coolFan.equals(List.of("cool", "warm")))
        && System.currentTimeMillis() < deadline);
    assertEquals(List.of("warm", "cool"), warmFan);
    assertEquals(List.of("cool", "warm"), coolFan);
    assertNotEquals(warmFan, coolFan);
    JsonObject personal = search(q, run + "warm-fan", 10);
    assertTrue(personal.getBoolean("personalized"), personal.encode());
  }

  @Test
  @DisplayName("what users chose after a query ranks first for the next searcher of it")
  void queryEvidence() throws Exception {
    put("oil-a", new JsonObject().put("title", brand + " Cuticle Oil").put("brand", brand));
    put("oil-b", new JsonObject().put("title", brand + " Cuticle Oil").put("brand", brand));
    String q = brand + " cuticle oil";
    awaitFound(q, "oil-a");
    awaitFound(q, "oil-b");
    JsonArray sessions = new JsonArray();
    for (int i = 0; i < 5; i++) {
      sessions.add(event("buyer" + i, "search", null, q)).add(event("buyer" + i, "purchase", "oil-b", null));
    }
    events(sessions);
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject results = search(q, null, 10);
    while (!ids(results).get(0).equals("oil-b") && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      results = search(q, null, 10);
    }
    assertEquals("oil-b", ids(results).get(0), results.encode());
    assertTrue(results.getJsonArray("items").getJsonObject(0).getString("reason").startsWith("chosen by others who searched"),
        results.encode());

    // A scoring node that starts reads the same evidence back from the stored events.
    SearchFollowUps stored = Http.await(Bus.request(TestSystem.get().vertx(), Addresses.STORE_SEARCH_FOLLOW_UPS,
        new SearchFollowUps.Query(100_000)));
    long purchases = stored.followUps().stream()
        .filter(f -> f.query().equals(q) && f.itemId().equals(run + "oil-b") && f.type().equals("purchase")).count();
    assertEquals(5, purchases, stored.followUps().toString());
  }

  @Test
  @DisplayName("a search event updates the user's live feed with their results for the query")
  void searchEventReachesTheFeed() throws Exception {
    put("polish", new JsonObject().put("title", brand + " Nail Polish Ruby").put("brand", brand));
    awaitFound(brand + " nail polish", "polish");
    // Found by its text at once; its vector counts once the index refreshes (within a second of
    // being computed): until then an item near the query by vector alone can tie with it.
    long deadline = System.currentTimeMillis() + 20_000;
    while (!(run + "polish").equals(search(brand + " nail polish", null, 10).getJsonArray("items").getJsonObject(0)
        .getString("itemId")) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    String user = run + "feed";
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket ws = TestSystem.get().webSocket("/v1/stream?userId=" + URLEncoder.encode(user, StandardCharsets.UTF_8));
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    Thread.sleep(300); // the subscription is registered
    JsonObject search = new JsonObject().put("eventId", run + "s1").put("userId", user).put("type", "search")
        .put("query", brand + " nail polish");
    events(new JsonArray().add(search));
    Kafka.await("the push after the search", () -> received.stream()
        .anyMatch(m -> (run + "s1").equals(m.getString("triggerEventId"))), 20_000);
    JsonObject pushed = received.stream().filter(m -> (run + "s1").equals(m.getString("triggerEventId"))).findFirst().orElseThrow();
    JsonObject first = pushed.getJsonArray("items").getJsonObject(0);
    assertEquals(run + "polish", first.getString("itemId"), pushed.encode());
    assertTrue(first.getString("reason").startsWith("matches"), pushed.encode());
    ws.close();
  }

  @Test
  @DisplayName("bad parameters get a 400 naming the parameter and the rule")
  void badParameters() {
    assertBad("/v1/search", "q: required");
    assertBad("/v1/search?q=%20%20", "q: required");
    assertBad("/v1/search?q=%21%3F", "q: must hold at least one letter or digit");
    assertBad("/v1/search?q=" + "a".repeat(513), "q: must be 1 to 512 characters");
    assertBad("/v1/search?q=shoe&k=0", "k: must be a whole number from 1 to 100");
    assertBad("/v1/search?q=shoe&userId=" + "u".repeat(129), "userId: must be 1 to 128 characters");
  }

  private void assertBad(String path, String message) {
    HttpResponse<Buffer> response = http.get(path);
    assertEquals(400, response.statusCode(), path);
    assertTrue(response.bodyAsJsonObject().getString("message").startsWith(message), response.bodyAsString());
  }
}
