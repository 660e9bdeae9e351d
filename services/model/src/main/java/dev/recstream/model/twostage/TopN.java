package dev.recstream.model.twostage;

import java.util.function.IntPredicate;

/** Selection of the n best-scored items without sorting all of them (a bounded min-heap). */
final class TopN {
  private TopN() {}

  /**
   * @param items candidate item indices (the first {@code count} are used)
   * @param scores score per item index
   * @return up to n items, best first; ties broken by the lower index
   */
  static int[] select(int[] items, int count, float[] scores, int n, IntPredicate exclude) {
    int[] heap = new int[Math.max(n, 1)];
    int size = 0;
    for (int i = 0; i < count; i++) {
      int item = items[i];
      if (exclude.test(item)) {
        continue;
      }
      if (size < n) {
        heap[size] = item;
        siftUp(heap, size++, scores);
      } else if (n > 0 && better(item, heap[0], scores)) {
        heap[0] = item;
        siftDown(heap, size, scores);
      }
    }
    int[] result = new int[size];
    for (int i = size - 1; i >= 0; i--) {
      result[i] = heap[0];
      heap[0] = heap[i];
      siftDown(heap, i, scores);
    }
    return result;
  }

  /** All items 1..numItems as candidates. */
  static int[] selectDense(float[] scores, int n, IntPredicate exclude) {
    int[] all = new int[scores.length - 1];
    for (int i = 1; i < scores.length; i++) {
      all[i - 1] = i;
    }
    return select(all, all.length, scores, n, exclude);
  }

  private static boolean better(int a, int b, float[] scores) {
    return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
  }

  private static void siftUp(int[] heap, int i, float[] scores) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!better(heap[parent], heap[i], scores)) {
        break;
      }
      swap(heap, i, parent);
      i = parent;
    }
  }

  private static void siftDown(int[] heap, int size, float[] scores) {
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      int right = left + 1;
      int worst = i;
      if (left < size && better(heap[worst], heap[left], scores)) {
        worst = left;
      }
      if (right < size && better(heap[worst], heap[right], scores)) {
        worst = right;
      }
      if (worst == i) {
        return;
      }
      swap(heap, i, worst);
      i = worst;
    }
  }

  private static void swap(int[] heap, int a, int b) {
    int t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
  }
}
