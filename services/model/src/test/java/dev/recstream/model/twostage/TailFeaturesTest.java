package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.rank.FeatureScaler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tail model's columns on the {@link ChainData} chains, and its dense pass against the model
 * applied row by row. The model here is a hand-made logistic regression (no ONNX needed); the
 * trainer module checks the same with a trained, exported one.
 */
@DisplayName("TailFeatures and TailScorer: the tail model's columns and its dense pass")
class TailFeaturesTest {
  private static final float CLOSE = 1e-6f;
  private static final int[] HISTORY = {5, 6, 7};
  private static final int FOLLOWER = 8;
  /** Two attributes per item: i mod 4 and 10 + i mod 3, so the affinities vary across items. */
  private static final Map<Integer, int[]> ATTRIBUTES = attributes();

  private static Map<Integer, int[]> attributes() {
    Map<Integer, int[]> map = new HashMap<>();
    for (int i = 1; i <= ChainData.NUM_ITEMS; i++) {
      map.put(i, new int[] {i % 4, 10 + i % 3});
    }
    return map;
  }

  private static TailFeatures tailFeatures(Set<String> disabled) {
    return new TailFeatures(ChainData.STATS, ChainData.EMBEDDINGS, new AttributeAffinity(ATTRIBUTES, ChainData.NUM_ITEMS),
        disabled);
  }

  private static Candidates candidatesFor(int[] history) {
    Candidates candidates = ChainData.candidates();
    candidates.generate(history);
    return candidates;
  }

  private static float[] rowOf(TailFeatures features, Candidates candidates, int item) {
    features.prepare(candidates);
    float[] row = new float[features.width()];
    features.write(candidates, item, row, 0);
    return row;
  }

  private static int column(String name) {
    int column = TailFeatures.NAMES.indexOf(name);
    assertTrue(column >= 0, "no tail feature named " + name);
    return column;
  }

  /** A logistic regression with weights of both signs on every column and a scaler that moves every column. */
  private static TailModel handMadeModel(int f) {
    double[] weights = new double[f];
    double[] means = new double[f];
    double[] stds = new double[f];
    for (int j = 0; j < f; j++) {
      weights[j] = (j % 2 == 0 ? 0.4 : -0.3) * (1 + j % 3);
      means[j] = 0.1 * j;
      stds[j] = 0.5 + 0.25 * j;
    }
    return new TailModel(-2.5, weights, FeatureScaler.of(means, stds));
  }

  @Test
  @DisplayName("names sort as strings in column order, and the groups are Features' groups over existing columns")
  void namesAndGroups() {
    List<String> sorted = new ArrayList<>(TailFeatures.NAMES);
    sorted.sort(null);
    assertEquals(TailFeatures.NAMES, sorted);
    assertEquals(TailFeatures.COUNT, new HashSet<>(TailFeatures.NAMES).size());
    assertEquals(TailModel.featureNames(), TailFeatures.NAMES);
    assertEquals(Features.GROUPS.keySet(), TailFeatures.GROUPS.keySet());
    TailFeatures.GROUPS.forEach((group, columns) -> columns.forEach(c ->
        assertTrue(c >= 0 && c < TailFeatures.NAMES_WITH_SEQUENCE.size(), group + " column " + c)));
    assertEquals(TailFeatures.NAMES, TailFeatures.NAMES_WITH_SEQUENCE.subList(0, TailFeatures.COUNT));
  }

  @Test
  @DisplayName("each column equals the Features column it is named after, for a candidate")
  void sameValuesAsFeatures() {
    Candidates candidates = candidatesFor(HISTORY);
    AttributeAffinity attributes = new AttributeAffinity(ATTRIBUTES, ChainData.NUM_ITEMS);
    Features features = new Features(ChainData.STATS, ChainData.EMBEDDINGS, attributes, Set.of());
    features.prepare(candidates);
    float[] full = new float[Features.COUNT];
    features.write(candidates, FOLLOWER, full, 0);
    float[] tail = rowOf(tailFeatures(Set.of()), candidates, FOLLOWER);
    Map<String, String> same = Map.ofEntries(
        Map.entry("t00_cooc", "f00_cooc"), Map.entry("t01_transitions", "f01_transitions"),
        Map.entry("t02_user_cooc", "f02_user_cooc"), Map.entry("t03_transition_from_last", "f06_transition_from_last"),
        Map.entry("t04_cooc_with_last", "f22_cooc_with_last"), Map.entry("t05_cos_last", "f08_cos_last"),
        Map.entry("t06_dot_recency_mean", "f12_dot_recency_mean"), Map.entry("t07_log_popularity", "f13_log_popularity"),
        Map.entry("t08_log_last_count", "f14_log_last_count"), Map.entry("t09_log_last3_count", "f15_log_last3_count"),
        Map.entry("t10_mean_position", "f16_mean_position"), Map.entry("t11_log_recent_ratio", "f17_log_recent_ratio"),
        Map.entry("t12_attribute_share_recent", "f25_attribute_share_recent"),
        Map.entry("t13_attribute_jaccard_last", "f26_attribute_jaccard_last"));
    assertEquals(TailFeatures.COUNT, same.size());
    same.forEach((t, f) -> assertEquals(full[Features.NAMES.indexOf(f)], tail[column(t)], CLOSE, t + " vs " + f));
    assertEquals(15f / 19f, tail[column("t03_transition_from_last")], CLOSE); // T[7][8] / (popularity 18 + 1)
  }

