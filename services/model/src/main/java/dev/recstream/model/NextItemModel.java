package dev.recstream.model;

import java.util.List;
import java.util.Optional;

/**
 * A model that scores every item as the next one of a user, given the user's items so far. This
 * is the offline face of a recommender: evaluation fits it and asks it for dense scores.
 */
public interface NextItemModel {

  /** The name used in reports, e.g. {@code pop}, {@code markov}, {@code cooc}, {@code default}. */
  String name();

  /**
   * Learns from the users' sequences. The evaluation passes each sequence without its test item,
   * so a model that needs a validation item takes each sequence's last one.
   *
   * @param sequences per user, item indices in time order
   * @param numItems items are 1..numItems
   */
  void fit(List<int[]> sequences, int numItems);

  /**
   * Scores every item for a user whose items so far are {@code history} (oldest first).
   *
   * @param scores length numItems + 1; index 0 is ignored; higher is better
   */
  void score(int[] history, float[] scores);

  /**
   * A scorer for one more thread, scoring at the same time as {@link #score} and the other
   * scorers this returns — e.g. its own working buffers over this fitted model's read-only state —
   * or empty when only one thread may score. Called after {@link #fit}; the default is empty.
   */
  default Optional<Scorer> scorerForAnotherThread() {
    return Optional.empty();
  }

  /** Scores like {@link NextItemModel#score}, on the one thread it was handed to. */
  @FunctionalInterface
  interface Scorer {
    void score(int[] history, float[] scores);
  }
}
