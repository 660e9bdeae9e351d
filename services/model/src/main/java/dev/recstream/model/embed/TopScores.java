package dev.recstream.model.embed;

/**
 * The n best (item, score) pairs seen so far, in a min-heap whose root is the worst kept pair, so
 * each offer costs O(log n) and most cost one comparison. Ties: the lower item index wins.
 */
final class TopScores {
  private final int[] items;
  private final float[] scores;
  private int size;

  TopScores(int capacity) {
    items = new int[capacity];
    scores = new float[capacity];
  }

  void offer(int item, float score) {
    if (size < items.length) {
      items[size] = item;
      scores[size] = score;
      siftUp(size++);
    } else if (size > 0 && better(item, score, items[0], scores[0])) {
      items[0] = item;
      scores[0] = score;
      siftDown(0);
    }
  }

  /** The kept items, best first. Leaves the heap empty. */
  int[] drainBestFirst() {
    int[] best = new int[size];
    for (int i = size - 1; i >= 0; i--) {
      best[i] = items[0];
      size--;
      items[0] = items[size];
      scores[0] = scores[size];
      siftDown(0);
    }
    return best;
  }

  private static boolean better(int item, float score, int otherItem, float otherScore) {
    return score > otherScore || (score == otherScore && item < otherItem);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!better(items[parent], scores[parent], items[i], scores[i])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int worst = i;
      for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
        if (better(items[worst], scores[worst], items[child], scores[child])) {
          worst = child;
        }
      }
      if (worst == i) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    int item = items[a];
    items[a] = items[b];
    items[b] = item;
    float score = scores[a];
    scores[a] = scores[b];
    scores[b] = score;
  }
}
