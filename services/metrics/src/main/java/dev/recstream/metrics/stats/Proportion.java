package dev.recstream.metrics.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A count of successes among trials — a click-through or hit rate — with its Wilson score
 * confidence interval.
 *
 * @param successes how many trials succeeded, {@code 0 <= successes <= trials}
 * @param trials how many trials there were, {@code >= 0}
 */
public record Proportion(long successes, long trials) {

  /** Rejects negative counts and more successes than trials, naming the broken rule. */
  public Proportion {
    if (trials < 0) {
      throw new IllegalArgumentException("trials must be >= 0, was " + trials);
    }
    if (successes < 0) {
      throw new IllegalArgumentException("successes must be >= 0, was " + successes);
    }
    if (successes > trials) {
      throw new IllegalArgumentException(
          "successes must be <= trials, were " + successes + " successes in " + trials + " trials");
    }
  }

  /** {@code successes / trials}; 0 before any trial, so a fresh counter reads as "no hits yet". */
  public double rate() {
    return trials == 0 ? 0 : (double) successes / trials;
  }

  /**
   * The Wilson score interval of the rate (Wilson 1927, "Probable inference, the law of
   * succession, and statistical inference"; in the form of Newcombe 1998, "Two-sided confidence
   * intervals for the single proportion", method 3): with {@code n} trials, {@code x} successes,
   * {@code p = x/n} and {@code z} the two-sided normal quantile of {@code confidence},
   *
   * <pre>(2np + z² ± z·√(z² + 4np(1−p))) / (2(n + z²))</pre>
   *
   * <p>Chosen over the textbook Wald interval {@code p ± z√(p(1−p)/n)} because it stays inside
   * [0, 1] and keeps close to its nominal coverage for small {@code n} and rates near 0 or 1 —
   * the usual case for click-through rates. With no successes the lower bound is exactly 0, with
   * all successes the upper bound is exactly 1, and with no trials the interval is [0, 1]: nothing
   * is known.
   *
   * @param confidence the coverage, strictly between 0 and 1 (0.95 for a 95% interval)
   * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
   */
  public Interval wilson(double confidence) {
    double z = twoSidedZ(confidence);
    if (trials == 0) {
      return new Interval(0, 1);
    }
    double z2 = z * z;
    double centre = 2.0 * successes + z2; // 2np + z²
    // 4np(1−p) = 4x(n−x)/n, in doubles so that large counts cannot overflow a long
    double spread = z * Math.sqrt(z2 + 4.0 * successes * (trials - successes) / trials);
    double denominator = 2 * (trials + z2);
    // The bounds at the edges are exact in theory; setting them avoids a rounding error's 1e-17.
    double low = successes == 0 ? 0 : Math.max(0, (centre - spread) / denominator);
    double high = successes == trials ? 1 : Math.min(1, (centre + spread) / denominator);
    return new Interval(low, high);
  }

  /**
   * The {@code z} with {@code P(|Z| <= z) = confidence} for a standard normal {@code Z}: the
   * {@code 1 − (1 − confidence)/2} quantile (1.959964 for 0.95).
   */
  static double twoSidedZ(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
    }
    // No random generator: we never sample, and the default constructor seeds a Well19937c,
    // which costs more than the quantile itself.
    NormalDistribution standard = new NormalDistribution(null, 0, 1);
    return standard.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }
}
