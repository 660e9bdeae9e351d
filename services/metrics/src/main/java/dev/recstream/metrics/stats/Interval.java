package dev.recstream.metrics.stats;

/**
 * A closed interval {@code [low, high]} of real numbers, such as a confidence interval.
 *
 * @param low the lower bound, not NaN
 * @param high the upper bound, not NaN and not below {@code low}
 */
public record Interval(double low, double high) {

  /** Rejects NaN bounds and a lower bound above the upper, with the rule in the message. */
  public Interval {
    if (Double.isNaN(low) || Double.isNaN(high)) {
      throw new IllegalArgumentException("interval bounds must not be NaN, were [" + low + ", " + high + "]");
    }
    if (low > high) {
      throw new IllegalArgumentException("interval low must be <= high, were [" + low + ", " + high + "]");
    }
  }

  /** Whether {@code value} lies in the interval, both bounds included. */
  public boolean contains(double value) {
    return low <= value && value <= high;
  }

  /** {@code high - low}: how precisely the interval pins the value down. */
  public double width() {
    return high - low;
  }
}
