package dev.recstream.model.embed;

import java.util.Arrays;
import java.util.List;

/**
 * Symmetric window co-occurrence: for two positions i &lt; j of one sequence with j − i = d ≤
 * window and different items a, b, both C[a,b] and C[b,a] grow by 1/d. Each row accumulates in its
 * own open-addressing table (column 0 marks an empty slot, since items are 1-based), which is then
 * frozen into a {@link CsrMatrix} with sorted columns. Item 0 (padding) is skipped.
 */
final class CooccurrenceCounts {
  private static final int INITIAL_CAPACITY = 8;

  private final int[][] keys;
  private final double[][] values;
  private final int[] sizes;

  private CooccurrenceCounts(int numItems) {
    keys = new int[numItems + 1][];
    values = new double[numItems + 1][];
    sizes = new int[numItems + 1];
  }

  /** Counts every sequence; rows and columns of the result run over 0..numItems. */
  static CsrMatrix count(List<int[]> sequences, int numItems, int window) {
    CooccurrenceCounts counts = new CooccurrenceCounts(numItems);
    for (int[] sequence : sequences) {
      counts.addSequence(sequence, numItems, window);
    }
    return counts.toCsr();
  }

  private void addSequence(int[] sequence, int numItems, int window) {
    for (int i = 0; i < sequence.length; i++) {
      int a = checkItem(sequence[i], numItems);
      int end = Math.min(sequence.length - 1, i + window);
      for (int j = i + 1; j <= end; j++) {
        int b = checkItem(sequence[j], numItems);
        if (a != b && a != 0 && b != 0) {
          double weight = 1.0 / (j - i);
          add(a, b, weight);
          add(b, a, weight);
        }
      }
    }
  }

  private static int checkItem(int item, int numItems) {
    if (item < 0 || item > numItems) {
      throw new IllegalArgumentException(
          "sequences: item " + item + " is outside 1.." + numItems + " (0 is padding)");
    }
    return item;
  }

  private void add(int row, int column, double weight) {
    int[] k = keys[row];
    if (k == null || 2 * (sizes[row] + 1) > k.length) {
      grow(row);
      k = keys[row];
    }
    int slot = find(k, column);
    if (k[slot] == 0) {
      k[slot] = column;
      sizes[row]++;
    }
    values[row][slot] += weight;
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
    double[] oldValues = values[row];
    int capacity = oldKeys == null ? INITIAL_CAPACITY : oldKeys.length * 2;
    int[] newKeys = new int[capacity];
    double[] newValues = new double[capacity];
    for (int s = 0; oldKeys != null && s < oldKeys.length; s++) {
      if (oldKeys[s] != 0) {
        int slot = find(newKeys, oldKeys[s]);
        newKeys[slot] = oldKeys[s];
        newValues[slot] = oldValues[s];
      }
    }
    keys[row] = newKeys;
    values[row] = newValues;
  }

  private CsrMatrix toCsr() {
    int rows = keys.length;
    int[] rowStart = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      rowStart[r + 1] = rowStart[r] + sizes[r];
    }
    int[] columns = new int[rowStart[rows]];
    double[] weights = new double[rowStart[rows]];
    for (int r = 0; r < rows; r++) {
      freezeRow(r, columns, weights, rowStart[r]);
    }
    return new CsrMatrix(rows, rows, rowStart, columns, weights);
  }

  /** Writes row r's columns in ascending order, then frees its table. */
  private void freezeRow(int r, int[] columns, double[] weights, int start) {
    int[] k = keys[r];
    if (k == null) {
      return;
    }
    int n = 0;
    for (int column : k) {
      if (column != 0) {
        columns[start + n++] = column;
      }
    }
    Arrays.sort(columns, start, start + n);
    for (int i = start; i < start + n; i++) {
      weights[i] = values[r][find(k, columns[i])];
    }
    keys[r] = null;
    values[r] = null;
  }
}
