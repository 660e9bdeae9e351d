package dev.recstream.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Item-to-item weights, accumulated in hash maps while fitting and then frozen into compact
 * per-row arrays for fast scoring. Rows and columns are vocabulary indices (1-based).
 */
public final class SparseItemMatrix {
  private final Map<Integer, Float>[] building;
  private int[][] columns;
  private float[][] weights;

  @SuppressWarnings("unchecked")
  public SparseItemMatrix(int numItems) {
    building = new Map[numItems + 1];
  }

  public void add(int row, int column, float weight) {
    Map<Integer, Float> r = building[row];
    if (r == null) {
      r = new HashMap<>();
      building[row] = r;
    }
    r.merge(column, weight, Float::sum);
  }

  /** Ends accumulation; {@code normalise} may rescale each weight from (row, column, weight). */
  public void freeze(WeightTransform normalise) {
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

  /** The weight at (row, column), 0 when absent; a linear scan of the row (rows are short). */
  public float get(int row, int column) {
    int[] cols = columns[row];
    for (int i = 0; i < cols.length; i++) {
      if (cols[i] == column) {
        return weights[row][i];
      }
    }
    return 0f;
  }

  /** Adds {@code factor} × row {@code row} into {@code scores}. */
  public void addRowInto(int row, float factor, float[] scores) {
    int[] cols = columns[row];
    float[] w = weights[row];
    for (int i = 0; i < cols.length; i++) {
      scores[cols[i]] += factor * w[i];
    }
  }

  public int rowSize(int row) {
    return columns[row].length;
  }

  public int[] rowColumns(int row) {
    return columns[row];
  }

  public float[] rowWeights(int row) {
    return weights[row];
  }

  @FunctionalInterface
  public interface WeightTransform {
    float apply(int row, int column, float weight);
  }
}
