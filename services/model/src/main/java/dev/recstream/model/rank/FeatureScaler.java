package dev.recstream.model.rank;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Per-feature z-scoring, {@code (x − mean) / std}, fitted on the training rows and applied
 * unchanged at serving time. The standard deviation is the population one (divided by n, as in
 * numpy and scikit-learn); a constant feature gets std 1, so it maps to 0 instead of dividing by 0.
 *
 * <p>Immutable and thread-safe.
 */
public final class FeatureScaler {
  private static final int FORMAT_VERSION = 1;

  private final double[] means;
  private final double[] stds;
  /** 1 / std: serving multiplies, a division costing several times a multiplication. */
  private final double[] inverseStds;

  private FeatureScaler(double[] means, double[] stds) {
    this.means = means;
    this.stds = stds;
    this.inverseStds = new double[stds.length];
    for (int j = 0; j < stds.length; j++) {
      inverseStds[j] = 1.0 / stds[j];
    }
  }

  /**
   * Builds a scaler from known statistics.
   *
   * @param means the mean of each feature
   * @param stds the standard deviation of each feature; 0 is replaced by 1
   * @throws IllegalArgumentException if the lengths differ or a value is not finite or negative
   */
  public static FeatureScaler of(double[] means, double[] stds) {
    if (means.length != stds.length) {
      throw new IllegalArgumentException(
          "The scaler has " + means.length + " means but " + stds.length + " standard deviations.");
    }
    double[] safeStds = new double[stds.length];
    for (int j = 0; j < stds.length; j++) {
      if (!Double.isFinite(means[j]) || !Double.isFinite(stds[j]) || stds[j] < 0) {
        throw new IllegalArgumentException(
            "Feature " + j + " has mean " + means[j] + " and std " + stds[j] + "; both must be finite and std ≥ 0.");
      }
      safeStds[j] = stds[j] == 0 ? 1 : stds[j];
    }
    return new FeatureScaler(means.clone(), safeStds);
  }

  /**
   * Fits the mean and standard deviation of every column of {@code rows} (two passes, in double).
   *
   * @param rows at least one row; every row has the same length
   * @throws IllegalArgumentException if there are no rows or the rows differ in length
   */
  public static FeatureScaler fit(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("Cannot fit a feature scaler on zero rows.");
    }
    int width = rows[0].length;
    double[] means = new double[width];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw new IllegalArgumentException(
            "Row " + i + " has " + rows[i].length + " features but row 0 has " + width + ".");
      }
      for (int j = 0; j < width; j++) {
        means[j] += rows[i][j];
      }
    }
    for (int j = 0; j < width; j++) {
      means[j] /= rows.length;
    }
    double[] variances = new double[width];
    for (float[] row : rows) {
      for (int j = 0; j < width; j++) {
        double d = row[j] - means[j];
        variances[j] += d * d;
      }
    }
    double[] stds = new double[width];
    for (int j = 0; j < width; j++) {
      stds[j] = Math.sqrt(variances[j] / rows.length);
    }
    return of(means, stds);
  }

  /** The number of features this scaler expects. */
  public int featureCount() {
    return means.length;
  }

  /** A copy of the per-feature means. */
  public double[] means() {
    return means.clone();
  }

  /** A copy of the per-feature standard deviations, with 0 already replaced by 1. */
  public double[] stds() {
    return stds.clone();
  }

  /**
   * Z-scores {@code row} in place.
   *
   * @throws IllegalArgumentException if the row length is not {@link #featureCount()}
   */
  public void apply(float[] row) {
    apply(row, row);
  }

  /**
   * Writes the z-scored {@code row} into {@code out} (which may be {@code row} itself).
   *
   * @throws IllegalArgumentException if either length is not {@link #featureCount()}
   */
  public void apply(float[] row, float[] out) {
    checkLength("row", row.length);
    checkLength("output buffer", out.length);
    scale(row, 0, out, 0);
  }

  /**
   * Z-scores {@code rows} consecutive rows of a row-major buffer in place, the layout that
   * {@link OnnxRanker#score(float[], int, int)} takes.
   *
   * @throws IllegalArgumentException if the buffer holds fewer than {@code rows} rows
   */
  public void applyRows(float[] rowsFlat, int rows) {
    if (rows < 0 || (long) rows * means.length > rowsFlat.length) {
      throw new IllegalArgumentException(
          "A buffer of " + rowsFlat.length + " floats cannot hold " + rows + " rows of " + means.length + " features.");
    }
    for (int offset = 0; offset < rows * means.length; offset += means.length) {
      scale(rowsFlat, offset, rowsFlat, offset);
    }
  }

  private void scale(float[] in, int inOffset, float[] out, int outOffset) {
    for (int j = 0; j < means.length; j++) {
      out[outOffset + j] = (float) ((in[inOffset + j] - means[j]) * inverseStds[j]);
    }
  }

  private void checkLength(String what, int length) {
    if (length != means.length) {
      throw new IllegalArgumentException(
          "The " + what + " has " + length + " features but the scaler was fitted on " + means.length + ".");
    }
  }

  /** Writes a format version, the feature count, then the means and standard deviations. */
  public void write(DataOutput out) throws IOException {
    out.writeInt(FORMAT_VERSION);
    out.writeInt(means.length);
    for (double m : means) {
      out.writeDouble(m);
    }
    for (double s : stds) {
      out.writeDouble(s);
    }
  }

  /**
   * Reads a scaler written by {@link #write(DataOutput)}.
   *
   * @throws IOException if the input ends early or has an unknown format version
   */
  public static FeatureScaler read(DataInput in) throws IOException {
    int version = in.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException("Unknown feature scaler format version " + version + "; expected " + FORMAT_VERSION + ".");
    }
    int width = in.readInt();
    if (width < 0) {
      throw new IOException("The feature scaler declares " + width + " features.");
    }
    double[] means = new double[width];
    double[] stds = new double[width];
    for (int j = 0; j < width; j++) {
      means[j] = in.readDouble();
    }
    for (int j = 0; j < width; j++) {
      stds[j] = in.readDouble();
    }
    return of(means, stds);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureScaler other
        && Arrays.equals(means, other.means)
        && Arrays.equals(stds, other.stds);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(means) + Arrays.hashCode(stds);
  }

  @Override
  public String toString() {
    return "FeatureScaler[features=" + means.length + "]";
  }
}
