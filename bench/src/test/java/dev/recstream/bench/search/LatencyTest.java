package dev.recstream.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Latency percentiles")
class LatencyTest {
  @Test
  @DisplayName("are read from nanoseconds in milliseconds, within HdrHistogram's 0.1 %")
  void percentiles() {
    Histogram h = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
    for (int ms = 1; ms <= 1_000; ms++) {
      h.recordValue(TimeUnit.MILLISECONDS.toNanos(ms));
    }
    Latency l = Latency.of(h);
    assertEquals(1_000, l.count());
    assertEquals(500, l.p50(), 0.5);
    assertEquals(900, l.p90(), 0.9);
    assertEquals(990, l.p99(), 1.0);
    assertEquals(999, l.p999(), 1.0);
    assertEquals(1_000, l.max(), 1.0);
  }

  @Test
  @DisplayName("of a tail: one slow answer in a hundred sets p99, not p90")
  void tail() {
    Histogram h = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
    h.recordValueWithCount(TimeUnit.MILLISECONDS.toNanos(2), 980);
    h.recordValueWithCount(TimeUnit.MILLISECONDS.toNanos(50), 20);
    Latency l = Latency.of(h);
    assertEquals(2, l.p90(), 0.01);
    assertEquals(50, l.p99(), 0.05);
  }

  @Test
  @DisplayName("are unknown, not zero, when nothing was recorded")
  void empty() {
    assertSame(Latency.NONE, Latency.of(new Histogram(3)));
    assertEquals(Double.NaN, Latency.NONE.p99());
  }
}
