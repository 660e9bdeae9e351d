package dev.recstream.model.twostage;

import dev.recstream.model.ItemCounts;
import dev.recstream.model.SparseItemMatrix;
import java.util.List;

/**
 * Counts taken from training sequences that the candidate generators and features read
 * (MODEL-NOTES, recipe step 1): popularity, transitions, position statistics, window
 * co-occurrence and "user" co-occurrence over each user's recent items, the two co-occurrences
 * normalised like a cosine, C[a][b] / √((n_a + 1)(n_b + 1)).
 */
final class SequenceStatistics {
  static final int WINDOW = 3;
  static final int USER_RECENT = 50;
  static final int USER_WINDOW = 10;

  final int numItems;
  final int[] popularity;
  final float[] lastCount;
  final float[] last3Count;
  final float[] meanRelativePosition;
  final SparseItemMatrix transitions;
  final SparseItemMatrix cooccurrence;
  final SparseItemMatrix userCooccurrence;
  final int maxPopularity;
  /**
   * Per item, {@link #ITEM_COLUMNS} user-independent feature values, row-major: log popularity,
   * log1p of the last count and of the last-3 count, mean relative position, and log(recent /
   * popularity) — Features' f13–f17 and TailFeatures' t07–t11, computed once.
   */
  final float[] itemColumns;
  static final int ITEM_COLUMNS = 5;

  private SequenceStatistics(int numItems, int[] popularity, float[] lastCount, float[] last3Count, float[] meanRelativePosition,
      SparseItemMatrix transitions, SparseItemMatrix cooccurrence, SparseItemMatrix userCooccurrence) {
    this.numItems = numItems;
    this.popularity = popularity;
    this.lastCount = lastCount;
    this.last3Count = last3Count;
    this.meanRelativePosition = meanRelativePosition;
    this.transitions = transitions;
    this.cooccurrence = cooccurrence;
    this.userCooccurrence = userCooccurrence;
    int max = 1;
    for (int p : popularity) {
      max = Math.max(max, p);
    }
    this.maxPopularity = max;
    this.itemColumns = new float[(numItems + 1) * ITEM_COLUMNS];
    for (int item = 1; item <= numItems; item++) {
      int o = item * ITEM_COLUMNS;
      itemColumns[o] = logPopularity(item);
      itemColumns[o + 1] = Features.log1p(lastCount[item]);
      itemColumns[o + 2] = Features.log1p(last3Count[item]);
      itemColumns[o + 3] = meanRelativePosition[item];
      itemColumns[o + 4] = (float) Math.log((last3Count[item] + 1.0) / (popularity[item] + 1.0));
    }
  }

  /**
   * Counts everything in one pass per matrix: each matrix is frozen before the next is counted,
   * so only one is ever in its (larger) counting form.
   */
  static SequenceStatistics of(List<int[]> sequences, int numItems) {
    int[] popularity = ItemCounts.count(sequences, numItems);
    float[] last = new float[numItems + 1];
    float[] last3 = new float[numItems + 1];
    float[] positionSum = new float[numItems + 1];
    SparseItemMatrix transitions = new SparseItemMatrix(numItems);
    for (int[] s : sequences) {
      countPositions(s, last, last3, positionSum);
      for (int i = 1; i < s.length; i++) {
        transitions.add(s[i - 1], s[i], 1f);
      }
    }
    transitions.freeze((a, b, w) -> w);
    SparseItemMatrix.WeightTransform cosine = (a, b, w) -> (float) (w / Math.sqrt((popularity[a] + 1.0) * (popularity[b] + 1.0)));
    SparseItemMatrix cooc = new SparseItemMatrix(numItems);
    for (int[] s : sequences) {
      for (int i = 0; i < s.length; i++) {
        addWindow(cooc, s, i, 0, WINDOW);
      }
    }
    cooc.freeze(cosine);
    SparseItemMatrix userCooc = new SparseItemMatrix(numItems);
    for (int[] s : sequences) {
      for (int i = Math.max(0, s.length - USER_RECENT); i < s.length; i++) {
        addWindow(userCooc, s, i, Math.max(0, s.length - USER_RECENT), USER_WINDOW);
      }
    }
    userCooc.freeze(cosine);
    float[] meanPosition = new float[numItems + 1];
    for (int i = 1; i <= numItems; i++) {
      meanPosition[i] = popularity[i] == 0 ? 0.5f : positionSum[i] / popularity[i];
    }
    return new SequenceStatistics(numItems, popularity, last, last3, meanPosition, transitions, cooc, userCooc);
  }

  /** Symmetric 1/d-weighted co-occurrence of s[i] with the items after it, up to {@code window} away. */
  private static void addWindow(SparseItemMatrix m, int[] s, int i, int from, int window) {
    for (int d = 1; d <= window && i + d < s.length; d++) {
      if (s[i] != s[i + d] && i >= from) {
        m.add(s[i], s[i + d], 1f / d);
        m.add(s[i + d], s[i], 1f / d);
      }
    }
  }

  private static void countPositions(int[] s, float[] last, float[] last3, float[] positionSum) {
    if (s.length == 0) {
      return;
    }
    last[s[s.length - 1]]++;
    for (int i = Math.max(0, s.length - 3); i < s.length; i++) {
      last3[s[i]]++;
    }
    for (int i = 0; i < s.length; i++) {
      positionSum[s[i]] += s.length == 1 ? 1f : (float) i / (s.length - 1);
    }
  }

  float logPopularity(int item) {
    return (float) Math.log1p(popularity[item]);
  }
}
