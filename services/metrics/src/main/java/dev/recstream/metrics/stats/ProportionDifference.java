package dev.recstream.metrics.stats;

/**
 * Comparing a treatment's rate with a control's: the difference with Newcombe's hybrid score
 * interval, and the relative lift. Stateless.
 */
public final class ProportionDifference {

  /**
   * A difference of rates with its confidence interval.
   *
   * @param estimate {@code treatment.rate() − control.rate()}
   * @param interval the Newcombe interval around {@code estimate}
   */
  public record Difference(double estimate, Interval interval) {}

  private ProportionDifference() {}

  /**
   * The confidence interval of {@code p1 − p2}, {@code p1} the treatment's rate and {@code p2}
   * the control's, by Newcombe's hybrid score method (Newcombe 1998, "Interval estimation for the
   * difference between independent proportions: comparison of eleven methods", method 10): with
   * the Wilson intervals {@code (l1, u1)} of {@code p1} and {@code (l2, u2)} of {@code p2} and
   * {@code d = p1 − p2},
   *
   * <pre>
   * low  = d − √((p1 − l1)² + (u2 − p2)²)
   * high = d + √((u1 − p1)² + (p2 − l2)²)</pre>
   *
   * <p>Chosen over the Wald interval of the difference because it inherits Wilson's good coverage
   * for small samples and rates near 0 or 1, needs no iteration, and always lies in [−1, 1].
   *
   * @param confidence the coverage, strictly between 0 and 1
   * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
   */
  public static Interval newcombe(Proportion treatment, Proportion control, double confidence) {
    double p1 = treatment.rate();
    double p2 = control.rate();
    Interval w1 = treatment.wilson(confidence);
    Interval w2 = control.wilson(confidence);
    double d = p1 - p2;
    // hypot(a, b) = √(a² + b²), without overflow or underflow in between
    double low = d - Math.hypot(p1 - w1.low(), w2.high() - p2);
    double high = d + Math.hypot(w1.high() - p1, p2 - w2.low());
    return new Interval(low, high);
  }

  /**
   * The difference {@code treatment.rate() − control.rate()} together with its {@link
   * #newcombe Newcombe interval}, for reports that show both.
   *
   * @throws IllegalArgumentException if {@code confidence} is not in (0, 1)
   */
  public static Difference estimate(Proportion treatment, Proportion control, double confidence) {
    return new Difference(
        treatment.rate() - control.rate(), newcombe(treatment, control, confidence));
  }

  /**
   * The relative lift {@code (p1 − p2) / p2} of the treatment's rate over the control's (0.1 is
   * 10% better). NaN when the control's rate is 0 — no successes or no trials — since a lift over
   * nothing is undefined (rather than the infinity a plain division would give for {@code p1 > 0}).
   */
  public static double relativeLift(Proportion treatment, Proportion control) {
    double p2 = control.rate();
    if (p2 == 0) {
      return Double.NaN;
    }
    return (treatment.rate() - p2) / p2;
  }
}
