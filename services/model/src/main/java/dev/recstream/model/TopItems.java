package dev.recstream.model;

/**
 * The best {@code capacity} items seen so far: a bounded min-heap over (score, item), so picking
 * the top K of n items costs O(n log K) instead of a full sort. Equal scores keep the lower item
 * index, which makes the lists — and catalog coverage — deterministic.
 */
public final class TopItems {
  private final int capacity;
  private final int[] items;
  private final float[] scores;
  private int size;

  public TopItems(int capacity) {
    this.capacity = capacity;
    this.items = new int[capacity];
    this.scores = new float[capacity];
  }

  public void clear() {
    size = 0;
  }

  /** Offers an item; NaN scores must already be mapped to -infinity. */
  public void offer(int item, float score) {
    if (size < capacity) {
      items[size] = item;
      scores[size] = score;
      siftUp(size++);
    } else if (size > 0 && better(score, item, scores[0], items[0])) {
      items[0] = item;
      scores[0] = score;
      siftDown(0);
    }
  }

  /** Whether {@link #offer} would keep the item now: the heap has room, or it beats the worst held. */
  public boolean accepts(int item, float score) {
    return size < capacity || (size > 0 && better(score, item, scores[0], items[0]));
  }

  /** The items held, best first. Empties the heap. */
  public int[] drainBestFirst() {
    int[] best = new int[size];
    while (size > 0) {
      best[size - 1] = items[0];
      size--;
      items[0] = items[size];
      scores[0] = scores[size];
      siftDown(0);
    }
    return best;
  }

  private static boolean better(float scoreA, int itemA, float scoreB, int itemB) {
    return scoreA > scoreB || (scoreA == scoreB && itemA < itemB);
  }

  private boolean worse(int a, int b) {
    return better(scores[b], items[b], scores[a], items[a]);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int worst = i;
      int left = 2 * i + 1;
      int right = left + 1;
      if (left < size && worse(left, worst)) {
        worst = left;
      }
      if (right < size && worse(right, worst)) {
        worst = right;
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
