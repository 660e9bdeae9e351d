package dev.recstream.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured root log level (RECSTREAM_LOG_LEVEL / logLevel) to Logback. */
final class Logging {
  private Logging() {}

  static void apply(String level) {
    if (level != null && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.toLevel(level));
    }
  }
}
