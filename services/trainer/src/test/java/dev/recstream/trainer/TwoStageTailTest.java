package dev.recstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.twostage.TwoStagePackage;
import dev.recstream.trainer.rank.RankerOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tail model end to end: trained by {@link TwoStageModel}, exported to ONNX, written into a
 * package and read back. The data are noisy chains over more items than the candidates cover, so
 * that many targets fall outside the candidates and the tail model has rows to learn from.
 */
@DisplayName("The two-stage model's tail model")
class TwoStageTailTest {
  private static final int ITEMS = 300;
  private static final EmbeddingOptions EMBEDDINGS = EmbeddingOptions.defaults().withDimension(16);
  private static final List<int[]> HISTORIES = List.of(
      new int[] {5, 6, 7}, new int[] {120, 40, 41, 42}, new int[] {299}, new int[] {10, 200, 10, 77, 78, 79, 80, 81});

  private static List<int[]> sequences;
  private static ItemVocabulary vocabulary;
  private static TwoStageModel withTail;

  @TempDir
  Path dir;

  @BeforeAll
  static void fit() {
    sequences = noisyChains(600, ITEMS, 0.6, 17);
    vocabulary = new ItemVocabulary();
    for (int i = 1; i <= ITEMS; i++) {
      vocabulary.add("i" + i);
    }
    withTail = new TwoStageModel("two-stage", EMBEDDINGS, RankerOptions.defaults(), Set.of());
    withTail.fit(sequences, ITEMS);
  }

