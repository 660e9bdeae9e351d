package dev.recstream.metrics.stats;

import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The clock arithmetic that {@link SlidingCounts} and {@link SlidingLatency} share, so both follow
 * one set of rules. Time is cut into periods of {@code periodMillis}: period {@code k} is the
 * epoch milliseconds {@code [k·periodMillis, (k+1)·periodMillis)}. The ring keeps the newest
 * {@code slots} periods up to its <em>head</em>, the latest period written; period {@code k} lives
 * in slot {@code floorMod(k, slots)}.
 *
 * <ul>
 *   <li>Writing at a later period moves the head forward and clears the slots it passes over —
 *       lazily, only when written; a jump of {@code slots} periods or more clears them all.
 *   <li>Writing at an earlier period than the head (a clock stepped back, an event out of order)
 *       goes into the head's slot: the ring never moves backwards, so a slot never mixes two
 *       periods and nothing older than the ring is written.
 *   <li>A window of {@code W} periods read at {@code now} holds the periods whose start lies in
 *       {@code (now − W·periodMillis, now]}: the current, partial period and the {@code W − 1}
 *       before it — so it spans between {@code W − 1} and {@code W} periods of real time.
 * </ul>
 *
 * <p>Not thread-safe: its owner serializes access.
 */
final class TimeRing {
  private static final long NO_PERIOD = Long.MIN_VALUE;

  private final int slots;
  private final long periodMillis;
  private final String periodName;
  private long head = NO_PERIOD;

  /**
   * @param periodName the period's name in plural ("seconds"), for error messages
   */
  TimeRing(int slots, long periodMillis, String periodName) {
    this.slots = slots;
    this.periodMillis = periodMillis;
    this.periodName = periodName;
  }

  /**
   * Moves the head to the period of {@code nowMillis} if that is later, calling {@code clearSlot}
   * for each slot that is reused, and returns the slot a write at {@code nowMillis} goes into.
   */
  int advance(long nowMillis, IntConsumer clearSlot) {
    long period = Math.floorDiv(nowMillis, periodMillis);
    if (head == NO_PERIOD) {
      head = period; // every slot is still empty
    } else if (period > head) {
      long reused = Math.min(period - head, slots);
      for (long k = period - reused + 1; k <= period; k++) {
        clearSlot.accept(slotOf(k));
      }
      head = period;
    }
    return slotOf(head);
  }

  /**
   * The slots of the periods in {@code window} read at {@code nowMillis} — those whose start lies
   * in {@code (now − window, now]} — that the ring still holds. Reads nothing ahead of the head
   * (those periods saw no writes) and does not move it.
   *
   * @throws IllegalArgumentException unless {@code window} is a positive whole number of periods,
   *     at most the ring's length
   */
  IntStream slotsIn(Duration window, long nowMillis) {
    long periods = periodsIn(window);
    if (head == NO_PERIOD) {
      return IntStream.empty();
    }
    long nowPeriod = Math.floorDiv(nowMillis, periodMillis);
    long newest = Math.min(nowPeriod, head);
    long oldest = Math.max(nowPeriod - periods + 1, head - slots + 1);
    return LongStream.rangeClosed(oldest, newest).mapToInt(this::slotOf);
  }

  /** How many periods {@code window} spans, after checking it is a whole number of them. */
  long periodsIn(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    Duration longest = Duration.ofMillis(periodMillis * slots);
    if (window.compareTo(longest) > 0) {
      throw new IllegalArgumentException(
          "window must be at most " + longest + " (the " + slots + " " + periodName
              + " kept), was " + window);
    }
    // A window in between periods could only be rounded, and either way would misreport it.
    if (window.toNanos() % (periodMillis * 1_000_000) != 0) {
      throw new IllegalArgumentException(
          "window must be a whole number of " + periodName + ", was " + window);
    }
    return window.toMillis() / periodMillis;
  }

  private int slotOf(long period) {
    return (int) Math.floorMod(period, (long) slots);
  }
}
