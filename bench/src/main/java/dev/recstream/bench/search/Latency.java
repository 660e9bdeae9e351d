package dev.recstream.bench.search;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * The percentiles of a latency histogram recorded in nanoseconds, in milliseconds rounded to the
 * microsecond; NaN throughout when nothing was recorded. HdrHistogram at 3 significant digits: a
 * percentile is within 0.1 % of the exact one.
 */
record Latency(long count, double p50, double p90, double p99, double p999, double max) {
  static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  static Latency of(Histogram nanos) {
    if (nanos.getTotalCount() == 0) {
      return NONE;
    }
    return new Latency(nanos.getTotalCount(), ms(nanos.getValueAtPercentile(50)), ms(nanos.getValueAtPercentile(90)),
        ms(nanos.getValueAtPercentile(99)), ms(nanos.getValueAtPercentile(99.9)), ms(nanos.getMaxValue()));
  }

  JsonObject toJson() {
    return new JsonObject().put("count", count).put("p50", json(p50)).put("p90", json(p90)).put("p99", json(p99))
        .put("p99.9", json(p999)).put("max", json(max));
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e3) / 1e3;
  }

  /** JSON has no NaN. */
  static Double json(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
