package dev.recstream.model.streaming;

import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.List;

/**
 * A trained model package behind the {@link Recommender} seam: frozen (it changes only when
 * another package is activated), blocking (native inference, so the scoring service calls it on a
 * worker) and batch-first — implementations score a whole batch in one inference call and a single
 * request is a batch of one.
 */
public interface FrozenRecommender extends Recommender, AutoCloseable {

  @Override
  default void learn(SequenceUpdate update) {
    // Frozen: nothing is learned from the stream.
  }

  @Override
  default boolean learnsFromStream() {
    return false;
  }

  @Override
  default boolean blocking() {
    return true;
  }

  /** @param recentItems newest first, as the scoring service holds them */
  @Override
  default List<ScoredItem> recommend(List<String> recentItems, int k) {
    return recommendAll(List.of(recentItems), k).get(0);
  }

  @Override
  List<List<ScoredItem>> recommendAll(List<List<String>> recentItemsPerUser, int k);

  /** Frees native resources (ONNX Runtime sessions). */
  @Override
  void close();
}
