package dev.recstream.model.embed;

import java.util.Arrays;

/**
 * Positive pointwise mutual information of a co-occurrence matrix C, kept sparse. With row sums
 * r_a = Σ_b C[a,b] and the context-smoothing exponent α:
 *
 * <pre>
 *   PPMI[a,b] = max(0, log( C[a,b] · Z / (r_a · r_b^α) )),   Z = Σ_c r_c^α
 * </pre>
 *
 * For α = 1, Z is the total Σ C and this is the textbook max(0, log(C[a,b]·total / (r_a·r_b))).
 * An α below 1 raises the probability of rare contexts, which tempers PMI's bias towards rare
 * items (Levy, Goldberg and Dagan, 2015); it makes the matrix asymmetric. Only C's non-zero
 * entries are visited, since a zero count gives PMI −∞; entries whose PMI is not positive are
 * dropped.
 */
final class PositivePmi {
  private PositivePmi() {}

  /** PPMI of {@code counts} (square, non-negative) with context exponent {@code alpha}. */
  static CsrMatrix of(CsrMatrix counts, double alpha) {
    int n = counts.rows();
    double[] rowSums = new double[n];
    double[] contextMass = new double[n];
    double z = 0;
    for (int r = 0; r < n; r++) {
      rowSums[r] = counts.rowSum(r);
      contextMass[r] = alpha == 1.0 ? rowSums[r] : Math.pow(rowSums[r], alpha);
      z += contextMass[r];
    }
    int[] rowStart = new int[n + 1];
    int[] columns = new int[counts.nonZeros()];
    double[] values = new double[counts.nonZeros()];
    int kept = 0;
    for (int r = 0; r < n; r++) {
      for (int k = counts.rowStart(r); k < counts.rowStart(r + 1); k++) {
        int c = counts.column(k);
        double pmi = Math.log(counts.value(k) * z / (rowSums[r] * contextMass[c]));
        if (pmi > 0) {
          columns[kept] = c;
          values[kept++] = pmi;
        }
      }
      rowStart[r + 1] = kept;
    }
    return new CsrMatrix(
        n, counts.cols(), rowStart, Arrays.copyOf(columns, kept), Arrays.copyOf(values, kept));
  }
}
