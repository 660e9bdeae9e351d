package dev.recstream.model.embed;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An immutable sparse matrix in compressed sparse row form, with the one product the randomized
 * SVD needs: sparse × dense, where the dense matrices are row-major {@code double[]} (EJML's
 * {@code DMatrixRMaj.data}). Each output row is computed by one thread in a fixed order, so the
 * parallel product is deterministic.
 */
final class CsrMatrix {
  /** Rows per parallel task: large enough that scheduling costs nothing, small enough to balance. */
  private static final int ROWS_PER_TASK = 512;

  private final int rows;
  private final int cols;
  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;

  CsrMatrix(int rows, int cols, int[] rowStart, int[] columns, double[] values) {
    this.rows = rows;
    this.cols = cols;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /** The non-zero entries of a dense matrix, for tests and small inputs. */
  static CsrMatrix fromDense(double[][] dense) {
    int rows = dense.length;
    int cols = rows == 0 ? 0 : dense[0].length;
    int[] rowStart = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      rowStart[r + 1] = rowStart[r] + (int) Arrays.stream(dense[r]).filter(v -> v != 0).count();
    }
    int[] columns = new int[rowStart[rows]];
    double[] values = new double[rowStart[rows]];
    int k = 0;
    for (double[] row : dense) {
      for (int c = 0; c < cols; c++) {
        if (row[c] != 0) {
          columns[k] = c;
          values[k++] = row[c];
        }
      }
    }
    return new CsrMatrix(rows, cols, rowStart, columns, values);
  }

  int rows() {
    return rows;
  }

  int cols() {
    return cols;
  }

  int nonZeros() {
    return columns.length;
  }

  int rowLength(int row) {
    return rowStart[row + 1] - rowStart[row];
  }

  int rowStart(int row) {
    return rowStart[row];
  }

  int column(int entry) {
    return columns[entry];
  }

  double value(int entry) {
    return values[entry];
  }

  /** Σ of row {@code row}'s entries. */
  double rowSum(int row) {
    double sum = 0;
    for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
      sum += values[k];
    }
    return sum;
  }

  /** The transpose, by a counting sort on the columns (its rows come out with sorted columns). */
  CsrMatrix transpose() {
    int[] start = new int[cols + 1];
    for (int c : columns) {
      start[c + 1]++;
    }
    for (int c = 0; c < cols; c++) {
      start[c + 1] += start[c];
    }
    int[] next = Arrays.copyOf(start, cols);
    int[] tColumns = new int[columns.length];
    double[] tValues = new double[values.length];
    for (int r = 0; r < rows; r++) {
      for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
        int slot = next[columns[k]]++;
        tColumns[slot] = r;
        tValues[slot] = values[k];
      }
    }
    return new CsrMatrix(cols, rows, start, tColumns, tValues);
  }

  /**
   * out = this · x, where x is row-major cols × width and out is row-major rows × width (its
   * previous content is overwritten). Rows are split over the common fork-join pool.
   */
  void multiply(double[] x, int width, double[] out) {
    if (x.length < cols * width || out.length < rows * width) {
      throw new IllegalArgumentException("multiply: operands too small for width " + width);
    }
    int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
    IntStream.range(0, tasks)
        .parallel()
        .forEach(t -> multiplyRows(t * ROWS_PER_TASK, Math.min(rows, (t + 1) * ROWS_PER_TASK), x, width, out));
  }

  private void multiplyRows(int from, int to, double[] x, int width, double[] out) {
    for (int r = from; r < to; r++) {
      int o = r * width;
      Arrays.fill(out, o, o + width, 0.0);
      for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
        double v = values[k];
        int xo = columns[k] * width;
        for (int c = 0; c < width; c++) {
          out[o + c] += v * x[xo + c];
        }
      }
    }
  }
}
