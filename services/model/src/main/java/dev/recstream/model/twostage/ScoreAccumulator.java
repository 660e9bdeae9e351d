package dev.recstream.model.twostage;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Sparse score accumulation over a dense array: adds touch few items, so only those are reset
 * between users. Whole rows ({@link #addRow}) are summed without bookkeeping per item — the row
 * is remembered and walked again to reset it — because that is the bulk of the work (a few
 * thousand adds per user). Not thread-safe; one per scoring thread.
 */
final class ScoreAccumulator {
  private final float[] scores;
  private final boolean[] touchedFlag;
  private int[] touched = new int[256];
  private int size;
  private int[][] rows = new int[8][];
  private int rowCount;

  ScoreAccumulator(int numItems) {
    scores = new float[numItems + 1];
    touchedFlag = new boolean[numItems + 1];
  }

  void add(int item, float weight) {
    touch(item);
    scores[item] += weight;
  }

  private void touch(int item) {
    if (!touchedFlag[item]) {
      touchedFlag[item] = true;
      if (size == touched.length) {
        touched = Arrays.copyOf(touched, size * 2);
      }
      touched[size++] = item;
    }
  }

  /** Adds {@code factor} × each (column, weight) pair of a sparse row. */
  void addRow(int[] columns, float[] weights, float factor) {
    if (rowCount == rows.length) {
      rows = Arrays.copyOf(rows, rowCount * 2);
    }
    rows[rowCount++] = columns;
    for (int i = 0; i < columns.length; i++) {
      scores[columns[i]] += factor * weights[i];
    }
  }

  float get(int item) {
    return scores[item];
  }

  /** The top {@code n} items added so far (best first) that {@code exclude} does not reject. */
  int[] top(int n, IntPredicate exclude) {
    for (int r = 0; r < rowCount; r++) {
      for (int column : rows[r]) {
        touch(column);
      }
    }
    return TopN.select(touched, size, scores, n, exclude);
  }

  void clear() {
    for (int i = 0; i < size; i++) {
      scores[touched[i]] = 0f;
      touchedFlag[touched[i]] = false;
    }
    size = 0;
    for (int r = 0; r < rowCount; r++) {
      for (int column : rows[r]) {
        scores[column] = 0f;
      }
      rows[r] = null;
    }
    rowCount = 0;
  }
}
