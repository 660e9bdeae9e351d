package dev.recstream.model.twostage;

import dev.recstream.model.rank.OnnxRanker;
import java.util.SplittableRandom;

/**
 * Reads the linear form of an exported logistic regression back from its ONNX graph: its log-odds
 * on the zero row are the intercept and on each unit row the intercept plus that column's weight.
 * The form is then checked against the graph on pseudo-random rows, so a graph that is not
 * logistic-linear in its input is refused rather than silently mis-read.
 */
final class LogisticProbe {
  /** Log-odds tolerance of the check, relative to 1 + |log-odds| (float Gemm and Softmax). */
  private static final double TOLERANCE = 1e-3;
  private static final int CHECK_ROWS = 16;

  private LogisticProbe() {}

  /**
   * The intercept and weights of the model's log-odds on its (z-scored) input rows.
   *
   * @return {@code [bias, w_0, …, w_{f-1}]}
   * @throws IllegalArgumentException if the model does not take {@code features} columns, or its
   *     log-odds are not linear in its input
   */
  static double[] read(OnnxRanker ranker, int features) {
    int f = features;
    if (ranker.featureCount() != f) {
      throw new IllegalArgumentException("the model " + ranker + " takes " + ranker.featureCount()
          + " features, not " + f);
    }
    float[] probe = new float[(f + 1) * f];
    for (int j = 0; j < f; j++) {
      probe[(j + 1) * f + j] = 1f;
    }
    double[] odds = ranker.logOdds(probe, f + 1, f);
    double[] form = new double[f + 1];
    form[0] = odds[0];
    for (int j = 0; j < f; j++) {
      form[j + 1] = odds[j + 1] - odds[0];
    }
    check(ranker, form);
    return form;
  }

  private static void check(OnnxRanker ranker, double[] form) {
    int f = form.length - 1;
    float[] rows = new float[CHECK_ROWS * f];
    SplittableRandom random = new SplittableRandom(f);
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) random.nextDouble(-3, 3);
    }
    double[] odds = ranker.logOdds(rows, CHECK_ROWS, f);
    for (int r = 0; r < CHECK_ROWS; r++) {
      double linear = form[0];
      for (int j = 0; j < f; j++) {
        linear += form[j + 1] * rows[r * f + j];
      }
      if (!(Math.abs(linear - odds[r]) <= TOLERANCE * (1 + Math.abs(odds[r])))) {
        throw new IllegalArgumentException("the model " + ranker + " is not a logistic regression: its log-odds "
            + odds[r] + " on a check row differ from the linear form's " + linear);
      }
    }
  }
}
