package dev.recstream.model.baseline;

import dev.recstream.model.ItemCounts;

import dev.recstream.model.NextItemModel;
import java.util.List;
import java.util.Optional;

/** POP: every user gets the items ranked by how often they occur in training. */
public final class PopularityModel implements NextItemModel {
  private int[] counts = new int[1];

  @Override
  public String name() {
    return "pop";
  }

  @Override
  public void fit(List<int[]> sequences, int numItems) {
    counts = ItemCounts.count(sequences, numItems);
  }

  @Override
  public void score(int[] history, float[] scores) {
    for (int i = 1; i < scores.length; i++) {
      scores[i] = counts[i];
    }
  }

  /** {@link #score} only reads what {@link #fit} built, so any number of threads may call it at once. */
  @Override
  public Optional<Scorer> scorerForAnotherThread() {
    return Optional.of(this::score);
  }
}
