package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recstream.model.SparseItemMatrix;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("SequenceStatistics counts what the generators and features read")
class SequenceStatisticsTest {
  private static final float CLOSE = 1e-6f;

  /** Three users: [1, 2, 3], [2, 3] and [4]; item 5 never occurs. */
  private static final SequenceStatistics THREE_USERS =
      SequenceStatistics.of(List.of(new int[] {1, 2, 3}, new int[] {2, 3}, new int[] {4}), 5);

  private static Map<Integer, Float> row(SparseItemMatrix matrix, int item) {
    Map<Integer, Float> row = new TreeMap<>();
    int[] columns = matrix.rowColumns(item);
    float[] weights = matrix.rowWeights(item);
    for (int i = 0; i < columns.length; i++) {
      row.put(columns[i], weights[i]);
    }
    return row;
  }

  private static int[] range(int first, int last) {
    return IntStream.rangeClosed(first, last).toArray();
  }

  @ParameterizedTest(name = "item {0}: popularity {1}, last {2}, among last 3 {3}, mean position {4}")
  @CsvSource({
    "1, 1, 0, 1, 0.0", // only ever first
    "2, 2, 0, 2, 0.25", // positions 1/2 and 0/1
    "3, 2, 2, 2, 1.0", // always last
    "4, 1, 1, 1, 1.0", // a one-item sequence counts as last
    "5, 0, 0, 0, 0.5" // never seen: the neutral middle
  })
  @DisplayName("popularity, last and last-3 counts and mean relative position per item")
  void perItemCounts(int item, int popularity, float last, float last3, float meanPosition) {
    assertEquals(popularity, THREE_USERS.popularity[item]);
    assertEquals(last, THREE_USERS.lastCount[item], CLOSE);
    assertEquals(last3, THREE_USERS.last3Count[item], CLOSE);
    assertEquals(meanPosition, THREE_USERS.meanRelativePosition[item], CLOSE);
  }

  @Test
  @DisplayName("the most popular item's count is kept, and log popularity is log1p of the count")
  void maxAndLogPopularity() {
    assertEquals(2, THREE_USERS.maxPopularity);
    assertEquals((float) Math.log1p(2), THREE_USERS.logPopularity(2), CLOSE);
    assertEquals(0f, THREE_USERS.logPopularity(5), CLOSE);
  }

  @Test
  @DisplayName("an item's transition row counts, unnormalised, which items came right after it")
  void transitionRows() {
    SequenceStatistics stats = SequenceStatistics.of(
        List.of(new int[] {1, 2}, new int[] {1, 2}, new int[] {1, 3}, new int[] {2, 1}), 3);
    assertEquals(Map.of(2, 2f, 3, 1f), row(stats.transitions, 1));
    assertEquals(Map.of(1, 1f), row(stats.transitions, 2));
    assertEquals(Map.of(), row(stats.transitions, 3));
    assertEquals(2f, stats.transitions.get(1, 2), CLOSE);
    assertEquals(0f, stats.transitions.get(3, 1), CLOSE);
  }

  @ParameterizedTest(name = "C[{0}][{1}] = {2}")
  @CsvSource({
    "1, 2, 0.40824829", // 1 / √((1+1)(2+1)) = 1/√6
    "1, 3, 0.20412415", // (1/2) / √6: distance 2 in [1, 2, 3]
    "2, 3, 0.66666667", // (1 + 1) / √((2+1)(2+1))
    "1, 4, 0.0", // never in one sequence
    "3, 3, 0.0" // no self-pairs
  })
  @DisplayName("co-occurrence is the 1/d-weighted count normalised by √((n_a + 1)(n_b + 1)), symmetric")
  void cosineNormalisedCooccurrence(int a, int b, float expected) {
    assertEquals(expected, THREE_USERS.cooccurrence.get(a, b), CLOSE);
    assertEquals(expected, THREE_USERS.cooccurrence.get(b, a), CLOSE);
  }

  @ParameterizedTest(name = "distance {0}")
  @ValueSource(ints = {1, 2, 3, 4})
  @DisplayName("in one sequence 1..WINDOW+2, items d apart co-occur 1/d (÷2 for the cosine) up to WINDOW, then not at all")
  void windowWeights(int distance) {
    int numItems = SequenceStatistics.WINDOW + 2;
    SequenceStatistics stats = SequenceStatistics.of(List.of(range(1, numItems)), numItems);
    float expected = distance <= SequenceStatistics.WINDOW ? (1f / distance) / 2f : 0f;
    assertEquals(expected, stats.cooccurrence.get(1, 1 + distance), CLOSE);
  }

  @Test
  @DisplayName("a repeated item adds each of its distances but never pairs with itself")
  void repeatedItem() {
    SequenceStatistics stats = SequenceStatistics.of(List.of(new int[] {1, 1, 2}), 2);
    // (1 at 0, 2 at 2) adds 1/2, (1 at 1, 2 at 2) adds 1; popularity 2 and 1
    assertEquals(1.5f / (float) Math.sqrt(3 * 2), stats.cooccurrence.get(1, 2), CLOSE);
    assertEquals(0f, stats.cooccurrence.get(1, 1), CLOSE);
  }

  @Test
  @DisplayName("user co-occurrence counts only each user's last USER_RECENT items, with a USER_WINDOW window")
  void userCooccurrenceUsesRecentItemsOnly() {
    int recent = SequenceStatistics.USER_RECENT;
    int window = SequenceStatistics.USER_WINDOW;
    int numItems = recent + 2;
    // items 1 and 2 are older than the last USER_RECENT; every item occurs once (cosine ÷ 2)
    SequenceStatistics stats = SequenceStatistics.of(List.of(range(1, numItems)), numItems);
    assertEquals(0, stats.userCooccurrence.rowSize(1));
    assertEquals(0, stats.userCooccurrence.rowSize(2));
    assertEquals(0f, stats.userCooccurrence.get(2, 3), CLOSE);
    assertEquals(0.5f, stats.cooccurrence.get(2, 3), CLOSE);
    assertEquals(0.5f, stats.userCooccurrence.get(3, 4), CLOSE);
    assertEquals(0.5f, stats.userCooccurrence.get(4, 3), CLOSE);
    assertEquals((1f / window) / 2f, stats.userCooccurrence.get(3, 3 + window), CLOSE);
    assertEquals(0f, stats.userCooccurrence.get(3, 3 + window + 1), CLOSE);
    assertEquals(0.5f, stats.userCooccurrence.get(numItems - 1, numItems), CLOSE);
  }
}
