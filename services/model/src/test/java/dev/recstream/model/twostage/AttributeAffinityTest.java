package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("AttributeAffinity measures how a candidate's attributes match the user's recent items")
class AttributeAffinityTest {
  private static final float CLOSE = 1e-6f;
  private static final int NUM_ITEMS = 7;

  /** Attribute ids per item, given unsorted; item 4 has no entry and item 7 an empty one. */
  private static final Map<Integer, int[]> ATTRIBUTES = Map.of(
      1, new int[] {20, 10},
      2, new int[] {10},
      3, new int[] {30},
      5, new int[] {30, 20},
      6, new int[] {30, 10, 20},
      7, new int[0]);

  private static AttributeAffinity preparedFor(int... history) {
    AttributeAffinity affinity = new AttributeAffinity(ATTRIBUTES, NUM_ITEMS);
    affinity.prepare(history);
    return affinity;
  }

  /** History [1, 2, 3]: attribute 10 is on 2 of the 3 items, 20 and 30 on 1; the last item has {30}. */
  @ParameterizedTest(name = "item {0}: recent share {1}, Jaccard with last {2}")
  @CsvSource({
    "1, 0.5, 0.0", // (2 + 1) / (2 · 3)
    "2, 0.6666667, 0.0", // 2 / (1 · 3)
    "3, 0.3333333, 1.0", // 1 / 3; the same set as the last item
    "4, 0.0, 0.0", // no attributes at all
    "5, 0.3333333, 0.5", // (1 + 1) / (2 · 3); {20, 30} ∩ {30} over the union
    "6, 0.4444444, 0.3333333", // (2 + 1 + 1) / (3 · 3); {10, 20, 30} vs {30}
    "7, 0.0, 0.0" // an empty attribute list
  })
  @DisplayName("recent share and Jaccard with the last item after history [1, 2, 3]")
  void handExample(int item, float share, float jaccard) {
    AttributeAffinity affinity = preparedFor(1, 2, 3);
    assertEquals(share, affinity.recentShare(item), CLOSE);
    assertEquals(jaccard, affinity.jaccardWithLast(item), CLOSE);
  }

  @Test
  @DisplayName("a last item without attributes gives Jaccard 0 to everyone, but still counts as a recent item")
  void lastItemWithoutAttributes() {
    AttributeAffinity affinity = preparedFor(1, 4);
    for (int item = 1; item <= NUM_ITEMS; item++) {
      assertEquals(0f, affinity.jaccardWithLast(item), "item " + item);
    }
    assertEquals(0.5f, affinity.recentShare(2), CLOSE);
  }

  @Test
  @DisplayName("an empty history gives 0 for every item")
  void emptyHistory() {
    AttributeAffinity affinity = preparedFor();
    for (int item = 1; item <= NUM_ITEMS; item++) {
      assertEquals(0f, affinity.recentShare(item), "item " + item);
      assertEquals(0f, affinity.jaccardWithLast(item), "item " + item);
    }
  }

  @Test
  @DisplayName("only the last RECENT history items count towards the recent share")
  void onlyRecentItemsCount() {
    int recent = AttributeAffinity.RECENT;
    int[] justInside = new int[recent];
    Arrays.fill(justInside, 3);
    justInside[0] = 1;
    assertEquals(1f / recent, preparedFor(justInside).recentShare(2), CLOSE);

    int[] justOutside = new int[recent + 1];
    Arrays.fill(justOutside, 3);
    justOutside[0] = 1;
    AttributeAffinity affinity = preparedFor(justOutside);
    assertEquals(0f, affinity.recentShare(2), CLOSE);
    assertEquals(1f, affinity.recentShare(3), CLOSE);
  }

  @Test
  @DisplayName("prepare replaces the previous user's counts and last item")
  void prepareResets() {
    AttributeAffinity affinity = preparedFor(1, 2, 3);
    affinity.prepare(new int[] {2});
    assertEquals(1f, affinity.recentShare(2), CLOSE);
    assertEquals(0f, affinity.recentShare(3), CLOSE);
    assertEquals(0.5f, affinity.jaccardWithLast(1), CLOSE); // {10, 20} vs {10}
    assertEquals(0f, affinity.jaccardWithLast(3), CLOSE);
  }
}
