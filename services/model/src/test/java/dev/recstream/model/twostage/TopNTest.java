package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("TopN selects the n best-scored items, best first, ties to the lower index")
class TopNTest {
  /** Index 0 is padding; items 2 and 3 tie on 5, then 5 (4), 1 (3), 4 (1). */
  private static final float[] SCORES = {0f, 3f, 5f, 5f, 1f, 4f};

  static Stream<Arguments> denseCases() {
    return Stream.of(
        arguments("the best three, the tie 2 = 3 broken by index", 3, Set.of(), new int[] {2, 3, 5}),
        arguments("excluded items are skipped and the next best move up", 3, Set.of(2, 5), new int[] {3, 1, 4}),
        arguments("n larger than the input returns every item", 10, Set.of(), new int[] {2, 3, 5, 1, 4}),
        arguments("n = 0 returns nothing", 0, Set.of(), new int[0]),
        arguments("every item excluded returns nothing", 3, Set.of(1, 2, 3, 4, 5), new int[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("denseCases")
  @DisplayName("selectDense over items 1..5")
  void selectDense(String description, int n, Set<Integer> excluded, int[] expected) {
    assertArrayEquals(expected, TopN.selectDense(SCORES, n, excluded::contains));
  }

  static Stream<Arguments> selectCases() {
    return Stream.of(
        arguments("only the first count items are candidates", new int[] {4, 1, 3, 2, 5}, 3, 5, new int[] {3, 1, 4}),
        arguments("n below count keeps the best", new int[] {4, 1, 3, 2, 5}, 5, 2, new int[] {2, 3}),
        arguments("input order does not matter for ties", new int[] {5, 3, 2, 1}, 4, 4, new int[] {2, 3, 5, 1}),
        arguments("count = 0 returns nothing", new int[] {1, 2}, 0, 3, new int[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selectCases")
  @DisplayName("select over a list of items")
  void select(String description, int[] items, int count, int n, int[] expected) {
    assertArrayEquals(expected, TopN.select(items, count, SCORES, n, item -> false));
  }

  @Test
  @DisplayName("equal scores come out in increasing index order")
  void allTiedComeOutByIndex() {
    float[] scores = {0f, 1f, 1f, 1f, 1f, 1f};
    assertArrayEquals(new int[] {1, 2, 3}, TopN.select(new int[] {5, 3, 1, 4, 2}, 5, scores, 3, item -> false));
  }

  @Test
  @DisplayName("selectDense never returns the padding index 0, whatever its score")
  void paddingIsNeverSelected() {
    float[] scores = {100f, 1f, 2f};
    assertArrayEquals(new int[] {2, 1}, TopN.selectDense(scores, 5, item -> false));
  }

  @Test
  @DisplayName("on random scores with many ties it agrees with a full sort")
  void agreesWithAFullSort() {
    Random random = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      int numItems = 1 + random.nextInt(40);
      float[] scores = new float[numItems + 1];
      for (int i = 1; i <= numItems; i++) {
        scores[i] = random.nextInt(6);
      }
      int n = random.nextInt(numItems + 3);
      int excludedModulus = 2 + random.nextInt(5);
      int[] expected = IntStream.rangeClosed(1, numItems)
          .filter(i -> i % excludedModulus != 0)
          .boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
          .limit(n)
          .mapToInt(Integer::intValue)
          .toArray();
      int[] actual = TopN.selectDense(scores, n, item -> item % excludedModulus == 0);
      assertArrayEquals(expected, actual, "trial " + trial + " scores " + Arrays.toString(scores) + " n " + n);
    }
  }
}
