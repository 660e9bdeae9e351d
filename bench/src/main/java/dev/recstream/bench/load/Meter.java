package dev.recstream.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * The books of one run, shared by the sender thread, the intake callbacks and the WebSocket event
 * loops (hence concurrent maps and adders). Each event's intended send time is kept under its
 * {@code eventId} until its push arrives; the difference goes into an HdrHistogram in nanoseconds.
 *
 * <p>Latency starts at the <em>intended</em> send time of the fixed schedule, not the moment the
 * request left: if the generator or the intake stalls, the events that should have been sent
 * meanwhile still count their waiting time (no coordinated omission).
 */
final class Meter {
  /** Anything slower than ten minutes is recorded as ten minutes. */
  private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** The latency of the events sent in each window of this length is also kept apart. */
  static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private final Histogram latency = new SynchronizedHistogram(MAX_NANOS, 3);
  /** Per send window of {@link #WINDOW_NANOS}: a growing backlog shows as a rising p99 from one to the next. */
  private volatile Histogram[] windows = new Histogram[0];
  private volatile long startNanos;
  private final LongAdder sent = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder pushes = new LongAdder();
  private final LongAdder matchedPushes = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final AtomicLong lastPushNanos = new AtomicLong();

  /** The start of the fixed schedule and its length: sets up the per-window histograms. */
  void startClock(long startNanos, long seconds) {
    Histogram[] w = new Histogram[(int) Math.max(1, (TimeUnit.SECONDS.toNanos(seconds) + WINDOW_NANOS - 1) / WINDOW_NANOS)];
    for (int i = 0; i < w.length; i++) {
      w[i] = new SynchronizedHistogram(MAX_NANOS, 2);
    }
    this.startNanos = startNanos;
    this.windows = w;
  }

  void sent(String eventId, long intendedNanos) {
    pending.put(eventId, intendedNanos);
    sent.increment();
  }

  void acknowledged(long n) {
    acknowledged.add(n);
  }

  /** Events that failed or were rejected never get a push: they leave the pending books here. */
  void failed(String kind, Iterable<String> eventIds) {
    long n = 0;
    for (String id : eventIds) {
      pending.remove(id);
      n++;
    }
    errors.computeIfAbsent(kind, k -> new LongAdder()).add(n);
  }

  /** A recommendations message; only the first push per event is timed. */
  void pushed(String triggerEventId, long nowNanos) {
    pushes.increment();
    lastPushNanos.set(nowNanos);
    Long intended = triggerEventId == null ? null : pending.remove(triggerEventId);
    if (intended != null) {
      matchedPushes.increment();
      long nanos = Math.min(Math.max(0, nowNanos - intended), MAX_NANOS);
      latency.recordValue(nanos);
      Histogram[] w = windows;
      if (w.length > 0) {
        w[(int) Math.min(w.length - 1, Math.max(0, (intended - startNanos) / WINDOW_NANOS))].recordValue(nanos);
      }
    }
  }

  void error(String kind) {
    errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  long sent() {
    return sent.sum();
  }

  long acknowledged() {
    return acknowledged.sum();
  }

  long pushes() {
    return pushes.sum();
  }

  long matchedPushes() {
    return matchedPushes.sum();
  }

  long lastPushNanos() {
    return lastPushNanos.get();
  }

  /** Events sent and not failed whose push has not arrived (yet). */
  int pending() {
    return pending.size();
  }

  Map<String, Long> errors() {
    Map<String, Long> copy = new TreeMap<>();
    errors.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  Histogram latency() {
    return latency.copy();
  }

  /** The p99 of each send window in ms (NaN for a window without a timed push). */
  List<Double> windowP99Ms() {
    List<Double> p99 = new ArrayList<>();
    for (Histogram h : windows) {
      p99.add(h.getTotalCount() == 0 ? Double.NaN : Math.round(h.getValueAtPercentile(99) / 1e3) / 1e3);
    }
    return p99;
  }
}
