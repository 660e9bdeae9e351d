package dev.recstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.twostage.Reranker;
import dev.recstream.model.twostage.TwoStagePackage;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default two-stage model, whose boosted trees reorder the linear ranker's best candidates,
 * against the same model without them: both train the same linear ranker on the same rows, so
 * the trees must touch exactly the linear ranker's top {@link Reranker#DEFAULT_TOP} of each user.
 */
@DisplayName("The two-stage model's boosted-tree reranker")
class TwoStageRerankTest {
  private static final int ITEMS = 400;
  private static final float CANDIDATE = 10f;
  private static final List<int[]> HISTORIES = List.of(
      new int[] {5, 6, 7}, new int[] {70, 40, 41, 42}, new int[] {79}, new int[] {10, 60, 10, 27, 28, 29, 30},
      new int[] {200, 201, 150, 151, 152, 3});

  private static List<int[]> sequences;
  private static ItemVocabulary vocabulary;
  private static TwoStageModel reranked;
  private static TwoStageModel linear;

  @TempDir
  Path dir;

  /** Noisy chains (item i mostly followed by i + 1, or by a jump of 7) over 1,000 users. */
  @BeforeAll
  static void fit() {
    SplittableRandom random = new SplittableRandom(5);
    sequences = new ArrayList<>();
    for (int u = 0; u < 1_000; u++) {
      int[] s = new int[4 + random.nextInt(10)];
      s[0] = 1 + random.nextInt(ITEMS);
      for (int i = 1; i < s.length; i++) {
        double draw = random.nextDouble();
        s[i] = draw < 0.5 ? s[i - 1] % ITEMS + 1 : draw < 0.7 ? (s[i - 1] + 6) % ITEMS + 1 : 1 + random.nextInt(ITEMS);
      }
      sequences.add(s);
    }
    vocabulary = new ItemVocabulary();
    for (int i = 1; i <= ITEMS; i++) {
      vocabulary.add("i" + i);
    }
    reranked = new TwoStageModel("two-stage");
    reranked.fit(sequences, ITEMS);
    linear = new TwoStageModel("two-stage-linear").withoutReranker();
    linear.fit(sequences, ITEMS);
  }

  @Test
  @DisplayName("the trees reorder exactly the linear ranker's best candidates (the top 30) and leave the others' scores alone")
  void reordersTheLinearTop() {
    boolean reordered = false;
    for (int[] history : HISTORIES) {
      float[] withTrees = new float[ITEMS + 1];
      float[] alone = new float[ITEMS + 1];
      reranked.score(history, withTrees);
      linear.score(history, alone);
      int[] candidates = IntStream.rangeClosed(1, ITEMS).filter(i -> alone[i] >= CANDIDATE).toArray();
      Set<Integer> linearTop = new HashSet<>();
      IntStream.of(candidates).boxed().sorted(Comparator.comparingDouble((Integer i) -> -alone[i]))
          .limit(Reranker.DEFAULT_TOP).forEach(linearTop::add);
      for (int item : candidates) {
        if (linearTop.contains(item)) {
          assertTrue(withTrees[item] > CANDIDATE + 1 && withTrees[item] < CANDIDATE + 2,
              "reranked item " + item + " scores " + withTrees[item] + " after " + Arrays.toString(history));
        } else {
          assertEquals(alone[item], withTrees[item], 0f, "item " + item + " after " + Arrays.toString(history));
        }
      }
      for (int item = 1; item <= ITEMS; item++) {
        if (alone[item] < CANDIDATE) {
          assertEquals(alone[item], withTrees[item], 0f, "non-candidate " + item);
        }
      }
      reordered |= !sameOrder(linearTop, alone, withTrees);
    }
    assertTrue(reordered, "the trees changed no user's order");
  }

  @Test
  @DisplayName("the package carries reranker.onnx, and serves and batches what the fitted model scored")
  void packageRoundTrip() throws IOException {
    Path out = dir.resolve("package");
    reranked.writePackage(out, vocabulary, new JsonObject(), new JsonObject(), 3L);
    assertTrue(Files.isRegularFile(out.resolve(TwoStagePackage.RERANKER)));
    JsonObject rerank = new JsonObject(Files.readString(out.resolve(TwoStagePackage.METADATA))).getJsonObject("rerank");
    assertEquals(TwoStagePackage.RERANKER, rerank.getString("onnx"));
    assertEquals(Reranker.DEFAULT_TOP, rerank.getInteger("top"));
    assertEquals("gradient-boosted-trees", rerank.getString("kind"));
    try (TwoStagePackage opened = TwoStagePackage.open(out)) {
      List<List<String>> batch = new ArrayList<>();
      for (int[] history : HISTORIES) {
        float[] fitted = new float[ITEMS + 1];
        float[] served = new float[ITEMS + 1];
        reranked.score(history, fitted);
        opened.score(history, served);
        for (int item = 1; item <= ITEMS; item++) {
          assertEquals(fitted[item], served[item], 1e-5, "item " + item + " after " + Arrays.toString(history));
        }
        batch.add(Arrays.stream(history).mapToObj(vocabulary::idOf).toList());
      }
      List<List<Map.Entry<String, Float>>> together = opened.recommend(batch, 10);
      for (int u = 0; u < batch.size(); u++) {
        List<Map.Entry<String, Float>> alone = opened.recommend(List.of(batch.get(u)), 10).get(0);
        assertEquals(alone, together.get(u), "user " + u);
        assertFalse(alone.isEmpty());
      }
    }
    Path without = dir.resolve("linear");
    linear.writePackage(without, vocabulary, new JsonObject(), new JsonObject(), 3L);
    assertFalse(Files.exists(without.resolve(TwoStagePackage.RERANKER)));
    assertFalse(new JsonObject(Files.readString(without.resolve(TwoStagePackage.METADATA))).containsKey("rerank"));
  }

  @Test
  @DisplayName("a package announcing a reranker it does not hold is refused, naming the file")
  void missingRerankerIsRefused() throws IOException {
    Path out = dir.resolve("missing");
    reranked.writePackage(out, vocabulary, new JsonObject(), new JsonObject(), 3L);
    Files.delete(out.resolve(TwoStagePackage.RERANKER));
    IOException refused = assertThrows(IOException.class, () -> TwoStagePackage.open(out));
    assertEquals("model package " + out + " has no " + TwoStagePackage.RERANKER, refused.getMessage());
  }

  /** Whether the trees left the linear top's order as it was. */
  private static boolean sameOrder(Set<Integer> top, float[] before, float[] after) {
    List<Integer> byBefore = top.stream().sorted(Comparator.comparingDouble((Integer i) -> -before[i])).toList();
    List<Integer> byAfter = top.stream().sorted(Comparator.comparingDouble((Integer i) -> -after[i])).toList();
    return byBefore.equals(byAfter);
  }
}
