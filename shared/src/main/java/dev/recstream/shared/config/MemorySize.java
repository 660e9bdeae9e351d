package dev.recstream.shared.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of heap as people write it: a share of the JVM's maximum heap ({@code 50%}) or a size
 * ({@code 512m}, {@code 3g}, {@code 1.5g}, {@code 800000k}; units k, m, g in powers of 1,024).
 */
public final class MemorySize {
  private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)%");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([kmg])b?");

  private MemorySize() {}

  /**
   * @param text e.g. {@code 50%} or {@code 2g}
   * @param maxHeap the heap a share is taken of, in bytes (e.g. {@code Runtime.maxMemory()})
   * @return the amount in bytes
   * @throws IllegalArgumentException when the text is neither, or the share is not in (0, 100]
   */
  public static long bytes(String text, long maxHeap) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Matcher share = SHARE.matcher(t);
    if (share.matches()) {
      double percent = Double.parseDouble(share.group(1));
      if (percent <= 0 || percent > 100) {
        throw new IllegalArgumentException("must be a share from 0% (excluded) to 100% of the heap, got " + text);
      }
      return (long) (maxHeap * percent / 100);
    }
    Matcher size = SIZE.matcher(t);
    if (size.matches()) {
      int shift = switch (size.group(2)) {
        case "k" -> 10;
        case "m" -> 20;
        default -> 30;
      };
      long bytes = (long) (Double.parseDouble(size.group(1)) * (1L << shift));
      if (bytes <= 0) {
        throw new IllegalArgumentException("must be more than 0, got " + text);
      }
      return bytes;
    }
    throw new IllegalArgumentException("must be a share of the heap such as 50% or a size such as 512m or 3g, got '" + text + "'");
  }

  /** {@code bytes} for people: "3.6 GB", "512 MB". */
  public static String describe(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%d MB", Math.max(1, Math.round(bytes / (double) (1L << 20))));
  }
}
