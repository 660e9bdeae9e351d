package dev.recstream.model.streaming;

import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seam between the scoring service and a model. A recommender ranks items for a user given
 * only that user's recent items, so any scoring node can answer for any user.
 */
public interface Recommender {

  /** A version label for responses and metrics, e.g. {@code streaming-cooc-1}. */
  String version();

  /**
   * Learns from one stored event; a trained, frozen model ignores this. Called for every stored
   * event of the whole stream, in storage order, on the scoring verticle's thread.
   */
  void learn(SequenceUpdate update);

  /**
   * The top {@code k} items for a user whose recent items are {@code recentItems} (newest first).
   * Never returns the recent items themselves; returns a non-personal list for an empty history.
   */
  List<ScoredItem> recommend(List<String> recentItems, int k);

  /**
   * The top {@code k} items for each of several users at once (same order as {@code
   * recentItemsPerUser}). Models whose inference has a per-call cost (ONNX Runtime) override it
   * to score the whole batch in one call; the scoring service batches requests that arrive
   * together.
   */
  default List<List<ScoredItem>> recommendAll(List<List<String>> recentItemsPerUser, int k) {
    List<List<ScoredItem>> lists = new java.util.ArrayList<>(recentItemsPerUser.size());
    for (List<String> recentItems : recentItemsPerUser) {
      lists.add(recommend(recentItems, k));
    }
    return lists;
  }

  /** How deep {@link #scoreItems}'s default looks into the model's own list. */
  int PERSONAL_DEPTH = 500;

  /**
   * The model's personal scores of {@code items} for a user whose recent items are {@code
   * recentItems} (newest first), on {@link #recommend}'s scale: search reranks its candidates with
   * them. Items the model has no opinion on are absent; so is everything for an empty history. The
   * default reads the model's own top {@link #PERSONAL_DEPTH}; a model that can score any item
   * cheaply overrides it.
   */
  default Map<String, Double> scoreItems(List<String> recentItems, Collection<String> items) {
    Map<String, Double> scores = new HashMap<>();
    if (recentItems.isEmpty() || items.isEmpty()) {
      return scores;
    }
    Set<String> wanted = items instanceof Set<String> set ? set : new HashSet<>(items);
    for (ScoredItem s : recommend(recentItems, PERSONAL_DEPTH)) {
      if (wanted.contains(s.itemId())) {
        scores.put(s.itemId(), s.score());
      }
    }
    return scores;
  }

  /**
   * Items that follow or co-occur with {@code itemId}, best first; empty when the model does not
   * know the item.
   */
  List<ScoredItem> similar(String itemId, int k);

  /**
   * How many items the model knows, for telling whether a list shorter than asked is still all it
   * has to give: that holds until this grows. Constant for a frozen model.
   */
  default long itemsKnown() {
    return 0;
  }

  /** Whether {@link #learn} does anything: a frozen, trained model needs no replay of the stream. */
  default boolean learnsFromStream() {
    return true;
  }

  /**
   * Whether {@link #recommend} blocks (native inference, e.g. ONNX Runtime): the scoring service
   * then calls it on worker threads, never on an event loop, and possibly from several threads at
   * once (one per scoring lane), so a blocking model must be thread-safe.
   */
  default boolean blocking() {
    return false;
  }
}
