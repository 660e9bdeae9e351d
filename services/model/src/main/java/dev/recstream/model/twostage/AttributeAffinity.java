package dev.recstream.model.twostage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Category and brand affinity from item attributes: how much of the user's recent history shares
 * the candidate's attributes, and how close the candidate is to the last item. Per-user state is
 * prepared once, then read per candidate. Not thread-safe.
 */
final class AttributeAffinity {
  static final int RECENT = 10;
  private static final int[] NONE = new int[0];

  private final int[][] attributes;
  private final Map<Integer, Integer> recentCounts = new HashMap<>();
  private int recentItems;
  private int[] lastAttributes = NONE;

  AttributeAffinity(Map<Integer, int[]> attributes, int numItems) {
    this.attributes = new int[numItems + 1][];
    for (int i = 0; i <= numItems; i++) {
      int[] a = attributes.get(i);
      this.attributes[i] = a == null ? NONE : sortedCopy(a);
    }
  }

  void prepare(int[] history) {
    recentCounts.clear();
    recentItems = Math.min(RECENT, history.length);
    for (int age = 0; age < recentItems; age++) {
      for (int a : attributes[history[history.length - 1 - age]]) {
        recentCounts.merge(a, 1, Integer::sum);
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
      sum += recentCounts.getOrDefault(attribute, 0);
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

  /** Sorted and without duplicates: an attribute listed twice (it happens in real data) counts once. */
  private static int[] sortedCopy(int[] a) {
    return Arrays.stream(a).distinct().sorted().toArray();
  }
}
