package dev.recstream.trainer.data;

import dev.recstream.model.UserSequence;
import java.util.Arrays;
import java.util.Comparator;

/** One user's events as read, in growable primitive arrays, until they become a sequence. */
final class UserEvents {
  private int[] items = new int[4];
  private long[] sortKeys;
  private long[] timestamps;
  private String[] types;
  private int size;

  UserEvents(boolean timed, boolean typed) {
    if (timed) {
      sortKeys = new long[4];
      timestamps = new long[4];
    }
    if (typed) {
      types = new String[4];
    }
  }

  void add(int item, long sortKey, long timestamp, String type) {
    if (size == items.length) {
      grow();
    }
    items[size] = item;
    if (timestamps != null) {
      sortKeys[size] = sortKey;
      timestamps[size] = timestamp;
    }
    if (types != null) {
      types[size] = type;
    }
    size++;
  }

  void shiftTimestamps(long offset) {
    for (int i = 0; i < size && timestamps != null; i++) {
      timestamps[i] += offset;
    }
  }

  /** The events as a sequence; when timed, ordered by sort key, ties kept in reading order. */
  UserSequence toSequence(String userId) {
    int[] order = readingOrder();
    int[] orderedItems = new int[size];
    long[] orderedTimes = timestamps == null ? null : new long[size];
    String[] orderedTypes = types == null ? null : new String[size];
    for (int i = 0; i < size; i++) {
      orderedItems[i] = items[order[i]];
      if (orderedTimes != null) {
        orderedTimes[i] = timestamps[order[i]];
      }
      if (orderedTypes != null) {
        orderedTypes[i] = types[order[i]];
      }
    }
    return new UserSequence(userId, orderedItems, orderedTimes, orderedTypes);
  }

  private int[] readingOrder() {
    int[] identity = new int[size];
    Arrays.setAll(identity, i -> i);
    if (sortKeys == null || isSorted()) {
      return identity;
    }
    // Boxed sort because it is stable: events with equal times keep their file order.
    Integer[] boxed = Arrays.stream(identity).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, Comparator.comparingLong(i -> sortKeys[i]));
    return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
  }

  private boolean isSorted() {
    for (int i = 1; i < size; i++) {
      if (sortKeys[i] < sortKeys[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int capacity = size * 2;
    items = Arrays.copyOf(items, capacity);
    if (timestamps != null) {
      sortKeys = Arrays.copyOf(sortKeys, capacity);
      timestamps = Arrays.copyOf(timestamps, capacity);
    }
    if (types != null) {
      types = Arrays.copyOf(types, capacity);
    }
  }
}
