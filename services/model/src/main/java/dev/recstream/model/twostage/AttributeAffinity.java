package dev.recstream.model.twostage;

import java.util.Arrays;
import java.util.Map;

/**
 * Category and brand affinity from item attributes: how much of the user's recent history shares
 * the candidate's attributes, and how close the candidate is to the last item. Per-user state is
 * prepared once, then read per candidate — or per item of the whole catalog, for the tail model's
 * dense pass, which is why attribute ids are renumbered densely (keeping their order) and counted
 * in an array rather than a hash map. Not thread-safe.
 */
final class AttributeAffinity {
  static final int RECENT = 10;

  /**
   * Per item, its attributes as dense indices, sorted and distinct: item i's are {@code
   * values[starts[i]]} until {@code values[starts[i + 1]]}, flat so that a candidate's lookup reads
   * one contiguous array instead of chasing a small array of its own.
   */
  private final int[] starts;
  private final int[] values;
  /** Per dense attribute index, how many of the recent items have it. */
  private final int[] recentCounts;
  /** The recent items' attributes, with repeats, to reset their counts before the next user. */
  private int[] counted = new int[64];
  private int countedSize;
  private int recentItems;
  private int lastStart;
  private int lastEnd;

  AttributeAffinity(Map<Integer, int[]> attributes, int numItems) {
    int[] ids = attributes.values().stream().flatMapToInt(Arrays::stream).distinct().sorted().toArray();
    int[][] rows = new int[numItems + 1][];
    this.starts = new int[numItems + 2];
    for (int i = 0; i <= numItems; i++) {
      int[] a = attributes.get(i);
      rows[i] = a == null ? new int[0] : denseSortedCopy(a, ids);
      starts[i + 1] = starts[i] + rows[i].length;
    }
    this.values = new int[starts[numItems + 1]];
    for (int i = 0; i <= numItems; i++) {
      System.arraycopy(rows[i], 0, values, starts[i], rows[i].length);
    }
    this.recentCounts = new int[ids.length];
  }

  private AttributeAffinity(int[] starts, int[] values, int attributeCount) {
    this.starts = starts;
    this.values = values;
    this.recentCounts = new int[attributeCount];
  }

  /** Another instance for another thread: the same (read-only) item attributes, its own counts. */
  AttributeAffinity sharing() {
    return new AttributeAffinity(starts, values, recentCounts.length);
  }

  void prepare(int[] history) {
    for (int i = 0; i < countedSize; i++) {
      recentCounts[counted[i]] = 0;
    }
    countedSize = 0;
    recentItems = Math.min(RECENT, history.length);
    for (int age = 0; age < recentItems; age++) {
      int item = history[history.length - 1 - age];
      for (int v = starts[item]; v < starts[item + 1]; v++) {
        int a = values[v];
        recentCounts[a]++;
        if (countedSize == counted.length) {
          counted = Arrays.copyOf(counted, countedSize * 2);
        }
        counted[countedSize++] = a;
      }
    }
    int last = history.length == 0 ? 0 : history[history.length - 1];
    lastStart = history.length == 0 ? 0 : starts[last];
    lastEnd = history.length == 0 ? 0 : starts[last + 1];
  }

  /** Mean, over the candidate's attributes, of the share of recent items that have it. */
  float recentShare(int item) {
    int from = starts[item];
    int length = starts[item + 1] - from;
    if (length == 0 || recentItems == 0) {
      return 0f;
    }
    float sum = 0f;
    for (int v = from; v < from + length; v++) {
      sum += recentCounts[values[v]];
    }
    return sum / (length * (float) recentItems);
  }

  /** Jaccard similarity of the candidate's attributes and the last item's. */
  float jaccardWithLast(int item) {
    int aFrom = starts[item];
    int aEnd = starts[item + 1];
    if (aFrom == aEnd || lastStart == lastEnd) {
      return 0f;
    }
    int i = aFrom;
    int j = lastStart;
    int common = 0;
    while (i < aEnd && j < lastEnd) {
      if (values[i] == values[j]) {
        common++;
        i++;
        j++;
      } else if (values[i] < values[j]) {
        i++;
      } else {
        j++;
      }
    }
    return common / (float) ((aEnd - aFrom) + (lastEnd - lastStart) - common);
  }

  /**
   * Dense indices into the sorted {@code ids}, sorted and without duplicates: an attribute listed
   * twice (it happens in real data) counts once.
   */
  private static int[] denseSortedCopy(int[] a, int[] ids) {
    return Arrays.stream(a).map(id -> Arrays.binarySearch(ids, id)).distinct().sorted().toArray();
  }
}
