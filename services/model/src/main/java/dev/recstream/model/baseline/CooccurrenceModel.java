package dev.recstream.model.baseline;

import dev.recstream.model.ItemCounts;
import dev.recstream.model.SparseItemMatrix;

import dev.recstream.model.NextItemModel;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Recency-weighted item co-occurrence: items that appear near each other in training sequences
 * (within {@link #WINDOW} positions, weighted 1/distance), normalised like a cosine,
 * C[a][b] / √((n_a + 1)(n_b + 1)), so popular items do not win every list. A user's score for b
 * sums C over their last {@link #RECENT} items, the newest weighted most ({@link #DECAY}^age).
 * Items with no evidence are ordered by popularity.
 */
public final class CooccurrenceModel implements NextItemModel {
  static final int WINDOW = 3;
  static final int RECENT = 5;
  static final float DECAY = 0.6f;

  private SparseItemMatrix cooccurrence;
  private int[] counts = new int[1];
  private float[] prior = new float[1];

  @Override
  public String name() {
    return "cooc";
  }

  @Override
  public void fit(List<int[]> sequences, int numItems) {
    counts = ItemCounts.count(sequences, numItems);
    prior = ItemCounts.popularityPrior(counts, 1e-6f);
    cooccurrence = new SparseItemMatrix(numItems);
    for (int[] s : sequences) {
      for (int i = 0; i < s.length; i++) {
        for (int d = 1; d <= WINDOW && i + d < s.length; d++) {
          if (s[i] != s[i + d]) {
            cooccurrence.add(s[i], s[i + d], 1f / d);
            cooccurrence.add(s[i + d], s[i], 1f / d);
          }
        }
      }
    }
    cooccurrence.freeze((a, b, w) -> (float) (w / Math.sqrt((counts[a] + 1.0) * (counts[b] + 1.0))));
  }

  @Override
  public void score(int[] history, float[] scores) {
    Arrays.fill(scores, 0f);
    float weight = 1f;
    for (int age = 0; age < RECENT && age < history.length; age++) {
      cooccurrence.addRowInto(history[history.length - 1 - age], weight, scores);
      weight *= DECAY;
    }
    ItemCounts.addPrior(prior, scores);
  }

  /** {@link #score} only reads what {@link #fit} built, so any number of threads may call it at once. */
  @Override
  public Optional<Scorer> scorerForAnotherThread() {
    return Optional.of(this::score);
  }
}
