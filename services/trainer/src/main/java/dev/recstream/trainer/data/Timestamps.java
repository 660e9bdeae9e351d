package dev.recstream.trainer.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/** Parses dataset timestamps into epoch milliseconds. */
final class Timestamps {
  /** Epoch values below this are seconds: 1e11 s is the year 5138, 1e11 ms is March 1973. */
  static final double SECONDS_LIMIT = 1e11;

  private Timestamps() {}

  /**
   * Epoch milliseconds of {@code value}: an epoch number (seconds when below 1e11 or when {@code
   * seconds} says so, else milliseconds; a fraction is allowed) or an ISO-8601 date-time (UTC
   * when it names no zone; a space may stand for the {@code T}) or date.
   *
   * @throws IllegalArgumentException when the value is none of these
   */
  static long toMillis(String value, boolean seconds) {
    try {
      return isEpochNumber(value) ? epochMillis(value, seconds) : isoMillis(value);
    } catch (NumberFormatException | DateTimeException e) {
      throw new IllegalArgumentException("expected epoch seconds, epoch milliseconds or ISO-8601, got '" + value + "'", e);
    }
  }

  private static boolean isEpochNumber(String value) {
    boolean digit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c != '.') {
        return false;
      }
    }
    return digit;
  }

  private static long epochMillis(String value, boolean seconds) {
    if (value.indexOf('.') < 0) {
      long number = Long.parseLong(value);
      return seconds || number < SECONDS_LIMIT ? Math.multiplyExact(number, 1000L) : number;
    }
    double number = Double.parseDouble(value);
    return Math.round(seconds || number < SECONDS_LIMIT ? number * 1000.0 : number);
  }

  private static long isoMillis(String value) {
    String iso = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) + 'T' + value.substring(11) : value;
    if (iso.length() == 10) {
      return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
    if (parsed instanceof ZonedDateTime zoned) {
      return zoned.toInstant().toEpochMilli();
    }
    return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
