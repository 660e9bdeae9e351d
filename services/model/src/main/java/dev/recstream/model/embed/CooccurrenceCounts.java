package dev.recstream.model.embed;

import dev.recstream.model.RowTables;
import java.util.List;

/**
 * Symmetric window co-occurrence: for two positions i &lt; j of one sequence with j − i = d ≤
 * window and different items a, b, both C[a,b] and C[b,a] grow by 1/d. Rows accumulate in
 * primitive open-addressing tables ({@link RowTables}), which are then frozen into a {@link
 * CsrMatrix} with sorted columns. Item 0 (padding) is skipped.
 */
final class CooccurrenceCounts {
  private CooccurrenceCounts() {}

  /** Counts every sequence; rows and columns of the result run over 0..numItems. */
  static CsrMatrix count(List<int[]> sequences, int numItems, int window) {
    RowTables counts = new RowTables(numItems);
    for (int[] sequence : sequences) {
      addSequence(counts, sequence, numItems, window);
    }
    return toCsr(counts);
  }

  private static void addSequence(RowTables counts, int[] sequence, int numItems, int window) {
    for (int i = 0; i < sequence.length; i++) {
      int a = checkItem(sequence[i], numItems);
      int end = Math.min(sequence.length - 1, i + window);
      for (int j = i + 1; j <= end; j++) {
        int b = checkItem(sequence[j], numItems);
        if (a != b && a != 0 && b != 0) {
          double weight = 1.0 / (j - i);
          counts.add(a, b, weight);
          counts.add(b, a, weight);
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

  private static CsrMatrix toCsr(RowTables counts) {
    int rows = counts.rows();
    int[] rowStart = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      rowStart[r + 1] = rowStart[r] + counts.rowSize(r);
    }
    int[] columns = new int[rowStart[rows]];
    double[] weights = new double[rowStart[rows]];
    for (int r = 0; r < rows; r++) {
      counts.drainRow(r, columns, weights, rowStart[r]);
    }
    return new CsrMatrix(rows, rows, rowStart, columns, weights);
  }
}
