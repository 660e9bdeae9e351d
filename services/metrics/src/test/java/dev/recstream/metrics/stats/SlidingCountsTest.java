package dev.recstream.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Times are epoch milliseconds around {@code S}, the start of a second; {@code s = S / 1000}. A
 * window of W seconds read at {@code now} sums seconds {@code floor(now/1000) − W + 1} to
 * {@code floor(now/1000)}.
 */
class SlidingCountsTest {
  private static final long S = 1_700_000_000_000L;
  private static final long HOUR = 3_600_000;
  private static final Duration MINUTE = Duration.ofSeconds(60);
  private static final Duration FULL_HOUR = Duration.ofSeconds(3600);

  @Test
  @DisplayName("Before any add every sum, rate and total is 0")
  void emptyIsZero() {
    SlidingCounts counts = new SlidingCounts(2);
    assertEquals(2, counts.counters());
    assertEquals(0, counts.sum(1, MINUTE, S));
    assertEquals(0, counts.rate(1, MINUTE, S), 0);
    assertEquals(0, counts.total(1));
  }

  @Test
  @DisplayName("A 60 s window read at now excludes an add at exactly now − 60 s and includes one a second later")
  void windowEdges() {
    SlidingCounts counts = new SlidingCounts(1);
    long now = S + 500; // second s; the window is seconds s − 59 … s
    counts.add(0, 1, now - 60_000); // S − 59 500 → second s − 60: out
    counts.add(0, 10, S - 59_001); // 59.501 s before now, but in second s − 60: out
    counts.add(0, 100, S - 59_000); // second s − 59: the oldest second in
    counts.add(0, 1000, now); // second s, still filling: in
    assertEquals(1100, counts.sum(0, MINUTE, now)); // 100 + 1000
    assertEquals(1000, counts.sum(0, Duration.ofSeconds(1), now)); // second s alone
    assertEquals(1111, counts.sum(0, Duration.ofSeconds(61), now)); // s − 60 … s: all four adds
    assertEquals(1111, counts.total(0));
  }

  @Test
  @DisplayName("The rate is the window's sum over its seconds")
  void rate() {
    SlidingCounts counts = new SlidingCounts(1);
    counts.add(0, 30, S);
    counts.add(0, 90, S + 10_000);
    assertEquals(2.0, counts.rate(0, MINUTE, S + 10_000), 1e-12); // (30 + 90) / 60
  }

  @Test
  @DisplayName("Counters are independent and share one clock")
  void countersAreIndependent() {
    SlidingCounts counts = new SlidingCounts(3);
    counts.add(0, 5, S);
    counts.add(2, 7, S + 1000);
    assertEquals(5, counts.sum(0, MINUTE, S + 1000));
    assertEquals(0, counts.sum(1, MINUTE, S + 1000));
    assertEquals(7, counts.sum(2, MINUTE, S + 1000));
    assertEquals(7, counts.total(2));
  }

  @Test
  @DisplayName("After an hour the ring wraps: the second that falls out is cleared before reuse")
  void ringWrapsAfterAnHour() {
    SlidingCounts counts = new SlidingCounts(1);
    counts.add(0, 5, S); // second s
    counts.add(0, 1, S + 3_599_000); // second s + 3599, the last slot before s's comes round
    assertEquals(6, counts.sum(0, FULL_HOUR, S + 3_599_000)); // seconds s … s + 3599
    counts.add(0, 2, S + HOUR); // second s + 3600 reuses s's slot
    assertEquals(3, counts.sum(0, FULL_HOUR, S + HOUR)); // seconds s + 1 … s + 3600: 1 + 2
    assertEquals(2, counts.sum(0, Duration.ofSeconds(1), S + HOUR)); // 2, not 5 + 2
    assertEquals(8, counts.total(0)); // 5 + 1 + 2
  }

