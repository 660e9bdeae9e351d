package dev.recstream.bench.suite;

import dev.recstream.bench.baseline.Figure;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The median and the range of one figure over several runs, ignoring runs where it is unknown.
 *
 * @param median the middle value (the mean of the two middle ones for an even count); NaN if none
 * @param min the smallest
 * @param max the largest
 * @param count how many runs knew the figure
 */
public record Spread(double median, double min, double max, int count) {

  /** Of the known values among {@code values} (null and NaN are unknown). */
  public static Spread of(Collection<Double> values) {
    List<Double> known = values.stream().filter(Objects::nonNull).filter(v -> !v.isNaN()).sorted().toList();
    int n = known.size();
    if (n == 0) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double median = n % 2 == 1 ? known.get(n / 2) : (known.get(n / 2 - 1) + known.get(n / 2)) / 2;
    return new Spread(median, known.get(0), known.get(n - 1), n);
  }

  /** {@code median (min–max)}; the median alone when every run agrees; "–" when no run knew it. */
  public String format() {
    if (count == 0) {
      return "–";
    }
    String m = Figure.format(median);
    return min == max ? m : m + " (" + Figure.format(min) + "–" + Figure.format(max) + ")";
  }
}
