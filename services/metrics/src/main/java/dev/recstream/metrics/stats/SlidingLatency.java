package dev.recstream.metrics.stats;

import java.time.Duration;

/**
 * Latencies over sliding windows of up to an hour, and since creation: one {@link
 * LatencyHistogram} per minute, kept for the last {@value #MINUTES_KEPT} minutes in a ring, merged
 * on demand into the histogram of a window.
 *
 * <p>Time is passed in as epoch milliseconds — no clock is read here. The rules, the same as
 * {@link SlidingCounts}' with minutes for seconds:
 *
 * <ul>
 *   <li>A value recorded at {@code t} goes into minute {@code floorDiv(t, 60_000)}.
 *   <li>A window of {@code W} minutes read at {@code now} merges the minutes whose start lies in
 *       {@code (now − W, now]}: with {@code m = floorDiv(now, 60_000)}, the minutes {@code m − W + 1}
 *       to {@code m}, the current, partial minute included. A 1-minute window is the current
 *       minute alone; a value recorded at exactly {@code now − W} is excluded.
 *   <li>Minutes are cleared lazily, when a later record moves the ring onto them; a record more
 *       than an hour after the previous one clears them all.
 *   <li>A record at a time before the newest minute recorded so far counts in that newest minute.
 * </ul>
 *
 * <p>Memory is fixed: 61 histograms of 189 counters. Not thread-safe: one verticle owns it.
 */
public final class SlidingLatency {
  /** How many one-minute histograms are kept: the longest window is an hour. */
  public static final int MINUTES_KEPT = 60;

  private final LatencyHistogram[] minutes = new LatencyHistogram[MINUTES_KEPT];
  private final LatencyHistogram sinceStart = new LatencyHistogram();
  private final TimeRing ring = new TimeRing(MINUTES_KEPT, 60_000, "minutes");

  /** Creates it with no values recorded. */
  public SlidingLatency() {
    for (int i = 0; i < MINUTES_KEPT; i++) {
      minutes[i] = new LatencyHistogram();
    }
  }

  /**
   * Records a duration of {@code micros} microseconds observed at {@code nowMillis}.
   *
   * @throws IllegalArgumentException if {@code micros < 0}
   */
  public void record(long micros, long nowMillis) {
    // Checked before the ring moves, so a rejected value leaves no trace.
    LatencyHistogram.requireDuration(micros);
    int slot = ring.advance(nowMillis, minute -> minutes[minute].clear());
    minutes[slot].record(micros);
    sinceStart.record(micros);
  }

  /**
   * A new histogram merging the minutes of {@code window} read at {@code nowMillis} — the minutes
   * {@code floorDiv(now, 60_000) − W + 1} to {@code floorDiv(now, 60_000)} (see the class
   * comment). The caller owns the result; this instance is unchanged.
   *
   * @throws IllegalArgumentException unless {@code window} is a whole number of minutes from 1 to
   *     {@value #MINUTES_KEPT}
   */
  public LatencyHistogram window(Duration window, long nowMillis) {
    LatencyHistogram merged = new LatencyHistogram();
    ring.slotsIn(window, nowMillis).forEach(slot -> merged.merge(minutes[slot]));
    return merged;
  }

  /** A copy of the histogram of everything recorded since creation; the caller owns it. */
  public LatencyHistogram sinceStart() {
    return sinceStart.copy();
  }
}