  @Test
  @DisplayName("Reading ahead of the last add never sees a stale second from an hour before")
  void readingAheadSeesNoStaleBuckets() {
    SlidingCounts counts = new SlidingCounts(1);
    counts.add(0, 5, S); // second s
    counts.add(0, 1, S + 1000); // second s + 1
    // An hour on, with no add since: seconds s + 1 … s + 3600; s + 3600's slot still holds s's 5,
    // but nothing was added after s + 1, so only the 1 counts.
    assertEquals(1, counts.sum(0, FULL_HOUR, S + HOUR));
    assertEquals(0, counts.sum(0, MINUTE, S + HOUR)); // seconds s + 3541 … s + 3600
  }

  @Test
  @DisplayName("A clock jump of over an hour clears every bucket but keeps the totals")
  void clockJumpClearsEverything() {
    SlidingCounts counts = new SlidingCounts(2);
    counts.add(0, 5, S);
    counts.add(1, 3, S + 30_000);
    counts.add(0, 1, S + 2 * HOUR);
    assertEquals(1, counts.sum(0, FULL_HOUR, S + 2 * HOUR));
    assertEquals(0, counts.sum(1, FULL_HOUR, S + 2 * HOUR));
    // Read back at the old time, the slots of s and s + 30 now belong to the new hour: empty.
    assertEquals(0, counts.sum(0, MINUTE, S + 30_000));
    assertEquals(6, counts.total(0)); // 5 + 1
    assertEquals(3, counts.total(1));
  }

  @Test
  @DisplayName("An add at an earlier time than the newest second counts in that newest second")
  void timeGoingBackwardsAddsToTheCurrentSecond() {
    SlidingCounts counts = new SlidingCounts(1);
    counts.add(0, 1, S + 10_000); // second s + 10
    counts.add(0, 2, S); // 10 s back: goes into s + 10
    assertEquals(3, counts.sum(0, Duration.ofSeconds(1), S + 10_000));
    assertEquals(0, counts.sum(0, Duration.ofSeconds(5), S + 4_000)); // seconds s … s + 4: empty
    assertEquals(3, counts.total(0));
  }

  @Test
  @DisplayName("Times before 1970 map to seconds by floor division, like any others")
  void negativeEpochMillis() {
    SlidingCounts counts = new SlidingCounts(1);
    counts.add(0, 1, -1500); // second −2
    counts.add(0, 2, -1); // second −1
    assertEquals(2, counts.sum(0, Duration.ofSeconds(1), -500)); // second −1
    assertEquals(3, counts.sum(0, Duration.ofSeconds(2), -500)); // seconds −2 … −1
  }

  @Test
  @DisplayName("Bad counters, negative amounts and unsupported windows are rejected, naming the rule")
  void rejectsBadArguments() {
    assertEquals("counters must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
        () -> new SlidingCounts(0)).getMessage());
    SlidingCounts counts = new SlidingCounts(2);
    assertThrows(IndexOutOfBoundsException.class, () -> counts.add(2, 1, S));
    assertThrows(IndexOutOfBoundsException.class, () -> counts.total(-1));
    assertEquals("amount must be >= 0 (these are counts), was -1",
        assertThrows(IllegalArgumentException.class, () -> counts.add(0, -1, S)).getMessage());
    assertWindowRejected(counts, Duration.ZERO, "window must be positive, was PT0S");
    assertWindowRejected(counts, Duration.ofSeconds(-5), "window must be positive, was PT-5S");
    assertWindowRejected(counts, Duration.ofSeconds(3601),
        "window must be at most PT1H (the 3600 seconds kept), was PT1H1S");
    assertWindowRejected(counts, Duration.ofMillis(1500),
        "window must be a whole number of seconds, was PT1.5S");
    assertEquals(0, counts.total(0)); // the rejected add left nothing behind
  }

  private static void assertWindowRejected(SlidingCounts counts, Duration window, String message) {
    var error = assertThrows(IllegalArgumentException.class, () -> counts.sum(0, window, S));
    assertEquals(message, error.getMessage());
  }
}
