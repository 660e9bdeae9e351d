package dev.recstream.model.baseline;

import java.util.HashMap;
import java.util.Map;

/**
 * Item-to-item weights, accumulated in hash maps while fitting and then frozen into compact
 * per-row arrays for fast scoring. Rows and columns are vocabulary indices (1-based).
 */
final class SparseItemMatrix {
  private final Map<Integer, Float>[] building;
  private int[][] columns;
  private float[][] weights;

  @SuppressWarnings("unchecked")
  SparseItemMatrix(int numItems) {
    building = new Map[numItems + 1];
  }

  void add(int row, int column, float weight) {
    Map<Integer, Float> r = building[row];
    if (r == null) {
      r = new HashMap<>();
      building[row] = r;
    }
    r.merge(column, weight, Float::sum);
  }

  /** Ends accumulation; {@code normalise} may rescale each weight from (row, column, weight). */
  void freeze(WeightTransform normalise) {
    columns = new int[building.length][];
    weights = new float[building.length][];
    for (int row = 0; row < building.length; row++) {
      Map<Integer, Float> r = building[row];
      int n = r == null ? 0 : r.size();
      columns[row] = new int[n];
      weights[row] = new float[n];
      if (r != null) {
        int i = 0;
        for (Map.Entry<Integer, Float> e : r.entrySet()) {
          columns[row][i] = e.getKey();
          weights[row][i] = normalise.apply(row, e.getKey(), e.getValue());
          i++;
        }
      }
      building[row] = null;
    }
  }

  /** Adds {@code factor} × row {@code row} into {@code scores}. */
  void addRowInto(int row, float factor, float[] scores) {
    int[] cols = columns[row];
    float[] w = weights[row];
    for (int i = 0; i < cols.length; i++) {
      scores[cols[i]] += factor * w[i];
    }
  }

  int rowSize(int row) {
    return columns[row].length;
  }

  int[] rowColumns(int row) {
    return columns[row];
  }

  float[] rowWeights(int row) {
    return weights[row];
  }

  @FunctionalInterface
  interface WeightTransform {
    float apply(int row, int column, float weight);
  }
}
