package dev.recstream.trainer;

import dev.recstream.model.search.SearchBlend;
import dev.recstream.model.search.SearchBlend.Weights;
import dev.recstream.shared.bus.ScoredItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranks one user's search candidates with {@link SearchBlend}, the class the search service ranks
 * with, so the evaluation measures what is served, and tells where the target came.
 *
 * <p>Signals: retrieval = the text score; personal = the model's dense score of the item (none
 * without a model; a non-finite score counts as unscored, as an item the served model did not
 * score); evidence = 0 (the offline data has no search events); popularity = training count over
 * the largest training count, the served popularity's scale.
 *
 * <p>Ties: {@link SearchBlend} orders equal scores by item id, so each candidate is handed over
 * under an id that begins with a seeded random key of (user, item). Equal scores then fall in a
 * random order, and it is the same order for every ranker and both candidate sets of a user, so
 * rankers are compared on the same draw.
 */
final class SearchRanker {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final double[] popularity;

  /** @param popularity per item index, on [0, 1] */
  SearchRanker(double[] popularity) {
    this.popularity = popularity;
  }

  /**
   * The target's 0-based rank under each weighting.
   *
   * @param personal the model's scores per item index, or null without a model
   * @param tieSeed the user's seed of the tie-breaking order
   */
  int[] ranks(SearchQueries.Candidates candidates, int target, String query, float[] personal, List<Weights> weightings,
      long tieSeed) {
    List<SearchBlend.Candidate> blend = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      int item = candidates.items()[i];
      blend.add(new SearchBlend.Candidate(tieId(tieSeed, item), candidates.text()[i], null, personalScore(personal, item), 0,
          popularity[item]));
    }
    String targetId = tieId(tieSeed, target);
    int[] ranks = new int[weightings.size()];
    for (int w = 0; w < ranks.length; w++) {
      ranks[w] = positionOf(targetId, SearchBlend.rank(blend, weightings.get(w), blend.size(), query));
    }
    return ranks;
  }

  private static Double personalScore(float[] personal, int item) {
    if (personal == null || !Float.isFinite(personal[item])) {
      return null;
    }
    return (double) personal[item];
  }

  private static int positionOf(String id, List<ScoredItem> ranked) {
    for (int i = 0; i < ranked.size(); i++) {
      if (ranked.get(i).itemId().equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException("the target " + id + " is missing from its own candidates");
  }

  /**
   * The id under which {@code item} is ranked: 16 hex digits of a random key, whose string order
   * is its numeric order, then the item index, which keeps ids distinct.
   */
  static String tieId(long tieSeed, int item) {
    String hex = Long.toHexString(mix(tieSeed + GOLDEN * item));
    return "0".repeat(16 - hex.length()) + hex + ":" + item;
  }

  /** SplitMix64's finalizer: nearby inputs give unrelated outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
