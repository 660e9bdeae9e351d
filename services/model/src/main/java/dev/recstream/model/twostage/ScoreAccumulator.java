package dev.recstream.model.twostage;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Sparse score accumulation over a dense array: adds touch few items, so only those are reset
 * between users. Not thread-safe; one per scoring thread.
 */
final class ScoreAccumulator {
  private final float[] scores;
  private final boolean[] touchedFlag;
  private int[] touched = new int[256];
  private int size;

  ScoreAccumulator(int numItems) {
    scores = new float[numItems + 1];
    touchedFlag = new boolean[numItems + 1];
  }

  void add(int item, float weight) {
    if (!touchedFlag[item]) {
      touchedFlag[item] = true;
      if (size == touched.length) {
        touched = Arrays.copyOf(touched, size * 2);
      }
      touched[size++] = item;
    }
    scores[item] += weight;
  }

  /** Adds {@code factor} × each (column, weight) pair of a sparse row. */
  void addRow(int[] columns, float[] weights, float factor) {
    for (int i = 0; i < columns.length; i++) {
      add(columns[i], factor * weights[i]);
    }
  }

  float get(int item) {
    return scores[item];
  }

  /** The top {@code n} touched items (best first) that {@code exclude} does not reject. */
  int[] top(int n, IntPredicate exclude) {
    return TopN.select(touched, size, scores, n, exclude);
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      scores[touched[i]] = 0f;
      touchedFlag[touched[i]] = false;
    }
    size = 0;
  }
}
