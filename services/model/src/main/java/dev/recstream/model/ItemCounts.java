package dev.recstream.model;

import java.util.List;

/** How often each item occurs in the training sequences, and a tie-breaking prior from it. */
public final class ItemCounts {
  private ItemCounts() {}

  public static int[] count(List<int[]> sequences, int numItems) {
    int[] counts = new int[numItems + 1];
    for (int[] sequence : sequences) {
      for (int item : sequence) {
        counts[item]++;
      }
    }
    return counts;
  }

  /**
   * Adds a popularity prior far too small to reorder any real score: it only orders the items a
   * model has no evidence for (score 0) by popularity instead of leaving them tied.
   */
  public static void addPopularityPrior(int[] counts, float[] scores, float scale) {
    int max = 1;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    for (int i = 1; i < counts.length; i++) {
      scores[i] += scale * counts[i] / max;
    }
  }
}
