package dev.recstream.bench.baseline;

import org.HdrHistogram.Histogram;

/**
 * The percentiles of a latency histogram recorded in nanoseconds, converted to one unit (ms or µs,
 * named by whoever reports them) and rounded to a thousandth of it.
 */
public record LatencySummary(long count, double p50, double p95, double p99, double p999, double max) {
  static final long MICROS = 1_000L;
  static final long MILLIS = 1_000_000L;

  static LatencySummary of(Histogram nanos, long nanosPerUnit) {
    return new LatencySummary(nanos.getTotalCount(),
        in(nanos.getValueAtPercentile(50), nanosPerUnit), in(nanos.getValueAtPercentile(95), nanosPerUnit),
        in(nanos.getValueAtPercentile(99), nanosPerUnit), in(nanos.getValueAtPercentile(99.9), nanosPerUnit),
        in(nanos.getMaxValue(), nanosPerUnit));
  }

  private static double in(long nanos, long nanosPerUnit) {
    return Math.round(nanos * 1000.0 / nanosPerUnit) / 1000.0;
  }
}
