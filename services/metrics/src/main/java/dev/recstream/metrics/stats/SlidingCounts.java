package dev.recstream.metrics.stats;

import java.time.Duration;
import java.util.Objects;

/**
 * Several long counters (indexed 0 to {@code counters − 1}), each summed over sliding windows of
 * up to an hour and in total since creation — what a metrics verticle needs to report "events
 * in the last minute" for several event kinds it updates together.
 *
 * <p>Resolution is one bucket per second, kept for the last {@value #SECONDS_KEPT} seconds in a
 * ring shared by all counters (28 KB per counter). Time is passed in as epoch milliseconds — no
 * clock is read here, so callers choose the clock and tests are deterministic. The rules:
 *
 * <ul>
 *   <li>An add at {@code t} goes into the bucket of second {@code floorDiv(t, 1000)}.
 *   <li>A window of {@code W} seconds read at {@code now} sums the buckets whose second starts in
 *       {@code (now − W, now]}: with {@code s = floorDiv(now, 1000)}, the seconds {@code s − W + 1}
 *       to {@code s}, the current second included although it is still filling. An add at exactly
 *       {@code now − W} is therefore excluded, and so is anything in its second.
 *   <li>Buckets are cleared lazily, when a later add moves the ring onto them; an add more than an
 *       hour after the previous one clears them all.
 *   <li>An add at a time before the newest second added to so far (a clock stepped back, an
 *       event out of order) counts in that newest second: buckets never move backwards.
 * </ul>
 *
 * <p>Not thread-safe: one verticle owns it.
 */
public final class SlidingCounts {
  /** How many one-second buckets are kept: the longest window is an hour. */
  public static final int SECONDS_KEPT = 3600;

  private final long[][] buckets; // [counter][slot]
  private final long[] totals;
  private final TimeRing ring = new TimeRing(SECONDS_KEPT, 1000, "seconds");

  /**
   * Creates {@code counters} counters at zero.
   *
   * @throws IllegalArgumentException if {@code counters < 1}
   */
  public SlidingCounts(int counters) {
    if (counters < 1) {
      throw new IllegalArgumentException("counters must be >= 1, was " + counters);
    }
    buckets = new long[counters][SECONDS_KEPT];
    totals = new long[counters];
  }

  /** How many counters this instance holds. */
  public int counters() {
    return totals.length;
  }

  /**
   * Adds {@code amount} to {@code counter} at time {@code nowMillis} (epoch milliseconds).
   *
   * @throws IndexOutOfBoundsException if there is no such counter
   * @throws IllegalArgumentException if {@code amount < 0}: these are counts, and a negative one
   *     would make a window's sum mean nothing
   */
  public void add(int counter, long amount, long nowMillis) {
    Objects.checkIndex(counter, totals.length);
    if (amount < 0) {
      throw new IllegalArgumentException("amount must be >= 0 (these are counts), was " + amount);
    }
    int slot = ring.advance(nowMillis, this::clearSlot);
    buckets[counter][slot] += amount;
    totals[counter] += amount;
  }

  /**
   * The sum of {@code counter} over the seconds of {@code window} read at {@code nowMillis}: the
   * seconds {@code floorDiv(now, 1000) − W + 1} to {@code floorDiv(now, 1000)} (see the class
   * comment). Does not change the counters.
   *
   * @throws IndexOutOfBoundsException if there is no such counter
   * @throws IllegalArgumentException unless {@code window} is a whole number of seconds from 1 to
   *     {@value #SECONDS_KEPT}
   */
  public long sum(int counter, Duration window, long nowMillis) {
    Objects.checkIndex(counter, totals.length);
    long[] row = buckets[counter];
    return ring.slotsIn(window, nowMillis).mapToLong(slot -> row[slot]).sum();
  }

  /**
   * The counter's rate per second over {@code window}: {@link #sum} divided by the window's
   * seconds. The current second is still filling, so in a steady stream the rate reads up to one
   * second's worth low ({@code 1/W} relative).
   *
   * @throws IndexOutOfBoundsException if there is no such counter
   * @throws IllegalArgumentException as {@link #sum} does
   */
  public double rate(int counter, Duration window, long nowMillis) {
    return (double) sum(counter, window, nowMillis) / window.toSeconds();
  }

  /**
   * Everything added to {@code counter} since creation.
   *
   * @throws IndexOutOfBoundsException if there is no such counter
   */
  public long total(int counter) {
    Objects.checkIndex(counter, totals.length);
    return totals[counter];
  }

  private void clearSlot(int slot) {
    for (long[] row : buckets) {
      row[slot] = 0;
    }
  }
}
