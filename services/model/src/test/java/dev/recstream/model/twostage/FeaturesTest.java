package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Features writes one row of named columns per (history, candidate)")
class FeaturesTest {
  private static final float CLOSE = 1e-6f;
  private static final int[] HISTORY = {5, 6, 7};
  /** Item 8 always follows the last item 7 (see {@link ChainData}). */
  private static final int FOLLOWER = 8;
  private static final int TRANSITIONS = column("f01_transitions");
  private static final int RANK_TRANSITIONS = column("f04_rank_transitions");
  private static final int TRANSITION_FROM_LAST = column("f06_transition_from_last");

  private static int column(String name) {
    int column = Features.NAMES.indexOf(name);
    assertTrue(column >= 0, "no feature named " + name);
    return column;
  }

  private static Candidates candidatesFor(int[] history) {
    Candidates candidates = ChainData.candidates();
    candidates.generate(history);
    return candidates;
  }

  private static float[] rowOf(Features features, Candidates candidates, int item) {
    features.prepare(candidates);
    float[] row = new float[Features.COUNT];
    features.write(candidates, item, row, 0);
    return row;
  }

  @Test
  @DisplayName("the names sort as strings in column order, as the ONNX export requires")
  void namesSortInColumnOrder() {
    List<String> names = Features.NAMES_WITH_SEQUENCE;
    assertEquals(Features.NAMES, names.subList(0, Features.COUNT), "the sequence columns come after the others");
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertEquals(names, sorted);
    assertEquals(names.size(), new HashSet<>(names).size(), "names are distinct");
    for (int i = 0; i < names.size(); i++) {
      assertTrue(names.get(i).startsWith(String.format("f%02d_", i)), names.get(i));
    }
  }

  @Test
  @DisplayName("COUNT is the number of names, and every group names existing columns")
  void countAndGroups() {
    assertEquals(Features.NAMES.size(), Features.COUNT);
    Features.GROUPS.forEach((group, columns) -> columns.forEach(c ->
        assertTrue(c >= 0 && c < Features.NAMES_WITH_SEQUENCE.size(), group + " column " + c)));
    assertEquals(List.of(27, 28, 29), Features.GROUPS.get("sequence"));
    assertEquals(Features.NAMES, TrainingExamples.featureNames());
    assertEquals(Features.GROUPS.keySet(), TrainingExamples.featureGroups());
  }

  @Test
  @DisplayName("an unknown feature group is refused with a message that names it")
  void unknownGroupIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChainData.features(Set.of("colour")));
    assertTrue(e.getMessage().contains("colour"), e.getMessage());
  }

  @Test
  @DisplayName("a candidate proposed by the transitions list gets transition features above the absent values")
  void proposedByTransitions() {
    Candidates candidates = candidatesFor(HISTORY);
    float[] row = rowOf(ChainData.features(Set.of()), candidates, FOLLOWER);
    assertEquals((float) Math.log1p(15), row[TRANSITIONS], CLOSE); // T[7][8] = 15
    assertEquals(0f, row[RANK_TRANSITIONS], CLOSE); // log1p(rank 0)
    assertTrue(row[RANK_TRANSITIONS] < (float) Math.log1p(Candidates.ABSENT_RANK));
    assertEquals(15f / 19f, row[TRANSITION_FROM_LAST], CLOSE); // T[7][8] / (popularity 18 + 1)
  }

  @Test
  @DisplayName("every candidate the transitions list did not propose gets the absent values")
  void notProposedByTransitions() {
    Candidates candidates = candidatesFor(HISTORY);
    Features features = ChainData.features(Set.of());
    features.prepare(candidates);
    int checked = 0;
    for (int i = 0; i < candidates.size(); i++) {
      int item = candidates.item(i);
      if (item == FOLLOWER) {
        continue;
      }
      float[] row = new float[Features.COUNT];
      features.write(candidates, item, row, 0);
      assertEquals(0f, row[TRANSITIONS], "item " + item);
      assertEquals((float) Math.log1p(Candidates.ABSENT_RANK), row[RANK_TRANSITIONS], CLOSE, "item " + item);
      assertEquals(0f, row[TRANSITION_FROM_LAST], "item " + item);
      checked++;
    }
    assertTrue(checked > 0);
  }

  /** History [5, 6, 7], candidate 8; the counts are those listed in {@link ChainData}. */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "f06_transition_from_last, 0.78947368", // T[7][8] / (18 + 1) = 15/19
    "f07_user_cooc_with_last, 0.78947368", // 15 at distance 1 / √(19 · 19)
    "f13_log_popularity, 2.94443898", // log1p(18)
    "f14_log_last_count, 1.38629436", // log1p(3): last for start 3
    "f15_log_last3_count, 2.30258509", // log1p(9)
    "f16_mean_position, 0.5", // positions 5..0 of 5, averaged
    "f17_log_recent_ratio, -0.64185389", // log(10 / 19)
    "f18_log_history_length, 1.38629436", // log1p(3)
    "f22_cooc_with_last, 0.78947368", // 15 / 19
    "f23_cooc_with_second_last, 0.31578947", // 12 pairs at distance 2, each 1/2, / 19
    "f25_attribute_share_recent, 0.0", // no attributes known
    "f26_attribute_jaccard_last, 0.0"
  })
  @DisplayName("statistics features of the follower, computed by hand")
  void handComputedFeatures(String name, float expected) {
    float[] row = rowOf(ChainData.features(Set.of()), candidatesFor(HISTORY), FOLLOWER);
    assertEquals(expected, row[column(name)], CLOSE);
  }

  @Test
  @DisplayName("write fills exactly COUNT columns at the offset and leaves the rest of the row untouched")
  void writeRespectsTheOffset() {
    Candidates candidates = candidatesFor(HISTORY);
    Features features = ChainData.features(Set.of());
    float[] alone = rowOf(features, candidates, FOLLOWER);
    int offset = 3;
    float[] wide = new float[offset + Features.COUNT + 4];
    Arrays.fill(wide, Float.NaN);
    features.write(candidates, FOLLOWER, wide, offset);
    for (int i = 0; i < wide.length; i++) {
      boolean inside = i >= offset && i < offset + Features.COUNT;
      assertEquals(inside, !Float.isNaN(wide[i]), "column " + i + (inside ? " written" : " untouched"));
    }
    assertEquals(Arrays.toString(alone), Arrays.toString(Arrays.copyOfRange(wide, offset, offset + Features.COUNT)));
  }

  @Test
  @DisplayName("a disabled group's columns are written as 0 and the other columns are unchanged")
  void disabledGroupsAreZero() {
    Candidates candidates = candidatesFor(HISTORY);
    float[] full = rowOf(ChainData.features(Set.of()), candidates, FOLLOWER);
    float[] ablated = rowOf(ChainData.features(Set.of("popularity")), candidates, FOLLOWER);
    List<Integer> disabled = Features.GROUPS.get("popularity");
    for (int c = 0; c < Features.COUNT; c++) {
      float expected = disabled.contains(c) ? 0f : full[c];
      assertEquals(expected, ablated[c], Features.NAMES.get(c));
    }
    assertFalse(disabled.stream().allMatch(c -> full[c] == 0f), "the group was not already all zero");
  }
}
