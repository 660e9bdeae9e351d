package dev.recstream.model.twostage;

import dev.recstream.model.TopItems;
import java.util.function.IntPredicate;

/** Selection of the n best-scored items without sorting all of them (a bounded heap). */
final class TopN {
  private TopN() {}

  /**
   * @param items candidate item indices (the first {@code count} are used)
   * @param scores score per item index
   * @return up to n items, best first; ties broken by the lower index
   */
  static int[] select(int[] items, int count, float[] scores, int n, IntPredicate exclude) {
    if (n <= 0) {
      return new int[0];
    }
    TopItems top = new TopItems(n);
    for (int i = 0; i < count; i++) {
      int item = items[i];
      float score = scores[item];
      // Most items cannot enter a full heap: ask the (slower) exclusion test only for those that can.
      if (top.accepts(item, score) && !exclude.test(item)) {
        top.offer(item, score);
      }
    }
    return top.drainBestFirst();
  }

  /** All items 1..numItems as candidates. */
  static int[] selectDense(float[] scores, int n, IntPredicate exclude) {
    int[] all = new int[scores.length - 1];
    for (int i = 1; i < scores.length; i++) {
      all[i - 1] = i;
    }
    return select(all, all.length, scores, n, exclude);
  }
}
