package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import dev.recstream.shared.bus.Experiment;
import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import dev.recstream.trainer.data.ReaderOptions;
import dev.recstream.trainer.sequence.EmbeddingSequenceExport;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSystem.class)
@DisplayName("A/B experiments: variants → models, stable assignment, per-variant results")
class ExperimentsIT {
  private static final String STREAMING = "streaming-cooc-1";
  private final Http http = new Http(TestSystem.get());

  @Test
  @DisplayName("users are scored by their variant's model, pushed and GET alike, and the report counts each variant exactly")
  void experimentEndToEnd(@TempDir Path dir) throws Exception {
    String treatmentModel = byoPackage(dir);
    String id = "exp-" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject definition = new JsonObject().put("id", id).put("name", "embeddings against co-occurrence")
        .put("variants", new JsonArray()
            .add(new JsonObject().put("name", "control").put("model", STREAMING).put("weight", 1))
            .add(new JsonObject().put("name", "treatment").put("model", treatmentModel).put("weight", 1)));
    HttpResponse<Buffer> created = http.postJson("/v1/experiments", definition);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("draft", created.bodyAsJsonObject().getString("status"));
    assertNull(http.get("/v1/experiments/" + id).bodyAsJsonObject().getValue("results"), "a draft has no results");
    assertEquals(409, http.postJson("/v1/experiments", definition).statusCode(), "the id is taken");
    assertTrue(http.get("/v1/experiments").bodyAsJsonObject().getJsonArray("experiments").stream()
        .anyMatch(e -> id.equals(((JsonObject) e).getString("id"))));

    HttpResponse<Buffer> started = http.postJson("/v1/experiments/" + id + "/start", new JsonObject());
    assertEquals(200, started.statusCode(), started.bodyAsString());
    try {
      assertEquals("running", started.bodyAsJsonObject().getString("status"));
      runExperiment(id, Experiment.fromJson(started.bodyAsJsonObject()), treatmentModel);
    } finally {
      http.postJson("/v1/experiments/" + id + "/stop", new JsonObject());
    }
    HttpResponse<Buffer> again = http.postJson("/v1/experiments/" + id + "/stop", new JsonObject());
    assertEquals(409, again.statusCode());
    assertTrue(again.bodyAsJsonObject().getString("message").contains("is stopped"), again.bodyAsString());
    String after = "after-" + UUID.randomUUID();
    assertFalse(pushAfterView(after, "30").containsKey("variant"), "after the stop, lists are outside the experiment");
  }

  private void runExperiment(String id, Experiment experiment, String treatmentModel) throws Exception {
    Map<String, String> models = Map.of("control", STREAMING, "treatment", treatmentModel);
    Map<String, List<String>> users = Map.of("control", new ArrayList<>(), "treatment", new ArrayList<>());
    for (int u = 0; users.get("control").size() < 3 || users.get("treatment").size() < 3; u++) {
      String user = id + "-user-" + u;
      List<String> arm = users.get(experiment.assign(user).name());
      if (arm.size() < 3) {
        arm.add(user);
      }
    }
    JsonObject treatmentPush = null;
    for (String variant : List.of("control", "treatment")) {
      for (String user : users.get(variant)) {
        JsonObject push = pushAfterView(user, "30");
        assertEquals(id, push.getString("experiment"), push.encode());
        assertEquals(variant, push.getString("variant"), push.encode());
        assertEquals(models.get(variant), push.getString("model"), push.encode());
        treatmentPush = variant.equals("treatment") ? push : treatmentPush;
      }
      JsonObject got = http.get("/v1/users/" + users.get(variant).get(0) + "/recommendations?k=5").bodyAsJsonObject();
      assertEquals(variant, got.getString("variant"), got.encode());
      assertEquals(models.get(variant), got.getString("model"), got.encode());
    }
    // The last treatment user clicks the first item of the list pushed to them, naming it.
    String clicked = treatmentPush.getJsonArray("items").getJsonObject(0).getString("itemId");
    pushAfter(treatmentPush.getString("userId"), new JsonObject().put("itemId", clicked).put("type", "click")
        .put("context", new JsonObject().put("recId", treatmentPush.getString("recId"))));

    JsonObject results = http.get("/v1/experiments/" + id).bodyAsJsonObject().getJsonObject("results");
    JsonObject control = results.getJsonObject("variants").getJsonObject("control");
    JsonObject treatment = results.getJsonObject("variants").getJsonObject("treatment");
    assertEquals(3, control.getLong("users"));
    assertEquals(3, treatment.getLong("users"));
    assertEquals(4, control.getLong("impressions"), "3 pushes and 1 GET");
    assertEquals(5, treatment.getLong("impressions"), "3 pushes, 1 GET and the push after the click");
    assertEquals(0, control.getLong("evaluatedEvents"), "first views of fresh users have no list before them");
    assertEquals(1, treatment.getLong("evaluatedEvents"));
    assertEquals(1, treatment.getLong("hits"));
    assertEquals(1, treatment.getLong("clickedLists"));
    assertEquals(1.0 / 5, treatment.getJsonObject("clickThroughRate").getDouble("value"), 1e-12);
    assertTrue(treatment.getJsonObject("clickThroughRate").getDouble("low") > 0, results.encode());
    assertEquals(1.0 / 5, treatment.getJsonObject("vsControl").getJsonObject("clickThroughRate").getDouble("difference"), 1e-12);
    assertFalse(results.getJsonObject("sampleRatio").getBoolean("mismatch"));
    assertEquals(1.0, results.getJsonObject("sampleRatio").getDouble("pValue"), 1e-9, "3 and 3 users, as the weights say");
    assertEquals("control", results.getString("control"));
  }

