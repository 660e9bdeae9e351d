package dev.recstream.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One user's items in time order, as vocabulary indices.
 *
 * @param timestamps epoch milliseconds per item, or null when the source has none
 * @param types behavior type per item (the event type's wire name), or null when the source has none
 */
public record UserSequence(String userId, int[] items, long[] timestamps, String[] types) {

  public UserSequence {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(items, "items");
    if (timestamps != null && timestamps.length != items.length) {
      throw new IllegalArgumentException("timestamps: must have one entry per item");
    }
    if (types != null && types.length != items.length) {
      throw new IllegalArgumentException("types: must have one entry per item");
    }
  }

  public static UserSequence of(String userId, int... items) {
    return new UserSequence(userId, items, null, null);
  }

  public int length() {
    return items.length;
  }

  /** The first {@code n} items. */
  public int[] prefix(int n) {
    return Arrays.copyOf(items, n);
  }
}
