package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ItemPool picks the best n items as TopN does")
class ItemPoolTest {
  @Test
  @DisplayName("on random pools with many ties, any n, it returns TopN's items in TopN's order")
  void sameAsTopN() {
    SplittableRandom random = new SplittableRandom(5);
    ItemPool pool = new ItemPool();
    for (int trial = 0; trial < 300; trial++) {
      int size = random.nextInt(0, 700);
      int[] items = random.ints(1, 5_000).distinct().limit(size).toArray();
      float[] scores = new float[5_000];
      pool.clear();
      for (int item : items) {
        // few distinct values: ties everywhere, and zeros
        scores[item] = random.nextInt(0, 20) / 4f;
        pool.add(item, scores[item]);
      }
      int n = random.nextInt(0, 200);
      assertArrayEquals(TopN.select(items, items.length, scores, n, i -> false), pool.best(n), "trial " + trial);
    }
  }

  @Test
  @DisplayName("keys order by score, then by the lower index, across signs")
  void keysOrder() {
    assertTrue(ItemPool.key(7, 2f) > ItemPool.key(3, 1f));
    assertTrue(ItemPool.key(3, 1f) > ItemPool.key(4, 1f));
    assertTrue(ItemPool.key(4, 0f) > ItemPool.key(2, -0.5f));
    assertTrue(ItemPool.key(9, -0.5f) > ItemPool.key(1, -2f));
    assertTrue(ItemPool.key(1, 0f) == ItemPool.key(1, -0f));
  }
}
