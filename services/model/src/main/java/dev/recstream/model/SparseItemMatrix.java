package dev.recstream.model;

import java.util.Arrays;

/**
 * Item-to-item weights, summed in primitive per-row tables while fitting ({@link RowTables}) and
 * then frozen into compact per-row arrays, columns ascending, for fast scoring. Rows and columns
 * are vocabulary indices (1-based).
 */
public final class SparseItemMatrix {
  private RowTables building;
  private int[][] columns;
  private float[][] weights;

  public SparseItemMatrix(int numItems) {
    building = new RowTables(numItems);
  }

  public void add(int row, int column, float weight) {
    building.add(row, column, weight);
  }

  /** Ends accumulation; {@code normalise} may rescale each weight from (row, column, weight). */
  public void freeze(WeightTransform normalise) {
    int rows = building.rows();
    columns = new int[rows][];
    weights = new float[rows][];
    int widest = 0;
    for (int row = 0; row < rows; row++) {
      widest = Math.max(widest, building.rowSize(row));
    }
    double[] sums = new double[widest];
    for (int row = 0; row < rows; row++) {
      int[] cols = new int[building.rowSize(row)];
      building.drainRow(row, cols, sums, 0);
      float[] w = new float[cols.length];
      for (int i = 0; i < cols.length; i++) {
        w[i] = normalise.apply(row, cols[i], (float) sums[i]);
      }
      columns[row] = cols;
      weights[row] = w;
    }
    building = null;
  }

  /** The weight at (row, column), 0 when absent; a binary search of the row. */
  public float get(int row, int column) {
    int i = Arrays.binarySearch(columns[row], column);
    return i >= 0 ? weights[row][i] : 0f;
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

  /** Row {@code row}'s columns, ascending (not a copy: do not change it). */
  public int[] rowColumns(int row) {
    return columns[row];
  }

  /** The weights of {@link #rowColumns}, in the same order (not a copy). */
  public float[] rowWeights(int row) {
    return weights[row];
  }

  @FunctionalInterface
  public interface WeightTransform {
    float apply(int row, int column, float weight);
  }
}
