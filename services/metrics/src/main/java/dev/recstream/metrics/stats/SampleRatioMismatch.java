package dev.recstream.metrics.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The sample ratio mismatch (SRM) check of an experiment: do the counts of units assigned to
 * each variant fit the split the experiment was configured with? A mismatch means the assignment
 * or the logging is broken, and the experiment's results cannot be trusted whatever they say.
 * Stateless.
 */
public final class SampleRatioMismatch {

  /**
   * The p-value below which the counts are declared a mismatch. Far stricter than the 0.05 used
   * for effects because the check runs on every experiment, again and again as data arrives, so
   * a false alarm has to be rare; and a real mismatch (a broken assignment) over thousands of
   * units yields p-values far smaller than this anyway.
   */
  public static final double MISMATCH_P_VALUE = 0.001;

  /**
   * The outcome of the check.
   *
   * @param chiSquare Pearson's statistic, {@code Σ (observed − expected)² / expected}
   * @param degreesOfFreedom the number of variants minus one
   * @param pValue the probability of a statistic at least this large if the split is right
   * @param mismatch whether {@code pValue < MISMATCH_P_VALUE}
   */
  public record SrmResult(double chiSquare, int degreesOfFreedom, double pValue, boolean mismatch) {}

  private SampleRatioMismatch() {}

  /**
   * Pearson's chi-square goodness-of-fit test (Pearson 1900) of the assignment counts against the
   * configured split: with {@code N} the total count and {@code w_i} the weights normalized to
   * sum 1, {@code expected_i = N·w_i}, {@code χ² = Σ (observed_i − expected_i)² / expected_i}
   * with {@code k − 1} degrees of freedom, and {@code p = 1 − F(χ²)} with {@code F} the
   * chi-squared distribution's CDF. With no observations at all there is nothing to contradict
   * the split: χ² 0, p 1, no mismatch.
   *
   * @param observed the units assigned to each variant, each {@code >= 0}
   * @param expectedWeights the configured split in any scale ({1, 1} and {50, 50} are the same),
   *     each positive and finite, one per variant
   * @throws IllegalArgumentException on fewer than 2 variants, arrays of different lengths, a
   *     negative count or a weight that is not positive and finite; the message names the rule
   */
  public static SrmResult test(long[] observed, double[] expectedWeights) {
    validate(observed, expectedWeights);
    int degreesOfFreedom = observed.length - 1;
    long total = sum(observed);
    if (total == 0) {
      return new SrmResult(0, degreesOfFreedom, 1, false);
    }
    double chiSquare = chiSquare(observed, expectedWeights, total);
    double pValue = upperTail(chiSquare, degreesOfFreedom);
    return new SrmResult(chiSquare, degreesOfFreedom, pValue, pValue < MISMATCH_P_VALUE);
  }

  private static void validate(long[] observed, double[] expectedWeights) {
    if (observed.length != expectedWeights.length) {
      throw new IllegalArgumentException(
          "observed and expectedWeights must have the same length, were "
              + observed.length + " and " + expectedWeights.length);
    }
    if (observed.length < 2) {
      throw new IllegalArgumentException(
          "at least 2 variants are needed to test a split, got " + observed.length);
    }
    for (int i = 0; i < observed.length; i++) {
      if (observed[i] < 0) {
        throw new IllegalArgumentException(
            "observed counts must be >= 0, observed[" + i + "] was " + observed[i]);
      }
      double weight = expectedWeights[i];
      if (!(weight > 0 && Double.isFinite(weight))) {
        throw new IllegalArgumentException(
            "expected weights must be positive and finite, expectedWeights[" + i + "] was " + weight);
      }
    }
  }

  private static double chiSquare(long[] observed, double[] weights, long total) {
    double weightSum = 0;
    for (double weight : weights) {
      weightSum += weight;
    }
    double chiSquare = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = total * (weights[i] / weightSum);
      double deviation = observed[i] - expected;
      chiSquare += deviation * deviation / expected;
    }
    return chiSquare;
  }

  private static double upperTail(double chiSquare, int degreesOfFreedom) {
    // No random generator: we never sample, and the default constructor seeds a Well19937c.
    ChiSquaredDistribution distribution = new ChiSquaredDistribution(null, degreesOfFreedom);
    return 1 - distribution.cumulativeProbability(chiSquare);
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long count : counts) {
      total = Math.addExact(total, count);
    }
    return total;
  }
}
