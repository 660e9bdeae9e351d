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
   * A popularity prior far too small to reorder any real score: added to a model's scores, it only
   * orders the items the model has no evidence for (score 0) by popularity instead of leaving them
   * tied. Computed once per fit, then added per user.
   */
  public static float[] popularityPrior(int[] counts, float scale) {
    int max = 1;
    for (int c : counts) {
      max = Math.max(max, c);
    }
    float[] prior = new float[counts.length];
    for (int i = 1; i < counts.length; i++) {
      prior[i] = scale * counts[i] / max;
    }
    return prior;
  }

  /** Adds {@code prior} into {@code scores}, index by index (index 0 ignored). */
  public static void addPrior(float[] prior, float[] scores) {
    for (int i = 1; i < prior.length; i++) {
      scores[i] += prior[i];
    }
  }
}