  @Test
  @DisplayName("bad definitions, unknown models and ids, and a second running experiment are refused with a sentence")
  void refusals() {
    HttpResponse<Buffer> bad = http.postJson("/v1/experiments", new JsonObject().put("id", "bad id")
        .put("variants", new JsonArray().add(new JsonObject().put("name", "a").put("model", STREAMING))));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsJsonObject().getString("message").contains("variants: an array of 2 to 10 variants"), bad.bodyAsString());

    String id = "exp-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<Buffer> unknown = http.postJson("/v1/experiments", new JsonObject().put("id", id).put("variants", new JsonArray()
        .add(new JsonObject().put("name", "a").put("model", STREAMING))
        .add(new JsonObject().put("name", "b").put("model", "no-such-model"))));
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.bodyAsJsonObject().getString("message").contains("variants[1].model: no model 'no-such-model'"),
        unknown.bodyAsString());
    assertEquals(404, http.get("/v1/experiments/nope-" + id).statusCode());
    assertEquals(404, http.postJson("/v1/experiments/nope-" + id + "/start", new JsonObject()).statusCode());

    String first = id + "-1";
    String second = id + "-2";
    for (String e : List.of(first, second)) {
      assertEquals(201, http.postJson("/v1/experiments", new JsonObject().put("id", e).put("variants", new JsonArray()
          .add(new JsonObject().put("name", "a").put("model", STREAMING))
          .add(new JsonObject().put("name", "b").put("model", STREAMING)))).statusCode());
    }
    assertEquals(200, http.postJson("/v1/experiments/" + first + "/start", new JsonObject()).statusCode());
    try {
      HttpResponse<Buffer> refused = http.postJson("/v1/experiments/" + second + "/start", new JsonObject());
      assertEquals(409, refused.statusCode());
      assertTrue(refused.bodyAsJsonObject().getString("message").contains("'" + first + "' is running"), refused.bodyAsString());
    } finally {
      assertEquals(200, http.postJson("/v1/experiments/" + first + "/stop", new JsonObject()).statusCode());
    }
  }

  /** A bring-your-own sequence package (embeddings over generated chains), registered. */
  private String byoPackage(Path dir) throws Exception {
    SequenceDataset data = DatasetReaders.read(Cli.chains(dir, 300, 60, 9, 3), DatasetFormat.SEQUENCES, ReaderOptions.DEFAULTS);
    List<int[]> sequences = data.users().stream().map(UserSequence::items).toList();
    ItemEmbeddings embeddings = ItemEmbeddings.train(sequences, data.items().size(), EmbeddingOptions.defaults().withDimension(16));
    Path pkg = TestSystem.get().modelDir().resolve("exp-byo-" + UUID.randomUUID());
    long number = System.currentTimeMillis();
    EmbeddingSequenceExport.writePackage(pkg, data.items(), embeddings, 20, EmbeddingSequenceExport.DEFAULT_DECAY, number,
        new JsonObject().put("dataset", "chains"));
    HttpResponse<Buffer> registered = http.postJson("/v1/models", new JsonObject().put("path", pkg.toString()));
    assertEquals(201, registered.statusCode(), registered.bodyAsString());
    return registered.bodyAsJsonObject().getString("version");
  }

  private JsonObject pushAfterView(String user, String item) throws Exception {
    return pushAfter(user, new JsonObject().put("itemId", item).put("type", "view"));
  }

  /** Posts the user's event and returns the list pushed after it. */
  private JsonObject pushAfter(String user, JsonObject event) throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket ws = TestSystem.get().webSocket("/v1/stream?userId=" + user);
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    String trigger = user + "-" + UUID.randomUUID();
    assertEquals(202, http.postJson("/v1/events", event.copy().put("eventId", trigger).put("userId", user)).statusCode());
    Kafka.await("the push after " + trigger, () -> received.stream().anyMatch(m -> trigger.equals(m.getString("triggerEventId"))),
        20_000);
    ws.close();
    return received.stream().filter(m -> trigger.equals(m.getString("triggerEventId"))).findFirst().orElseThrow();
  }
}
