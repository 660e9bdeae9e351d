package dev.recstream.bench.load;

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

  private final Map<String, Long> pending = new ConcurrentHashMap<>();
  private final Histogram latency = new SynchronizedHistogram(MAX_NANOS, 3);
  private final LongAdder sent = new LongAdder();
  private final LongAdder acknowledged = new LongAdder();
  private final LongAdder pushes = new LongAdder();
  private final LongAdder matchedPushes = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final AtomicLong lastPushNanos = new AtomicLong();

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
      latency.recordValue(Math.min(Math.max(0, nowNanos - intended), MAX_NANOS));
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
}
