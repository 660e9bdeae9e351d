package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ScoreAccumulator sums sparse scores and resets only what it touched")
class ScoreAccumulatorTest {
  private static final float EXACT = 0f;

  @Test
  @DisplayName("add sums the weights of an item and leaves the others at 0")
  void addSums() {
    ScoreAccumulator scores = new ScoreAccumulator(5);
    scores.add(2, 1.5f);
    scores.add(2, 0.5f);
    scores.add(4, 1f);
    assertEquals(2f, scores.get(2), EXACT);
    assertEquals(1f, scores.get(4), EXACT);
    assertEquals(0f, scores.get(1), EXACT);
    assertEquals(0f, scores.get(5), EXACT);
  }

  @Test
  @DisplayName("addRow adds factor × weight for each column of the row")
  void addRowScalesEachWeight() {
    ScoreAccumulator scores = new ScoreAccumulator(5);
    scores.addRow(new int[] {1, 3}, new float[] {2f, 4f}, 0.5f);
    assertEquals(1f, scores.get(1), EXACT);
    assertEquals(2f, scores.get(3), EXACT);
    scores.addRow(new int[] {3}, new float[] {1f}, 0.25f);
    assertEquals(2.25f, scores.get(3), EXACT);
    assertEquals(0f, scores.get(2), EXACT);
  }

  @Test
  @DisplayName("top returns touched items best first, ties to the lower index, skipping the excluded")
  void topRanksTouchedItems() {
    ScoreAccumulator scores = new ScoreAccumulator(6);
    scores.add(5, 3f);
    scores.add(1, 1f);
    scores.add(3, 2f);
    scores.add(2, 3f);
    assertArrayEquals(new int[] {2, 5, 3}, scores.top(3, item -> false));
    assertArrayEquals(new int[] {5, 3, 1}, scores.top(3, item -> item == 2));
    // untouched items 4 and 6 never appear, even when n asks for more
    assertArrayEquals(new int[] {2, 5, 3, 1}, scores.top(10, item -> false));
    assertArrayEquals(new int[0], scores.top(0, item -> false));
  }

  @Test
  @DisplayName("after clear a second user sees no scores left over from the first")
  void clearLeavesNothingForTheNextUser() {
    ScoreAccumulator scores = new ScoreAccumulator(6);
    scores.add(1, 5f);
    scores.addRow(new int[] {2, 3}, new float[] {1f, 2f}, 1f);
    scores.clear();
    for (int item = 0; item <= 6; item++) {
      assertEquals(0f, scores.get(item), EXACT, "item " + item);
    }
    assertArrayEquals(new int[0], scores.top(10, item -> false));

    scores.add(4, 0.5f);
    scores.add(2, 0.25f);
    assertArrayEquals(new int[] {4, 2}, scores.top(10, item -> false));
    assertEquals(0.25f, scores.get(2), EXACT);
  }

  @Test
  @DisplayName("clear still resets everything after the touched list has grown past its first capacity")
  void clearAfterGrowth() {
    int numItems = 1000;
    ScoreAccumulator scores = new ScoreAccumulator(numItems);
    for (int item = 1; item <= numItems; item++) {
      scores.add(item, item);
    }
    assertArrayEquals(new int[] {1000, 999}, scores.top(2, item -> false));
    scores.clear();
    for (int item = 1; item <= numItems; item++) {
      assertEquals(0f, scores.get(item), EXACT, "item " + item);
    }
    scores.add(7, 1f);
    assertArrayEquals(new int[] {7}, scores.top(5, item -> false));
  }
}