  /** Each user starts anywhere and steps to the next item with probability {@code follow}, else jumps at random. */
  private static List<int[]> noisyChains(int users, int numItems, double follow, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> result = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int[] s = new int[5 + random.nextInt(8)];
      s[0] = 1 + random.nextInt(numItems);
      for (int i = 1; i < s.length; i++) {
        s[i] = random.nextDouble() < follow ? s[i - 1] % numItems + 1 : 1 + random.nextInt(numItems);
      }
      result.add(s);
    }
    return result;
  }

  private Path write(TwoStageModel model, String name) throws IOException {
    Path out = dir.resolve(name);
    model.writePackage(out, vocabulary, new JsonObject().put("users", sequences.size()), new JsonObject(), 7L);
    return out;
  }

  private static float[] dense(TwoStageModel model, int[] history) {
    float[] scores = new float[ITEMS + 1];
    model.score(history, scores);
    return scores;
  }

  private static float[] dense(TwoStagePackage model, int[] history) {
    float[] scores = new float[ITEMS + 1];
    model.score(history, scores);
    return scores;
  }

  /** The candidates, best first: the package's top-k with k above any candidate count. */
  private static int[] candidates(TwoStagePackage model, int[] history) {
    return model.recommend(List.of(ids(history)), ITEMS).get(0).stream().mapToInt(e -> vocabulary.indexOf(e.getKey())).toArray();
  }

  /** Every candidate above every other item outside the history, candidates in the ranker's order. */
  private static void assertCandidatesFirst(TwoStagePackage model, float[] scores, int[] history) {
    int[] ranked = candidates(model, history);
    assertTrue(ranked.length > 0);
    Set<Integer> candidateSet = new HashSet<>();
    float lowestCandidate = Float.POSITIVE_INFINITY;
    for (int i = 0; i < ranked.length; i++) {
      candidateSet.add(ranked[i]);
      lowestCandidate = Math.min(lowestCandidate, scores[ranked[i]]);
      if (i > 0) {
        assertTrue(scores[ranked[i - 1]] >= scores[ranked[i]], "candidates keep the ranker's order");
      }
    }
    Set<Integer> seen = new HashSet<>();
    Arrays.stream(history).forEach(seen::add);
    int others = 0;
    for (int item = 1; item <= ITEMS; item++) {
      if (!candidateSet.contains(item) && !seen.contains(item)) {
        others++;
        assertTrue(scores[item] < lowestCandidate,
            "item " + item + " outside the candidates scores " + scores[item] + ", the lowest candidate " + lowestCandidate);
      }
    }
    assertTrue(others > 0, "the fixture leaves items outside the candidates");
  }

  @Test
  @DisplayName("ranks every candidate above every non-candidate, which get distinct tail probabilities")
  void candidatesRankAboveTheTail() throws IOException {
    try (TwoStagePackage model = TwoStagePackage.open(write(withTail, "with-tail"))) {
      assertTrue(model.hasTail());
      for (int[] history : HISTORIES) {
        float[] scores = dense(model, history);
        assertCandidatesFirst(model, scores, history);
        Set<Integer> candidateSet = new HashSet<>();
        Arrays.stream(candidates(model, history)).forEach(candidateSet::add);
        Set<Float> tailScores = new HashSet<>();
        int tail = 0;
        for (int item = 1; item <= ITEMS; item++) {
          if (!candidateSet.contains(item)) {
            assertTrue(scores[item] > 0f && scores[item] < 1f, "a probability: " + scores[item]);
            tailScores.add(scores[item]);
            tail++;
          }
        }
        assertTrue(tailScores.size() > tail / 2, "the tail model orders the non-candidates: "
            + tailScores.size() + " distinct scores for " + tail + " items");
      }
    }
  }

  @Test
  @DisplayName("a package with the tail files round-trips: the same dense scores after writing and opening")
  void roundTrip() throws IOException {
    Path out = write(withTail, "round-trip");
    assertTrue(Files.isRegularFile(out.resolve(TwoStagePackage.TAIL)));
    assertTrue(Files.isRegularFile(out.resolve(TwoStagePackage.TAIL_SCALER)));
    JsonObject tail = new JsonObject(Files.readString(out.resolve(TwoStagePackage.METADATA))).getJsonObject("tail");
    assertNotNull(tail);
    assertEquals(TwoStagePackage.TAIL, tail.getString("onnx"));
    assertEquals(14, tail.getJsonArray("features").size());
    try (TwoStagePackage model = TwoStagePackage.open(out)) {
      for (int[] history : HISTORIES) {
        float[] fitted = dense(withTail, history);
        float[] opened = dense(model, history);
        for (int item = 1; item <= ITEMS; item++) {
          assertEquals(fitted[item], opened[item], 1e-5, "item " + item + " after " + Arrays.toString(history));
        }
      }
    }
  }

  @Test
  @DisplayName("a package without the tail files still opens and scores, candidates first, with the same top-k lists")
  void packageWithoutTail() throws IOException {
    Path out = write(withTail, "without-tail");
    List<List<List<Map.Entry<String, Float>>>> withTailLists = new ArrayList<>();
    try (TwoStagePackage model = TwoStagePackage.open(out)) {
      for (int[] history : HISTORIES) {
        withTailLists.add(model.recommend(List.of(ids(history)), 10));
      }
    }
    Files.delete(out.resolve(TwoStagePackage.TAIL));
    Files.delete(out.resolve(TwoStagePackage.TAIL_SCALER));
    JsonObject metadata = new JsonObject(Files.readString(out.resolve(TwoStagePackage.METADATA)));
    metadata.remove("tail");
    Files.writeString(out.resolve(TwoStagePackage.METADATA), metadata.encodePrettily());
    try (TwoStagePackage model = TwoStagePackage.open(out)) {
      assertFalse(model.hasTail());
      for (int h = 0; h < HISTORIES.size(); h++) {
        int[] history = HISTORIES.get(h);
        float[] scores = dense(model, history);
        assertCandidatesFirst(model, scores, history);
        Set<Integer> candidateSet = new HashSet<>();
        Arrays.stream(candidates(model, history)).forEach(candidateSet::add);
        for (int item = 1; item <= ITEMS; item++) {
          if (!candidateSet.contains(item)) {
            assertTrue(Math.abs(scores[item]) <= 1e-3f, "a thousandth of a cosine: " + scores[item]);
          }
        }
        assertEquals(withTailLists.get(h), model.recommend(List.of(ids(history)), 10), "top-k lists do not depend on the tail");
      }
    }
  }

  private static List<String> ids(int[] history) {
    return Arrays.stream(history).mapToObj(vocabulary::idOf).toList();
  }

  @Test
  @DisplayName("a model trained with the tail switched off writes neither the files nor the metadata entry")
  void tailSwitchedOff() throws IOException {
    TwoStageModel without = new TwoStageModel("two-stage-without-tail", EMBEDDINGS, RankerOptions.defaults(), Set.of(), false);
    without.fit(sequences, ITEMS);
    Path out = write(without, "switched-off");
    assertFalse(Files.exists(out.resolve(TwoStagePackage.TAIL)));
    assertFalse(Files.exists(out.resolve(TwoStagePackage.TAIL_SCALER)));
    assertNull(new JsonObject(Files.readString(out.resolve(TwoStagePackage.METADATA))).getJsonObject("tail"));
    try (TwoStagePackage model = TwoStagePackage.open(out)) {
      assertFalse(model.hasTail());
      assertCandidatesFirst(model, dense(model, HISTORIES.get(0)), HISTORIES.get(0));
    }
  }

  @Test
  @DisplayName("a package whose metadata announces a tail it lacks is refused, naming the missing file")
  void announcedTailMissing() throws IOException {
    Path out = write(withTail, "missing-tail");
    Files.delete(out.resolve(TwoStagePackage.TAIL));
    IOException e = assertThrows(IOException.class, () -> TwoStagePackage.open(out).close());
    assertTrue(e.getMessage().contains(TwoStagePackage.TAIL), e.getMessage());
  }

  @Test
  @DisplayName("the catalog's two-stage-without-tail switches the tail off, and lists tail among the known groups")
  void catalogName() {
    TwoStageModel without = (TwoStageModel) ModelCatalog.create("two-stage-without-tail");
    assertEquals("two-stage-without-tail", without.name());
    assertFalse(without.trainsTail());
    assertTrue(((TwoStageModel) ModelCatalog.create("two-stage")).trainsTail());
    assertFalse(((TwoStageModel) ModelCatalog.create("two-stage-without-embedding+tail")).trainsTail());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCatalog.create("two-stage-without-colour"));
    assertTrue(e.getMessage().contains("tail"), e.getMessage());
  }

  @Test
  @DisplayName("a package scores from several threads at once exactly what it scores from one")
  void threadSafe() throws Exception {
    List<List<String>> users = new ArrayList<>();
    for (int[] s : sequences.subList(0, 200)) {
      users.add(Arrays.stream(s).mapToObj(vocabulary::idOf).toList());
    }
    try (TwoStagePackage model = TwoStagePackage.open(write(withTail, "threads"))) {
      var alone = model.recommendExplained(users, 10);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<List<dev.recstream.shared.bus.ScoredItem>>>> together = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          together.add(pool.submit(() -> model.recommendExplained(users, 10)));
        }
        for (var f : together) {
          assertEquals(alone, f.get(60, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
