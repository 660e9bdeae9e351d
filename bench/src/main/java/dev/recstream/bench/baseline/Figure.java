package dev.recstream.bench.baseline;

import java.util.Locale;

/**
 * One measured number of a baseline, as a row of the results table.
 *
 * @param name what was measured, e.g. {@code "produce rate"}
 * @param value the number
 * @param unit its unit, e.g. {@code "records/s"} or {@code "µs"}
 */
public record Figure(String name, double value, String unit) {

  /** Whole numbers as such; otherwise about four significant digits. */
  public static String format(double v) {
    if (v == Math.rint(v) || Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 10 ? "%.2f" : "%.3f", v);
  }
}
