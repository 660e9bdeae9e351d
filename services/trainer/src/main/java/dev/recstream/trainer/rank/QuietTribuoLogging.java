package dev.recstream.trainer.rank;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises the {@code org.tribuo} java.util.logging level to WARNING while at least one training
 * runs (Tribuo logs every SGD logging interval and every LibLinear fit at INFO), then restores the
 * level it found. Counted, so overlapping trainings restore it only when the last one ends.
 */
final class QuietTribuoLogging {
  // A strong reference: java.util.logging holds loggers weakly, and a collected logger loses its level.
  private static final Logger TRIBUO = Logger.getLogger("org.tribuo");
  private static int active;
  private static Level saved;

  private QuietTribuoLogging() {}

  /** Runs {@code work} with Tribuo's INFO logging silenced. */
  static <T> T during(Supplier<T> work) {
    quiet();
    try {
      return work.get();
    } finally {
      restore();
    }
  }

  private static synchronized void quiet() {
    if (active++ == 0) {
      saved = TRIBUO.getLevel();
      TRIBUO.setLevel(Level.WARNING);
    }
  }

  private static synchronized void restore() {
    if (--active == 0) {
      TRIBUO.setLevel(saved);
    }
  }
}
