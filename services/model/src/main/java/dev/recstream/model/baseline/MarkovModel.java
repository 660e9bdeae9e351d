package dev.recstream.model.baseline;

import dev.recstream.model.ItemCounts;
import dev.recstream.model.SparseItemMatrix;

import dev.recstream.model.NextItemModel;
import java.util.List;
import java.util.Optional;

/**
 * First-order Markov chain: the score of b is how often b directly followed the user's last item
 * a in training, T[a][b] / count(a). Items never seen after a are ordered by popularity.
 */
public final class MarkovModel implements NextItemModel {
  private SparseItemMatrix transitions;
  private int[] counts = new int[1];
  private float[] prior = new float[1];

  @Override
  public String name() {
    return "markov";
  }

  @Override
  public void fit(List<int[]> sequences, int numItems) {
    counts = ItemCounts.count(sequences, numItems);
    prior = ItemCounts.popularityPrior(counts, 1e-6f);
    transitions = new SparseItemMatrix(numItems);
    for (int[] s : sequences) {
      for (int i = 1; i < s.length; i++) {
        transitions.add(s[i - 1], s[i], 1f);
      }
    }
    transitions.freeze((row, column, weight) -> weight / counts[row]);
  }

  @Override
  public void score(int[] history, float[] scores) {
    java.util.Arrays.fill(scores, 0f);
    if (history.length > 0) {
      transitions.addRowInto(history[history.length - 1], 1f, scores);
    }
    ItemCounts.addPrior(prior, scores);
  }

  /** {@link #score} only reads what {@link #fit} built, so any number of threads may call it at once. */
  @Override
  public Optional<Scorer> scorerForAnotherThread() {
    return Optional.of(this::score);
  }
}
