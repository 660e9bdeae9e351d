package dev.recstream.model.streaming;

import java.util.Arrays;

/**
 * Sums one request's candidate scores in a dense array indexed by item id and remembers which ids
 * it touched, so that ranking and resetting cost O(candidates), not O(catalog), and nothing is
 * allocated per candidate. Reused from request to request: {@link #clear} after each.
 *
 * <p>A zero score means "not a candidate": every term the model adds is positive (weights,
 * recency factors and normalisers all are), so the first {@link #add} of an id is exactly the
 * term, as a map's first merge was, and {@link #remove} can simply zero an id.
 */
final class DenseScores {
  private double[] scores = new double[64];
  /** One more cell than ids: {@link #add} writes the next cell whether or not the id is new. */
  private int[] touched = new int[65];
  private int touchedCount;

  /** Makes room for ids 0 to {@code items - 1}; call before adding. */
  void ensureCapacity(int items) {
    if (items > scores.length) {
      scores = Arrays.copyOf(scores, Math.max(items, 2 * scores.length));
      touched = Arrays.copyOf(touched, scores.length + 1);
    }
  }

  /** Adds a positive term to the item's score. */
  void add(int item, double term) {
    double before = scores[item];
    // Whether an id is new is a coin toss per neighbour, so a branch here mispredicts about half
    // the time (it doubled the cost of a request): the id is always written and the count grows
    // by 1 only when the score was still zero. A score is never negative, so its bits are 0 or
    // positive and their signum is 0 or 1.
    touched[touchedCount] = item;
    touchedCount += 1 - Long.signum(Double.doubleToRawLongBits(before));
    scores[item] = before + term;
  }

  /**
   * Drops an item from the candidates (it stays in the touched list with score zero). Call only
   * once every term of the request is added: a later add would list the item twice.
   */
  void remove(int item) {
    scores[item] = 0.0;
  }

  /** Touched ids, to be read with {@link #touched(int)}; some may have been removed (score 0). */
  int touchedCount() {
    return touchedCount;
  }

  /** The i-th touched id. */
  int touched(int i) {
    return touched[i];
  }

  /** The item's summed score, 0 when it is not a candidate. */
  double score(int item) {
    return scores[item];
  }

  /** Zeroes the touched scores, ready for the next request. */
  void clear() {
    for (int i = 0; i < touchedCount; i++) {
      scores[touched[i]] = 0.0;
    }
    touchedCount = 0;
  }
}