  @Test
  @DisplayName("the last item's rows scattered for one user are cleared for the next")
  void nothingCarriesOver() {
    TailFeatures reused = tailFeatures(Set.of());
    rowOf(reused, candidatesFor(HISTORY), FOLLOWER);
    int[] other = {40, 41};
    for (int item = 1; item <= ChainData.NUM_ITEMS; item++) {
      float[] again = rowOf(reused, candidatesFor(other), item);
      float[] fresh = rowOf(tailFeatures(Set.of()), candidatesFor(other), item);
      assertArrayEquals(fresh, again, "item " + item);
    }
  }

  @Test
  @DisplayName("a disabled group's columns are written as 0, and an unknown group is refused")
  void disabledGroups() {
    float[] row = rowOf(tailFeatures(Set.of("popularity", "cooccurrence")), candidatesFor(HISTORY), FOLLOWER);
    for (int c : TailFeatures.GROUPS.get("popularity")) {
      assertEquals(0f, row[c]);
    }
    for (int c : TailFeatures.GROUPS.get("cooccurrence")) {
      assertEquals(0f, row[c]);
    }
    assertTrue(row[column("t05_cos_last")] != 0f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tailFeatures(Set.of("colour")));
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }

  @Test
  @DisplayName("the dense pass equals the model applied to each item's row, for every item and several users")
  void densePassEqualsRowByRow() {
    assertDenseEqualsRows(Set.of());
  }

  @Test
  @DisplayName("the dense pass honours disabled groups as the rows do")
  void densePassWithDisabledGroups() {
    assertDenseEqualsRows(Set.of("embedding", "attributes"));
  }

  @Test
  @DisplayName("with a sequence model the dense pass adds its column as the rows do, and its group switches it off")
  void densePassWithSequence() {
    assertDenseEqualsRows(Set.of(), true);
    assertDenseEqualsRows(Set.of("sequence", "popularity"), true);
  }

  private static void assertDenseEqualsRows(Set<String> disabled) {
    assertDenseEqualsRows(disabled, false);
  }

  private static void assertDenseEqualsRows(Set<String> disabled, boolean withSequence) {
    TailModel model = handMadeModel(withSequence ? TailFeatures.COUNT + 1 : TailFeatures.COUNT);
    assertEquals(withSequence, model.readsSequence());
    AttributeAffinity attributes = new AttributeAffinity(ATTRIBUTES, ChainData.NUM_ITEMS);
    TailScorer scorer = new TailScorer(new TailFeatures(ChainData.STATS, ChainData.EMBEDDINGS, attributes, disabled,
        withSequence), ChainData.EMBEDDINGS, model);
    TailFeatures rows = new TailFeatures(ChainData.STATS, ChainData.EMBEDDINGS,
        new AttributeAffinity(ATTRIBUTES, ChainData.NUM_ITEMS), disabled, withSequence);
    // Made-up sequence scores: item i scores sin(i), so the column varies item by item.
    float[] sequenceScores = new float[ChainData.NUM_ITEMS + 1];
    for (int item = 1; item <= ChainData.NUM_ITEMS; item++) {
      sequenceScores[item] = (float) Math.sin(item);
    }
    for (int[] history : List.of(HISTORY, new int[] {30, 8, 30}, new int[] {60}, new int[0], new int[] {12, 13, 14, 15, 16, 17, 18})) {
      Candidates candidates = ChainData.candidates();
      candidates.generate(history, withSequence ? sequenceScores : null, 0);
      float[] dense = new float[ChainData.NUM_ITEMS + 1];
      scorer.score(candidates, dense);
      for (int item = 1; item <= ChainData.NUM_ITEMS; item++) {
        double expected = model.probability(rowOf(rows, candidates, item));
        assertEquals(expected, dense[item], 1e-5, "item " + item + " after " + java.util.Arrays.toString(history));
      }
    }
  }
}
