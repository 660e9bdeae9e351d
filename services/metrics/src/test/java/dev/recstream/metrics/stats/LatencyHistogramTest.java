package dev.recstream.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bucket i has upper bound b(i) = 10·1.1^i µs and holds (b(i−1), b(i)]; a value v > 10 µs lies in
 * bucket ⌈ln(v/10) / ln 1.1⌉ (ln 1.1 = 0.0953102). Percentiles are nearest-rank: the
 * ⌈q·count⌉-th smallest value, reported as its bucket's upper bound in milliseconds.
 */
class LatencyHistogramTest {
  private static final double EXACT = 1e-9;

  @Test
  @DisplayName("An empty histogram has count 0 and NaN percentiles")
  void emptyIsNaN() {
    LatencyHistogram histogram = new LatencyHistogram();
    assertEquals(0, histogram.count());
    assertTrue(Double.isNaN(histogram.percentile(0.5)));
  }

  @Test
  @DisplayName("There are 189 buckets, from 10 µs up to the first bound past 10 minutes")
  void bucketLayout() {
    // ⌈ln(6e8 / 10) / ln 1.1⌉ = ⌈17.909855 / 0.0953102⌉ = ⌈187.91⌉ = 188 → buckets 0 … 188
    assertEquals(189, LatencyHistogram.bucketCount());
    assertEquals(10, LatencyHistogram.upperBoundMicros(0), EXACT);
    assertEquals(11, LatencyHistogram.upperBoundMicros(1), EXACT); // 10·1.1
    assertEquals(12.1, LatencyHistogram.upperBoundMicros(2), EXACT); // 10·1.21
    // 10·1.1^188 = 10·60 509 673.5 = 605 096 735 µs ≈ 605 s; 10·1.1^187 = 550 087 941 < 6e8
    assertEquals(605_096_735, LatencyHistogram.upperBoundMicros(188), 1);
  }

  @Test
  @DisplayName("1 ms is reported as 1.0672 ms, the upper bound of its bucket 49")
  void oneValue() {
    // ⌈ln(1000/10) / ln 1.1⌉ = ⌈4.605170 / 0.0953102⌉ = ⌈48.32⌉ = 49;
    //   b(49) = 10·1.1^49 = 10·106.718957 = 1067.18957 µs (b(48) = 970.17 µs < 1000)
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(1000);
    assertEquals(1, histogram.count());
    for (double q : new double[] {0, 0.5, 1}) {
      assertEquals(1.06718957, histogram.percentile(q), 1e-8);
    }
  }

