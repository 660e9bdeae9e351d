package dev.recstream.model.streaming;

/**
 * The best {@code k} (item id, score) pairs offered: higher score first, equal scores by item id
 * in String order — the order {@link StreamingCooccurrenceRecommender#topK} has always used, so
 * lists do not depend on the order candidates are visited in. A bounded heap of primitives with
 * the worst kept pair at the root, so ranking thousands of candidates allocates nothing per
 * candidate and compares names only on equal scores.
 *
 * <p>Use: {@link #offer} every candidate, then {@link #sortBestFirst} once and read the ranks.
 */
final class TopK {
  private final ItemIndex names;
  private final int k;
  private final int[] ids;
  private final double[] scores;
  private int size;

  /** @param k how many pairs to keep; 0 or less keeps none */
  TopK(int k, ItemIndex names) {
    this.names = names;
    this.k = Math.max(0, k);
    this.ids = new int[this.k];
    this.scores = new double[this.k];
  }

  /** Keeps the pair if it is among the best k offered so far. Each id is offered at most once. */
  void offer(int id, double score) {
    if (size < k) {
      ids[size] = id;
      scores[size] = score;
      siftUp(size++);
    } else if (size > 0 && worse(ids[0], scores[0], id, score)) {
      ids[0] = id;
      scores[0] = score;
      siftDown(0, size);
    }
  }

  /** Sorts the kept pairs best first (ranks 0 to count - 1) and returns their count. */
  int sortBestFirst() {
    // Heapsort: moving the worst (the root) to the end, one at a time, leaves the best in front.
    for (int end = size - 1; end > 0; end--) {
      swap(0, end);
      siftDown(0, end);
    }
    return size;
  }

  /** The item id at a rank, after {@link #sortBestFirst}. */
  int id(int rank) {
    return ids[rank];
  }

  /** The score at a rank, after {@link #sortBestFirst}. */
  double score(int rank) {
    return scores[rank];
  }

  /** Whether (a, scoreA) ranks below (b, scoreB). */
  private boolean worse(int a, double scoreA, int b, double scoreB) {
    int byScore = Double.compare(scoreA, scoreB);
    return byScore < 0 || (byScore == 0 && names.compareNames(a, b) > 0);
  }

  private boolean worseAt(int i, int j) {
    return worse(ids[i], scores[i], ids[j], scores[j]);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worseAt(i, parent)) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i, int end) {
    while (true) {
      int child = 2 * i + 1;
      if (child >= end) {
        return;
      }
      if (child + 1 < end && worseAt(child + 1, child)) {
        child++;
      }
      if (!worseAt(child, i)) {
        return;
      }
      swap(i, child);
      i = child;
    }
  }

  private void swap(int i, int j) {
    int id = ids[i];
    ids[i] = ids[j];
    ids[j] = id;
    double score = scores[i];
    scores[i] = scores[j];
    scores[j] = score;
  }
}
