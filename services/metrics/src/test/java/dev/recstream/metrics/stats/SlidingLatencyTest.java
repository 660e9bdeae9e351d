package dev.recstream.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Times are epoch milliseconds around {@code M}, the start of minute {@code m = M / 60 000}. A
 * window of W minutes read at {@code now} merges minutes {@code floor(now/60 000) − W + 1} to
 * {@code floor(now/60 000)}.
 */
class SlidingLatencyTest {
  private static final long M = 1_700_000_040_000L; // 28 333 334 · 60 000
  private static final long MINUTE_MS = 60_000;
  private static final long HOUR_MS = 3_600_000;

  @Test
  @DisplayName("With nothing recorded, windows and the since-start histogram are empty")
  void empty() {
    SlidingLatency latency = new SlidingLatency();
    assertEquals(0, latency.window(Duration.ofMinutes(5), M).count());
    assertTrue(Double.isNaN(latency.sinceStart().percentile(0.5)));
  }

  @Test
  @DisplayName("A 1-minute window is the current minute alone; the window's edge is now − W")
  void windowEdges() {
    SlidingLatency latency = new SlidingLatency();
    long now = M + 30_000; // minute m
    latency.record(1, M - 90_000); // minute m − 2 (= now − 2 min): in the 3-minute window only
    latency.record(2, now - MINUTE_MS); // minute m − 1 (= now − 1 min): out of the 1-minute window
    latency.record(3, M - 1); // minute m − 1, its last millisecond
    latency.record(4, M); // minute m, its first millisecond
    latency.record(5, now); // minute m
    assertEquals(2, latency.window(Duration.ofMinutes(1), now).count()); // 4, 5
    assertEquals(4, latency.window(Duration.ofMinutes(2), now).count()); // 2, 3, 4, 5
    assertEquals(5, latency.window(Duration.ofMinutes(3), now).count()); // all
    assertEquals(5, latency.sinceStart().count());
  }

  @Test
  @DisplayName("A window's percentiles are those of the values recorded in its minutes")
  void windowPercentiles() {
    SlidingLatency latency = new SlidingLatency();
    latency.record(1000, M - MINUTE_MS); // previous minute: 1 ms → b(49) = 1.06718957 ms
    latency.record(100_000, M); // 100 ms → b(97) = 103.535780 ms
    assertEquals(103.535780, latency.window(Duration.ofMinutes(1), M).percentile(0), 1e-6);
    LatencyHistogram twoMinutes = latency.window(Duration.ofMinutes(2), M);
    assertEquals(1.06718957, twoMinutes.percentile(0.5), 1e-8); // rank ⌈0.5·2⌉ = 1: 1 ms
    assertEquals(103.535780, twoMinutes.percentile(1), 1e-6);
  }

  @Test
  @DisplayName("After an hour the ring wraps: the minute that falls out is cleared before reuse")
  void ringWrapsAfterAnHour() {
    SlidingLatency latency = new SlidingLatency();
    latency.record(1000, M); // minute m
    latency.record(1000, M + 59 * MINUTE_MS); // minute m + 59
    assertEquals(2, latency.window(Duration.ofHours(1), M + 59 * MINUTE_MS).count()); // m … m + 59
    latency.record(1000, M + HOUR_MS); // minute m + 60 reuses m's slot
    assertEquals(2, latency.window(Duration.ofHours(1), M + HOUR_MS).count()); // m + 1 … m + 60
    assertEquals(1, latency.window(Duration.ofMinutes(1), M + HOUR_MS).count()); // not 2
    assertEquals(3, latency.sinceStart().count());
  }

  @Test
  @DisplayName("A clock jump of over an hour clears every minute but not the since-start histogram")
  void clockJumpClearsEverything() {
    SlidingLatency latency = new SlidingLatency();
    latency.record(1000, M);
    latency.record(1000, M + 10 * MINUTE_MS);
    latency.record(1000, M + 3 * HOUR_MS);
    assertEquals(1, latency.window(Duration.ofHours(1), M + 3 * HOUR_MS).count());
    assertEquals(3, latency.sinceStart().count());
  }

  @Test
  @DisplayName("A record at an earlier time than the newest minute counts in that newest minute")
  void timeGoingBackwardsRecordsInTheCurrentMinute() {
    SlidingLatency latency = new SlidingLatency();
    latency.record(1000, M + 2 * MINUTE_MS); // minute m + 2
    latency.record(1000, M); // 2 minutes back: goes into m + 2
    assertEquals(2, latency.window(Duration.ofMinutes(1), M + 2 * MINUTE_MS).count());
    assertEquals(0, latency.window(Duration.ofMinutes(1), M).count()); // minute m: empty
  }

  @Test
  @DisplayName("The histograms returned belong to the caller: changing them changes nothing here")
  void resultsAreCopies() {
    SlidingLatency latency = new SlidingLatency();
    latency.record(1000, M);
    latency.window(Duration.ofMinutes(1), M).record(5);
    latency.sinceStart().clear();
    assertEquals(1, latency.window(Duration.ofMinutes(1), M).count());
    assertEquals(1, latency.sinceStart().count());
  }

  @Test
  @DisplayName("Negative durations and unsupported windows are rejected, naming the rule")
  void rejectsBadArguments() {
    SlidingLatency latency = new SlidingLatency();
    assertEquals("a duration must be >= 0 µs, was -1", assertThrows(
        IllegalArgumentException.class, () -> latency.record(-1, M)).getMessage());
    assertEquals(0, latency.sinceStart().count());
    assertWindowRejected(latency, Duration.ZERO, "window must be positive, was PT0S");
    assertWindowRejected(latency, Duration.ofMinutes(61),
        "window must be at most PT1H (the 60 minutes kept), was PT1H1M");
    assertWindowRejected(latency, Duration.ofSeconds(90),
        "window must be a whole number of minutes, was PT1M30S");
  }

  private static void assertWindowRejected(SlidingLatency latency, Duration window, String message) {
    var error = assertThrows(IllegalArgumentException.class, () -> latency.window(window, M));
    assertEquals(message, error.getMessage());
  }
}
