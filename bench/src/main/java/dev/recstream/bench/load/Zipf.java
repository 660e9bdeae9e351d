package dev.recstream.bench.load;

import java.util.Arrays;
import java.util.Random;

/**
 * Item ranks drawn with probability proportional to {@code 1 / rank^exponent}: a few items take
 * most of the traffic, as in real shops, which is what makes caches and co-occurrence counts hot.
 * Inverse-CDF sampling over a precomputed table (one binary search per draw).
 */
public final class Zipf {
  private final double[] cdf;

  public Zipf(int n, double exponent) {
    cdf = new double[n];
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1.0 / Math.pow(k, exponent);
      cdf[k - 1] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
  }

  /** A rank in [0, n): 0 is the most popular. */
  public int next(Random random) {
    int i = Arrays.binarySearch(cdf, random.nextDouble());
    int rank = i >= 0 ? i : -i - 1;
    return Math.min(rank, cdf.length - 1);
  }
}
