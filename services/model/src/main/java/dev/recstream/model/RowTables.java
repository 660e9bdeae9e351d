package dev.recstream.model;

import java.util.Arrays;

/**
 * Sums of weights per (row, column) of an item-by-item matrix while it is being counted: each row
 * is its own open-addressing table of primitive columns and float sums (column 0 marks an empty
 * slot, since items are 1-based), at most two thirds full. An entry costs 12 to 24 bytes, where a
 * boxed {@code HashMap<Integer, Float>} entry costs about 80, which is what lets the statistics of
 * ten million events fit in a few GB. Float sums of weights such as 1/d keep about 7 significant
 * digits, more than any count here needs. Rows are then drained one by one, columns ascending, into the
 * compact form their reader wants; draining frees the row's table.
 *
 * <p>Not thread-safe: one counting pass fills it.
 */
public final class RowTables {
  private static final int INITIAL_CAPACITY = 8;

  private final int[][] keys;
  private final float[][] sums;
  private final int[] sizes;

  /** Rows and columns 0..numItems; column 0 cannot be added to. */
  public RowTables(int numItems) {
    keys = new int[numItems + 1][];
    sums = new float[numItems + 1][];
    sizes = new int[numItems + 1];
  }

  /** The number of rows (numItems + 1). */
  public int rows() {
    return keys.length;
  }

  /** Adds {@code weight} to (row, column); column must be 1 or more. */
  public void add(int row, int column, double weight) {
    if (column < 1) {
      throw new IllegalArgumentException("column: must be 1 or more (0 marks an empty slot), was " + column);
    }
    int[] k = keys[row];
    if (k == null || 3 * (sizes[row] + 1) > 2 * k.length) {
      grow(row);
      k = keys[row];
    }
    int slot = find(k, column);
    if (k[slot] == 0) {
      k[slot] = column;
      sizes[row]++;
    }
    sums[row][slot] += (float) weight;
  }

  /** How many distinct columns row {@code row} holds (0 once drained). */
  public int rowSize(int row) {
    return sizes[row];
  }

  /**
   * Writes row {@code row}'s columns in ascending order into {@code columns[offset..]} and their
   * sums into {@code weights[offset..]}, then frees the row.
   *
   * @return how many entries were written
   */
  public int drainRow(int row, int[] columns, double[] weights, int offset) {
    int[] k = keys[row];
    if (k == null) {
      return 0;
    }
    int n = 0;
    for (int column : k) {
      if (column != 0) {
        columns[offset + n++] = column;
      }
    }
    Arrays.sort(columns, offset, offset + n);
    for (int i = offset; i < offset + n; i++) {
      weights[i] = sums[row][find(k, columns[i])];
    }
    keys[row] = null;
    sums[row] = null;
    sizes[row] = 0;
    return n;
  }

  /** The slot holding {@code column}, or the empty slot where it belongs. */
  private static int find(int[] k, int column) {
    int mask = k.length - 1;
    int slot = mix(column) & mask;
    while (k[slot] != 0 && k[slot] != column) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private static int mix(int column) {
    int h = column * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private void grow(int row) {
    int[] oldKeys = keys[row];
    float[] oldSums = sums[row];
    int capacity = oldKeys == null ? INITIAL_CAPACITY : oldKeys.length * 2;
    int[] newKeys = new int[capacity];
    float[] newSums = new float[capacity];
    for (int s = 0; oldKeys != null && s < oldKeys.length; s++) {
      if (oldKeys[s] != 0) {
        int slot = find(newKeys, oldKeys[s]);
        newKeys[slot] = oldKeys[s];
        newSums[slot] = oldSums[s];
      }
    }
    keys[row] = newKeys;
    sums[row] = newSums;
  }
}
