package dev.recstream.model.twostage;

import java.util.Arrays;

/**
 * Items with scores, collected to pick the best n, best first, ties to the lower index — the order
 * {@link TopN} gives. Each (score, item) is packed into one long that sorts the same way, so the
 * best n are found by a quickselect in expected linear time and only those n are sorted. A bounded
 * heap does the same, but fed roughly best first, as the merged lists are, every early insert
 * climbs the whole heap. Scores must not be NaN. Reusable; not thread-safe.
 */
final class ItemPool {
  private long[] keys = new long[512];
  private int size;

  void clear() {
    size = 0;
  }

  void add(int item, float score) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size++] = key(item, score);
  }

  int size() {
    return size;
  }

  /** The best n items added, best first. */
  int[] best(int n) {
    int count = Math.min(n, size);
    if (count < size) {
      selectLargest(keys, size, count);
    }
    Arrays.sort(keys, size - count, size);
    int[] best = new int[count];
    for (int i = 0; i < count; i++) {
      best[i] = item(keys[size - 1 - i]);
    }
    return best;
  }

  /** A long that is larger for a higher score, and for an equal score, for a lower item index. */
  static long key(int item, float score) {
    int bits = Float.floatToRawIntBits(score == 0f ? 0f : score);
    int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) ordered << 32) | (Integer.MAX_VALUE - item);
  }

  static int item(long key) {
    return Integer.MAX_VALUE - (int) key;
  }

  /** Rearranges a[0..size) so that its {@code count} largest values are a[size - count .. size). */
  private static void selectLargest(long[] a, int size, int count) {
    int target = size - count;
    int lo = 0;
    int hi = size - 1;
    while (lo < hi) {
      long pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private static long medianOfThree(long a, long b, long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