  @Test
  @DisplayName("A value equal to a bound belongs to the bucket that bound closes")
  void valuesOnBounds() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(0);
    histogram.record(10); // b(0) = 10: bucket 0
    histogram.record(11); // b(1) = 11: bucket 1
    histogram.record(12); // in (11, 12.1]: bucket 2
    long[] counts = histogram.bucketCounts();
    assertEquals(2, counts[0]);
    assertEquals(1, counts[1]);
    assertEquals(1, counts[2]);
    assertEquals(0.010, histogram.percentile(0.5), EXACT); // 2nd of 4 is 10 µs → b(0) = 10 µs
    assertEquals(0.0121, histogram.percentile(1), EXACT); // 12 µs → b(2) = 12.1 µs
  }

  @Test
  @DisplayName("Percentiles of 1, 2, … 100 ms are their buckets' upper bounds")
  void percentilesOfKnownValues() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int ms = 1; ms <= 100; ms++) {
      histogram.record(ms * 1000L);
    }
    // p50: the 50th value, 50 ms → bucket ⌈ln(5000) / ln 1.1⌉ = ⌈89.36⌉ = 90,
    //   b(90) = 10·1.1^90 = 53 130.226 µs
    assertEquals(53.130226, histogram.percentile(0.5), 1e-6);
    // p99: 99 ms → ⌈ln(9900) / ln 1.1⌉ = ⌈96.53⌉ = 97; p100: 100 ms → ⌈96.64⌉ = 97 too;
    //   b(97) = 10·1.1^97 = 103 535.780 µs
    assertEquals(103.535780, histogram.percentile(0.99), 1e-6);
    assertEquals(103.535780, histogram.percentile(1), 1e-6);
    // p0: the smallest, 1 ms → b(49) as in oneValue
    assertEquals(1.06718957, histogram.percentile(0), 1e-8);
  }

  @Test
  @DisplayName("The rank ⌈q·count⌉ is exact even where q·count rounds above an integer")
  void rankIsNotRoundedUp() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int i = 0; i < 7; i++) {
      histogram.record(100); // ⌈ln 10 / ln 1.1⌉ = ⌈24.16⌉ = 25, b(25) = 108.347059 µs
    }
    for (int i = 0; i < 93; i++) {
      histogram.record(10_000); // ⌈ln 1000 / ln 1.1⌉ = ⌈72.48⌉ = 73, b(73) = 10 511.532 µs
    }
    // 0.07·100 is 7.000000000000001 in doubles, but the rank is 7: the 7th value, 100 µs.
    assertEquals(0.108347059, histogram.percentile(0.07), 1e-9);
    assertEquals(10.511532, histogram.percentile(0.08), 1e-6); // rank 8: 10 ms
  }

  @Test
  @DisplayName("From 10 µs to 10 minutes the reported value overestimates by less than 10%")
  void errorBound() {
    for (long micros = 10; micros <= 600_000_000L; micros = micros * 13 / 10 + 1) {
      LatencyHistogram histogram = new LatencyHistogram();
      histogram.record(micros);
      double reported = histogram.percentile(0.5);
      double trueMillis = micros / 1000.0;
      assertTrue(reported >= trueMillis && reported < 1.1 * trueMillis,
          micros + " µs was reported as " + reported + " ms");
    }
  }

  @Test
  @DisplayName("Values past 10 minutes land in the last bucket and read as its bound")
  void overflowGoesToTheLastBucket() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(3_600_000_000L); // an hour
    histogram.record(Long.MAX_VALUE);
    assertEquals(2, histogram.bucketCounts()[188]);
    assertEquals(605_096.735, histogram.percentile(1), 1e-3); // b(188) in ms
  }

  @Test
  @DisplayName("Merging two histograms equals recording both sets of values into one")
  void mergeEqualsRecordingBoth() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    LatencyHistogram both = new LatencyHistogram();
    for (long micros : new long[] {5, 900, 1000, 45_000, 2_000_000}) {
      a.record(micros);
      both.record(micros);
    }
    for (long micros : new long[] {900, 70_000, 700_000_000}) {
      b.record(micros);
      both.record(micros);
    }
    a.merge(b);
    assertEquals(8, a.count());
    assertArrayEquals(both.bucketCounts(), a.bucketCounts());
    assertEquals(both.percentile(0.5), a.percentile(0.5));
    assertEquals(3, b.count()); // the merged-in histogram is unchanged
  }

  @Test
  @DisplayName("A copy is independent of its original, and clear empties a histogram")
  void copyAndClear() {
    LatencyHistogram original = new LatencyHistogram();
    original.record(1000);
    LatencyHistogram copy = original.copy();
    copy.record(2000);
    assertEquals(1, original.count());
    assertEquals(2, copy.count());
    copy.clear();
    assertEquals(0, copy.count());
    assertTrue(Double.isNaN(copy.percentile(0.5)));
    assertArrayEquals(new long[LatencyHistogram.bucketCount()], copy.bucketCounts());
    assertEquals(1, original.count());
  }

  @Test
  @DisplayName("A negative duration and a quantile outside [0, 1] are rejected, naming the rule")
  void rejectsBadArguments() {
    LatencyHistogram histogram = new LatencyHistogram();
    assertEquals("a duration must be >= 0 µs, was -5", assertThrows(
        IllegalArgumentException.class, () -> histogram.record(-5)).getMessage());
    assertEquals(0, histogram.count());
    for (double q : new double[] {-0.1, 1.5, Double.NaN}) {
      assertEquals("q must be in [0, 1], was " + q, assertThrows(
          IllegalArgumentException.class, () -> histogram.percentile(q)).getMessage());
    }
  }
}
