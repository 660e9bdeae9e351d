package dev.recstream.shared.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExperimentTest {
  private static Experiment experiment(String id, double controlWeight, double treatmentWeight) {
    return new Experiment(id, id, Experiment.RUNNING, List.of(new Experiment.Variant("control", "m1", controlWeight),
        new Experiment.Variant("treatment", "m2", treatmentWeight)), "control", null, null, null);
  }

  @Test
  @DisplayName("the bucket is the first 8 bytes of SHA-256(\"id:user\") modulo 10,000, as documented")
  void bucketIsTheDocumentedHash() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest("exp-1:u42".getBytes(StandardCharsets.UTF_8));
    long first8 = java.nio.ByteBuffer.wrap(digest, 0, 8).getLong();
    assertEquals(Long.remainderUnsigned(first8, 10_000), Experiment.bucket("exp-1", "u42"));
  }

  @Test
  @DisplayName("a user's variant is stable, and 20,000 users split by the weights within 2 points")
  void assignmentFollowsTheWeights() {
    Experiment e = experiment("exp-1", 3, 1);
    Map<String, Integer> counts = new HashMap<>();
    for (int u = 0; u < 20_000; u++) {
      counts.merge(e.assign("user-" + u).name(), 1, Integer::sum);
    }
    // Expected 15,000 / 5,000; a binomial standard deviation is sqrt(20000 · .75 · .25) ≈ 61, so 400 is > 6 sd.
    assertEquals(15_000, counts.get("control"), 400);
    assertEquals(5_000, counts.get("treatment"), 400);
    assertEquals(e.assign("user-7"), e.assign("user-7"));
  }

  @Test
  @DisplayName("two experiments split users independently")
  void experimentsAreIndependent() {
    Experiment a = experiment("exp-a", 1, 1);
    Experiment b = experiment("exp-b", 1, 1);
    int same = 0;
    for (int u = 0; u < 10_000; u++) {
      if (a.assign("u" + u).name().equals(b.assign("u" + u).name())) {
        same++;
      }
    }
    // Independent halves agree for about half the users (sd 50); the same hash would agree for all.
    assertEquals(5_000, same, 300);
  }

  @Test
  @DisplayName("a request becomes a draft; control defaults to the first variant and weights to 1")
  void fromRequest() {
    Experiment e = Experiment.fromRequest(new JsonObject().put("id", "exp-1").put("variants", new JsonArray()
        .add(new JsonObject().put("name", "a").put("model", "m1"))
        .add(new JsonObject().put("name", "b").put("model", "m2").put("weight", 2))));
    assertEquals(Experiment.DRAFT, e.status());
    assertEquals("a", e.control());
    assertEquals("exp-1", e.name());
    assertEquals(1.0, e.variant("a").weight());
    assertEquals(2.0, e.variant("b").weight());
  }

  @Test
  @DisplayName("every broken rule of a request is named with its field")
  void badRequests() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiment.fromRequest(new JsonObject()
        .put("id", "bad id").put("colour", "red").put("control", "zzz").put("variants", new JsonArray()
            .add(new JsonObject().put("name", "a").put("model", "m1").put("weight", 0))
            .add(new JsonObject().put("name", "a").put("extra", 1)))));
    String message = e.getMessage();
    for (String expected : List.of("colour: unknown field", "id: 1 to 64 letters", "variants[0].weight: a positive number",
        "variants[1].name: 'a' is used twice", "variants[1].model: required", "variants[1].extra: unknown field",
        "control: must name one of the variants")) {
      assertTrue(message.contains(expected), "missing '" + expected + "' in: " + message);
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.fromRequest(new JsonObject().put("id", "x")
        .put("variants", new JsonArray().add(new JsonObject().put("name", "a").put("model", "m")))))
        .getMessage().contains("variants: an array of 2 to 10 variants"));
  }
}
