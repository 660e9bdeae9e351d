package dev.recstream.shared.bus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Wall-clock time in epoch microseconds, the unit of the latency stamps on the bus. */
public final class EpochMicros {
  private EpochMicros() {}

  public static long now() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  /** Milliseconds elapsed since {@code micros}, with microsecond resolution. */
  /** An instant as epoch microseconds. */
  public static long of(java.time.Instant instant) {
    return java.util.concurrent.TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1_000;
  }

  public static double millisSince(long micros) {
    return (now() - micros) / 1000.0;
  }
}
