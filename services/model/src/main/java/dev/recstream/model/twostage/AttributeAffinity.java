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
  private static final int[] NONE = new int[0];

  /** Per item, its attributes as dense indices, sorted and distinct. */
  private final int[][] attributes;
  /** Per dense attribute index, how many of the recent items have it. */
  private final int[] recentCounts;
  /** The recent items' attributes, with repeats, to reset their counts before the next user. */
  private int[] counted = new int[64];
  private int countedSize;
  private int recentItems;
  private int[] lastAttributes = NONE;

  AttributeAffinity(Map<Integer, int[]> attributes, int numItems) {
    int[] ids = attributes.values().stream().flatMapToInt(Arrays::stream).distinct().sorted().toArray();
    this.attributes = new int[numItems + 1][];
    for (int i = 0; i <= numItems; i++) {
      int[] a = attributes.get(i);
      this.attributes[i] = a == null ? NONE : denseSortedCopy(a, ids);
    }
    this.recentCounts = new int[ids.length];
  }

  private AttributeAffinity(int[][] attributes, int attributeCount) {
    this.attributes = attributes;
    this.recentCounts = new int[attributeCount];
  }

  /** Another instance for another thread: the same (read-only) item attributes, its own counts. */
  AttributeAffinity sharing() {
    return new AttributeAffinity(attributes, recentCounts.length);
  }

  void prepare(int[] history) {
    for (int i = 0; i < countedSize; i++) {
      recentCounts[counted[i]] = 0;
    }
    countedSize = 0;
    recentItems = Math.min(RECENT, history.length);
    for (int age = 0; age < recentItems; age++) {
      for (int a : attributes[history[history.length - 1 - age]]) {
        recentCounts[a]++;
        if (countedSize == counted.length) {
          counted = Arrays.copyOf(counted, countedSize * 2);
        }
        counted[countedSize++] = a;
      }
    }
    lastAttributes = history.length == 0 ? NONE : attributes[history[history.length - 1]];
  }

  /** Mean, over the candidate's attributes, of the share of recent items that have it. */
  float recentShare(int item) {
    int[] a = attributes[item];
    if (a.length == 0 || recentItems == 0) {
      return 0f;
    }
    float sum = 0f;
    for (int attribute : a) {
      sum += recentCounts[attribute];
    }
    return sum / (a.length * (float) recentItems);
  }

  /** Jaccard similarity of the candidate's attributes and the last item's. */
  float jaccardWithLast(int item) {
    int[] a = attributes[item];
    int[] b = lastAttributes;
    if (a.length == 0 || b.length == 0) {
      return 0f;
    }
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return common / (float) (a.length + b.length - common);
  }

  /**
   * Dense indices into the sorted {@code ids}, sorted and without duplicates: an attribute listed
   * twice (it happens in real data) counts once.
   */
  private static int[] denseSortedCopy(int[] a, int[] ids) {
    return Arrays.stream(a).map(id -> Arrays.binarySearch(ids, id)).distinct().sorted().toArray();
  }
}
