package dev.recstream.metrics.stats;

import java.util.Arrays;

/**
 * A histogram of durations in microseconds, in log-scale buckets, from which percentiles are read
 * with a bounded relative error; histograms merge by adding counts, so per-minute histograms
 * combine into any window.
 *
 * <p>Bucket {@code i} holds the values in {@code (b(i−1), b(i)]} with upper bound
 * {@code b(i) = 10·1.1^i} µs: bucket 0 holds everything up to 10 µs, and the last, {@code
 * b(188)} ≈ 605 s, is the first bound past 10 minutes and also takes every longer value. Each
 * bound is 10% above the previous one, so reporting a bucket's upper bound overestimates a value
 * in it by less than 10% — the price of constant memory (189 counters) and constant-time
 * recording, whatever the number of values.
 *
 * <p>Not thread-safe: one verticle owns it.
 */
public final class LatencyHistogram {
  private static final double SMALLEST_BOUND_MICROS = 10;
  private static final double GROWTH = 1.1;
  private static final double LARGEST_VALUE_MICROS = 600_000_000; // 10 minutes

  private static final double[] UPPER_BOUNDS_MICROS = upperBounds();

  private final long[] counts = new long[UPPER_BOUNDS_MICROS.length];
  private long count;

  /** An empty histogram. */
  public LatencyHistogram() {}

  private static double[] upperBounds() {
    // The first i with 10·1.1^i >= 10 minutes; each bound from pow rather than by repeated
    // multiplication so that rounding errors do not accumulate.
    int last = (int) Math.ceil(
        Math.log(LARGEST_VALUE_MICROS / SMALLEST_BOUND_MICROS) / Math.log(GROWTH));
    double[] bounds = new double[last + 1];
    for (int i = 0; i <= last; i++) {
      bounds[i] = SMALLEST_BOUND_MICROS * Math.pow(GROWTH, i);
    }
    return bounds;
  }

  /** How many buckets every histogram has (189). */
  public static int bucketCount() {
    return UPPER_BOUNDS_MICROS.length;
  }

  /**
   * The upper bound of bucket {@code bucket} in microseconds, {@code 10·1.1^bucket} — for
   * exporting the buckets, say as a Prometheus histogram.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= bucket < bucketCount()}
   */
  public static double upperBoundMicros(int bucket) {
    return UPPER_BOUNDS_MICROS[bucket];
  }

  /**
   * Counts one duration of {@code micros} microseconds.
   *
   * @throws IllegalArgumentException if {@code micros < 0}: a duration cannot be negative, and
   *     one that is points at a broken clock that should not be hidden in bucket 0
   */
  public void record(long micros) {
    requireDuration(micros);
    counts[bucketOf(micros)]++;
    count++;
  }

  static void requireDuration(long micros) {
    if (micros < 0) {
      throw new IllegalArgumentException("a duration must be >= 0 µs, was " + micros);
    }
  }

  private static int bucketOf(long micros) {
    // Binary search over the bounds themselves, so a value equal to a bound lands in the bucket
    // that bound closes, exactly, with no logarithm's rounding at the edges.
    int found = Arrays.binarySearch(UPPER_BOUNDS_MICROS, (double) micros);
    int bucket = found >= 0 ? found : -found - 1; // else the first bound above the value
    return Math.min(bucket, UPPER_BOUNDS_MICROS.length - 1);
  }

  /** Adds every value counted in {@code other} into this histogram; {@code other} is unchanged. */
  public void merge(LatencyHistogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    count += other.count;
  }

  /** How many values were recorded (or merged in). */
  public long count() {
    return count;
  }

  /**
   * The {@code q}-quantile in milliseconds, as the upper bound of the bucket that holds it. The
   * quantile is the nearest-rank one: the {@code ⌈q·count⌉}-th smallest value (the smallest for
   * {@code q = 0}). For values from 10 µs to 10 minutes the result {@code r} and the true
   * quantile {@code v} satisfy {@code v <= r < 1.1·v}: an overestimate of under 10%. Below
   * 10 µs the result is 0.01 ms; past the last bound (≈ 605 s) it is that bound, an underestimate.
   *
   * @param q the quantile, from 0 to 1 (0.99 for the 99th percentile)
   * @return the upper bound in milliseconds, or NaN when nothing was recorded
   * @throws IllegalArgumentException if {@code q} is not in [0, 1]
   */
  public double percentile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1], was " + q);
    }
    if (count == 0) {
      return Double.NaN;
    }
    long rank = rankOf(q);
    long seen = 0;
    int bucket = 0;
    while (seen + counts[bucket] < rank) {
      seen += counts[bucket];
      bucket++;
    }
    return UPPER_BOUNDS_MICROS[bucket] / 1000;
  }

  private long rankOf(double q) {
    double exact = q * count;
    // q·count carries a rounding error (0.07·100 is 7.000000000000001); a few ulps of slack keep
    // an exact rank from rounding up to the next one.
    long rank = (long) Math.ceil(exact - 4 * Math.ulp(exact));
    return Math.max(1, Math.min(rank, count));
  }

  /** A copy of the bucket counts, bucket {@code i} at index {@code i}. */
  public long[] bucketCounts() {
    return counts.clone();
  }

  /** An independent histogram with the same counts. */
  public LatencyHistogram copy() {
    LatencyHistogram copy = new LatencyHistogram();
    copy.merge(this);
    return copy;
  }

  /** Forgets every value, as if just created. */
  public void clear() {
    Arrays.fill(counts, 0);
    count = 0;
  }
}
