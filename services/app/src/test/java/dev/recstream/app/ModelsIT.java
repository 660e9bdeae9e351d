package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import dev.recstream.trainer.data.ReaderOptions;
import dev.recstream.trainer.sequence.EmbeddingSequenceExport;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSystem.class)
@DisplayName("Models: registry, hot swap, bring-your-own ONNX, retraining")
class ModelsIT {
  private static final String STREAMING = "streaming-cooc-1";

  private final Http http = new Http(TestSystem.get());

  /** Every test leaves the streaming model live, as the other test classes expect. */
  @AfterEach
  void backToStreaming() {
    if (!STREAMING.equals(models().getString("active"))) {
      assertEquals(200, http.postJson("/v1/models/" + STREAMING + "/activate", new JsonObject()).statusCode());
    }
  }

  private JsonObject models() {
    HttpResponse<Buffer> response = http.get("/v1/models");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static JsonObject entry(JsonObject models, String version) {
    return models.getJsonArray("models").stream().map(o -> (JsonObject) o)
        .filter(m -> version.equals(m.getString("version"))).findFirst()
        .orElseThrow(() -> new AssertionError(version + " is not registered: " + models.encodePrettily()));
  }

  private static String version(HttpResponse<Buffer> registered) {
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    return registered.bodyAsJsonObject().getString("version");
  }

  private String recommendedModel(String userId) {
    HttpResponse<Buffer> response = http.get("/v1/users/" + userId + "/recommendations?k=5");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getString("model");
  }

  @Test
  @DisplayName("the registry lists the built-in streaming model as the active one")
  void registryListsTheServedModel() {
    JsonObject models = models();
    assertEquals(STREAMING, models.getString("active"));
    assertEquals("active", entry(models, STREAMING).getString("status"));
    assertEquals("streaming", entry(models, STREAMING).getString("kind"));
    assertEquals(0, models.getJsonObject("training").getInteger("intervalMinutes"), "no scheduled retrain in tests");
  }

  @Test
  @DisplayName("bad model requests get 400, 404 and 415 naming the problem")
  void badModelRequests() {
    HttpResponse<Buffer> unknown = http.postJson("/v1/models/two-stage-1/activate", new JsonObject());
    assertEquals(404, unknown.statusCode());
    assertTrue(unknown.bodyAsJsonObject().getString("message").contains("two-stage-1"), unknown.bodyAsString());

    HttpResponse<Buffer> notAPackage = http.postJson("/v1/models", new JsonObject().put("path", "/nonexistent/recstream"));
    assertEquals(400, notAPackage.statusCode());
    assertTrue(notAPackage.bodyAsJsonObject().getString("message").startsWith("path: "), notAPackage.bodyAsString());

    assertEquals(400, http.postJson("/v1/models", new JsonObject().put("path", 7)).statusCode());
    assertEquals(415, http.post("/v1/models", "text/plain", "{\"path\":\"/x\"}").statusCode());
    assertEquals(200, http.get("/v1/models").statusCode(), "still serving");
  }

  @Test
  @DisplayName("activating a package swaps the live model under concurrent requests without failing one")
  void hotSwapUnderConcurrentRequests(@TempDir Path dir) throws Exception {
    Cli cli = new Cli();
    Path pkg = TestSystem.get().modelDir().resolve("swap-" + UUID.randomUUID());
    assertEquals(0, cli.run("train", "--data", Cli.chains(dir, 300, 60, 7, 5).toString(), "--format", "sequences",
        "--out", pkg.toString()), cli.err.toString());
    String packaged = version(http.postJson("/v1/models", new JsonObject().put("path", pkg.toString())));
    assertTrue(packaged.startsWith("two-stage-"), packaged);
    assertEquals("registered", entry(models(), packaged).getString("status"));
    assertTrue(entry(models(), packaged).getJsonObject("metrics").containsKey("full"), "offline metrics from model.json");

    String user = "swap-" + UUID.randomUUID();
    http.postJson("/v1/events", new JsonArray().add(new JsonObject().put("userId", user).put("itemId", "12").put("type", "view")));

    AtomicBoolean stop = new AtomicBoolean();
    Map<String, AtomicInteger> byModel = new ConcurrentHashMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int c = 0; c < 4; c++) {
        running.add(clients.submit(() -> {
          while (!stop.get()) {
            HttpResponse<Buffer> response = http.get("/v1/users/" + user + "/recommendations?k=5");
            if (response.statusCode() != 200) {
              failures.add(response.statusCode() + " " + response.bodyAsString());
            } else {
              byModel.computeIfAbsent(response.bodyAsJsonObject().getString("model"), m -> new AtomicInteger()).incrementAndGet();
            }
          }
        }));
      }
      Thread.sleep(300);
      HttpResponse<Buffer> activated = http.postJson("/v1/models/" + packaged + "/activate", new JsonObject());
      assertEquals(200, activated.statusCode(), activated.bodyAsString());
      assertEquals("active", activated.bodyAsJsonObject().getString("status"));
      Thread.sleep(500);
      assertEquals(200, http.postJson("/v1/models/" + STREAMING + "/activate", new JsonObject()).statusCode());
      Thread.sleep(300);
      stop.set(true);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }
    assertEquals(List.of(), failures, "no request failed during the swaps");
    assertTrue(byModel.containsKey(packaged) && byModel.containsKey(STREAMING), "both models answered: " + byModel);
    JsonObject after = models();
    assertEquals(STREAMING, after.getString("active"));
    assertEquals("retired", entry(after, packaged).getString("status"));
  }

  @Test
  @DisplayName("a bring-your-own item_ids→scores ONNX package built in Java is activated and pushes over WebSocket")
  void bringYourOwnSequenceModel(@TempDir Path dir) throws Exception {
    SequenceDataset data = DatasetReaders.read(Cli.chains(dir, 300, 60, 9, 3), DatasetFormat.SEQUENCES, ReaderOptions.DEFAULTS);
    List<int[]> sequences = data.users().stream().map(UserSequence::items).toList();
    ItemEmbeddings embeddings = ItemEmbeddings.train(sequences, data.items().size(), EmbeddingOptions.defaults().withDimension(16));
    Path pkg = TestSystem.get().modelDir().resolve("byo-" + UUID.randomUUID());
    long number = System.currentTimeMillis();
    EmbeddingSequenceExport.writePackage(pkg, data.items(), embeddings, 20, EmbeddingSequenceExport.DEFAULT_DECAY, number,
        new JsonObject().put("dataset", "chains"));
    String byo = version(http.postJson("/v1/models", new JsonObject().put("path", pkg.toString())));
    assertEquals("sequence-onnx-" + number, byo);
    assertEquals(200, http.postJson("/v1/models/" + byo + "/activate", new JsonObject()).statusCode());

    String user = "byo-" + UUID.randomUUID();
    JsonObject push = pushAfterViews(user, "30");
    assertEquals(byo, push.getString("model"));
    List<String> items = push.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("itemId")).toList();
    assertFalse(items.contains("30"), "the user's own item is not recommended");
    assertTrue(items.stream().anyMatch(i -> Math.abs(Integer.parseInt(i) - 30) <= 3),
        "items next to 30 on the chains are its nearest embeddings: " + items);
    assertEquals(byo, recommendedModel(user));
  }

  @Test
  @DisplayName("recstream train --model sasrec writes a package the scoring service serves (ONNX Runtime only): event in, push out")
  void sasrecPackageServedEndToEnd(@TempDir Path dir) throws Exception {
    Path data = Cli.chains(dir, 300, 60, 9, 5);
    Path pkg = TestSystem.get().modelDir().resolve("sasrec-" + UUID.randomUUID());
    Cli cli = new Cli();
    assertEquals(0, cli.run("train", "--model", "sasrec", "--data", data.toString(), "--format", "sequences",
        "--out", pkg.toString()), cli.err.toString());
    assertTrue(cli.out.toString().contains("| sasrec"), cli.out.toString());
    assertTrue(cli.err.toString().contains("validation NDCG@10"), "the epochs are shown: " + cli.err);
    JsonObject metadata = new JsonObject(Files.readString(pkg.resolve("model.json")));
    assertEquals("sequence-onnx", metadata.getString("kind"));
    assertEquals("sasrec", metadata.getJsonObject("architecture").getString("name"));
    assertTrue(metadata.getJsonObject("metrics").getJsonObject("full").getDouble("NDCG@10") > 0, metadata.encode());

    String sasrec = version(http.postJson("/v1/models", new JsonObject().put("path", pkg.toString())));
    assertEquals(200, http.postJson("/v1/models/" + sasrec + "/activate", new JsonObject()).statusCode());
    String user = "sasrec-" + UUID.randomUUID();
    JsonObject push = pushAfterViews(user, "26", "27", "28", "29", "30");
    assertEquals(sasrec, push.getString("model"));
    List<String> items = push.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("itemId")).toList();
    assertFalse(items.contains("30"), "the user's own items are not recommended");
    assertTrue(items.subList(0, 3).contains("31"), "on the chains, 31 follows 26 … 30: " + items);
    assertEquals(sasrec, recommendedModel(user));
  }

  @Test
  @DisplayName("catalog rules: unavailable and purchased items are left out, categories capped, reasons given")
  void businessRules() {
    String run = "rules-" + UUID.randomUUID() + "-";
    String anchor = run + "anchor";
    List<String> shoes = List.of(run + "s1", run + "s2", run + "s3", run + "s4", run + "s5");
    String bag = run + "bag";
    String hat = run + "hat";
    // 12 shoppers view the anchor, then every shoe, the bag and the hat: they all co-occur with it.
    long ts = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    JsonArray batch = new JsonArray();
    for (int u = 0; u < 12; u++) {
      for (String item : concat(List.of(anchor), shoes, List.of(bag, hat))) {
        batch.add(new JsonObject().put("userId", run + "u" + u).put("itemId", item).put("type", "view").put("ts", ts++));
      }
    }
    // The target bought the bag long ago (outside their 20 recent items), then browsed, then viewed the anchor.
    String target = run + "target";
    batch.add(new JsonObject().put("userId", target).put("itemId", bag).put("type", "purchase").put("ts", ts++));
    for (int i = 0; i < 25; i++) {
      batch.add(new JsonObject().put("userId", target).put("itemId", run + "misc" + i).put("type", "view").put("ts", ts++));
    }
    batch.add(new JsonObject().put("userId", target).put("itemId", anchor).put("type", "view").put("ts", ts++));
    assertEquals(202, http.postJson("/v1/events", batch).statusCode());

    assertEquals(400, http.putJson("/v1/items/" + hat, new JsonObject().put("available", "no")).statusCode());
    HttpResponse<Buffer> bad = http.putJson("/v1/items/" + hat, new JsonObject().put("price", -1).put("colour", "red"));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsString().contains("price: ") && bad.bodyAsString().contains("colour: "), bad.bodyAsString());
    HttpResponse<Buffer> plain = Http.await(TestSystem.get().webClient().put("/v1/items/" + hat)
        .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("{}")));
    assertEquals(415, plain.statusCode(), plain.bodyAsString());

    HttpResponse<Buffer> stored = http.putJson("/v1/items/" + hat, new JsonObject().put("title", "Hat").put("available", false));
    assertEquals(200, stored.statusCode(), stored.bodyAsString());
    assertEquals(false, stored.bodyAsJsonObject().getBoolean("available"));
    for (String shoe : shoes) {
      assertEquals(200, http.putJson("/v1/items/" + shoe, new JsonObject().put("category", run + "shoes").put("price", 59.9)).statusCode());
    }

    JsonArray items = http.get("/v1/users/" + target + "/recommendations?k=20").bodyAsJsonObject().getJsonArray("items");
    List<String> ids = items.stream().map(o -> ((JsonObject) o).getString("itemId")).toList();
    assertFalse(ids.contains(hat), "unavailable: " + ids);
    assertFalse(ids.contains(bag), "purchased: " + ids);
    assertEquals(3, ids.stream().filter(shoes::contains).count(), "at most 3 per category: " + ids);
    JsonObject first = items.getJsonObject(0);
    assertEquals("often seen with " + anchor, first.getString("reason"), first.encode());
  }

  @Test
  @DisplayName("a retrain from the live store registers its version with validation metrics and a verdict")
  void retrainFromTheLiveStore(@TempDir Path dir) throws Exception {
    String run = "retrain-" + UUID.randomUUID() + "-";
    List<String> lines = Files.readAllLines(Cli.chains(dir, 200, 50, 8, 9));
    long ts = Instant.parse("2026-02-01T00:00:00Z").toEpochMilli();
    JsonArray batch = new JsonArray();
    for (String line : lines) {
      String[] fields = line.split(" ");
      for (int i = 1; i < fields.length; i++) {
        batch.add(new JsonObject().put("userId", run + fields[0]).put("itemId", run + fields[i]).put("type", "view").put("ts", ts++));
        if (batch.size() == 1000) {
          assertEquals(202, http.postJson("/v1/events", batch).statusCode());
          batch = new JsonArray();
        }
      }
    }
    assertEquals(202, http.postJson("/v1/events", batch).statusCode());
    int runsBefore = models().getJsonObject("training").getInteger("runs");

    HttpResponse<Buffer> started = http.postJson("/v1/models/retrain", new JsonObject());
    assertEquals(202, started.statusCode(), started.bodyAsString());
    assertEquals(409, http.postJson("/v1/models/retrain", new JsonObject()).statusCode(), "one retrain at a time");
    Kafka.await("the retrain to finish", () -> models().getJsonObject("training").getInteger("runs") > runsBefore, 180_000);

    JsonObject models = models();
    JsonObject lastRun = models.getJsonObject("training").getJsonObject("lastRun");
    String outcome = lastRun.getString("outcome");
    assertTrue(Set.of("activated", "rejected").contains(outcome), lastRun.encodePrettily());
    JsonObject registered = entry(models, lastRun.getString("version"));
    assertNotNull(registered.getJsonObject("metrics").getJsonObject("full").getDouble("NDCG@10"), registered.encode());
    assertTrue(registered.getString("note").startsWith("retrain: "), registered.encode());
    if (outcome.equals("activated")) {
      assertEquals(lastRun.getString("version"), models.getString("active"));
      assertTrue(Files.isRegularFile(Path.of(registered.getString("path")).resolve("model.json")));
    } else {
      assertEquals("rejected", registered.getString("status"));
    }
  }

  @Test
  @DisplayName("recstream train --from-store trains on the stored events and writes a package the system can serve")
  void trainFromTheStore(@TempDir Path dir) throws Exception {
    String run = "fromstore-" + UUID.randomUUID() + "-";
    JsonArray batch = new JsonArray();
    long ts = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    for (String line : Files.readAllLines(Cli.chains(dir, 120, 40, 7, 13))) {
      String[] fields = line.split(" ");
      for (int i = 1; i < fields.length; i++) {
        batch.add(new JsonObject().put("userId", run + fields[0]).put("itemId", run + fields[i]).put("type", "view").put("ts", ts++));
      }
    }
    assertEquals(202, http.postJson("/v1/events", batch).statusCode());
    Path config = dir.resolve("recstream.json");
    Files.writeString(config, new JsonObject().put("pgUrl", TestSystem.get().pgUrl()).encode());
    Path pkg = dir.resolve("from-store");

    Cli cli = new Cli();
    assertEquals(0, cli.run("train", "--from-store", "--config", config.toString(), "--out", pkg.toString()), cli.err.toString());

    assertTrue(cli.err.toString().contains("live store: "), cli.err.toString());
    JsonObject metadata = new JsonObject(Files.readString(pkg.resolve("model.json")));
    assertEquals("live store", metadata.getJsonObject("training").getString("format"));
    assertTrue(metadata.getJsonObject("training").getInteger("users") >= 120, metadata.encode());
    String version = version(http.postJson("/v1/models", new JsonObject().put("path", pkg.toString())));
    assertEquals(200, http.postJson("/v1/models/" + version + "/activate", new JsonObject()).statusCode());
    assertEquals(version, recommendedModel(run + "1"));

    Cli both = new Cli();
    assertEquals(2, both.run("train", "--from-store", "--data", "x.txt", "--format", "sequences", "--out", pkg.toString()));
    assertTrue(both.err.toString().contains("--from-store and --data exclude each other"), both.err.toString());
  }

  /**
   * {@code user} watches the live feed and views {@code items} in order; returns the push their
   * last view triggered.
   */
  private JsonObject pushAfterViews(String user, String... items) throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket ws = TestSystem.get().webSocket("/v1/stream?userId=" + user);
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    String trigger = null;
    for (String item : items) {
      trigger = user + "-" + UUID.randomUUID();
      assertEquals(202, http.postJson("/v1/events", new JsonObject().put("eventId", trigger).put("userId", user)
          .put("itemId", item).put("type", "view")).statusCode());
    }
    String last = trigger;
    Kafka.await("the push of the last view", () -> received.stream().anyMatch(m -> isPushOf(m, last)), 20_000);
    ws.close();
    return received.stream().filter(m -> isPushOf(m, last)).findFirst().orElseThrow();
  }

  private static boolean isPushOf(JsonObject message, String eventId) {
    return "recommendations".equals(message.getString("type")) && eventId.equals(message.getString("triggerEventId"));
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }
}
