package dev.recstream.trainer.continuous;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/** Version numbers of trained packages: the local time as yyyyMMddHHmmss, strictly increasing. */
public final class ModelVersions {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final AtomicLong LAST = new AtomicLong();

  private ModelVersions() {}

  /** A new version, later than any this process handed out before (two in one second get +1). */
  public static long next() {
    long now = Long.parseLong(LocalDateTime.now().format(FORMAT));
    return LAST.accumulateAndGet(now, (last, candidate) -> Math.max(last + 1, candidate));
  }
}
