package dev.recstream.model.search;

import dev.recstream.shared.bus.ScoredItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The personal rerank of search candidates: a weighted sum of four signals, each on [0, 1].
 *
 * <ul>
 *   <li><b>retrieval</b>: how well the item matches the query (text and vector ranks fused),
 *       divided by the best candidate's;
 *   <li><b>personal</b>: the served model's score of the item for this user, min–max scaled over the
 *       candidates the model scored (0 for the rest, and for a user without history);
 *   <li><b>evidence</b>: the share of what users did after this query that went to this item
 *       ({@link SearchEvidence#evidence}), left unscaled so thin evidence stays weak;
 *   <li><b>popularity</b>: the item's current popularity relative to the most popular item.
 * </ul>
 *
 * A cold user with no evidence therefore gets the text ranking with popularity breaking its near
 * ties. The weights are {@link Weights#DEFAULT}; {@code recstream eval --task search} measures
 * them on Amazon Beauty (bench/RESULTS.md, "Search").
 */
public final class SearchBlend {

  /** What each signal weighs in the final score. */
  public record Weights(double retrieval, double personal, double evidence, double popularity) {
    /**
     * Retrieval leads: a result must match the query; history, evidence and popularity order what
     * matches. The personal weight is the best of {0, 0.2, 0.6, 1, 2, 5} on Amazon Beauty's
     * validation items for both the co-occurrence and the two-stage model ({@code recstream eval
     * --task search --validation}); heavier, the user's favourite outranks better text matches.
     */
    public static final Weights DEFAULT = new Weights(1.0, 0.2, 0.8, 0.2);

    /** The text ranking with popularity: what a user without history gets, and the offline baseline. */
    public static final Weights TEXT_AND_POPULARITY = new Weights(1.0, 0, 0, 0.2);

    public Weights {
      for (double w : new double[] {retrieval, personal, evidence, popularity}) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("search weights must be finite and ≥ 0: retrieval=" + retrieval
              + " personal=" + personal + " evidence=" + evidence + " popularity=" + popularity);
        }
      }
    }

    public Weights withPersonal(double personal) {
      return new Weights(retrieval, personal, evidence, popularity);
    }
  }

  /**
   * One retrieved item and its raw signals.
   *
   * @param retrieval the fused retrieval score (any scale ≥ 0; scaled by the best candidate's)
   * @param retrievalReason why it matched, e.g. {@code matches "lipstick"}
   * @param personal the model's score for this user, any scale; null when the model has none
   * @param evidence on [0, 1], see {@link SearchEvidence#evidence}
   * @param popularity on [0, 1]
   */
  public record Candidate(String itemId, double retrieval, String retrievalReason, Double personal, double evidence,
      double popularity) {}

  static final String PERSONAL_REASON = "fits your recent items";
  static final String POPULAR_REASON = "popular now";
  /** A part of the score this large names the reason. */
  static final double NOTABLE = 0.1;

  private SearchBlend() {}

  /** The best {@code k} candidates by blended score, each with the reason that weighed most. */
  public static List<ScoredItem> rank(List<Candidate> candidates, Weights weights, int k, String query) {
    if (k < 1) {
      throw new IllegalArgumentException("k: must be at least 1, was " + k);
    }
    double bestRetrieval = 0;
    double minPersonal = Double.POSITIVE_INFINITY;
    double maxPersonal = Double.NEGATIVE_INFINITY;
    for (Candidate c : candidates) {
      bestRetrieval = Math.max(bestRetrieval, c.retrieval());
      if (c.personal() != null) {
        minPersonal = Math.min(minPersonal, c.personal());
        maxPersonal = Math.max(maxPersonal, c.personal());
      }
    }
    // Totals first; parts and reasons only for the k kept (a request reranks hundreds of candidates).
    int n = candidates.size();
    double[] totals = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      double[] parts = parts(candidates.get(i), weights, bestRetrieval, minPersonal, maxPersonal);
      totals[i] = parts[0] + parts[1] + parts[2] + parts[3];
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int byScore = Double.compare(totals[b], totals[a]);
      return byScore != 0 ? byScore : candidates.get(a).itemId().compareTo(candidates.get(b).itemId());
    });
    List<ScoredItem> best = new ArrayList<>(Math.min(k, n));
    for (int r = 0; r < Math.min(k, n); r++) {
      Candidate c = candidates.get(order[r]);
      best.add(new ScoredItem(c.itemId(), totals[order[r]],
          reason(parts(c, weights, bestRetrieval, minPersonal, maxPersonal), c, query)));
    }
    return List.copyOf(best);
  }

  /** The weighted signals of one candidate: retrieval, personal, evidence, popularity. */
  private static double[] parts(Candidate c, Weights weights, double bestRetrieval, double minPersonal, double maxPersonal) {
    double retrieval = bestRetrieval > 0 ? c.retrieval() / bestRetrieval : 0;
    double personal = c.personal() == null ? 0
        : maxPersonal > minPersonal ? (c.personal() - minPersonal) / (maxPersonal - minPersonal) : 1;
    return new double[] {
        weights.retrieval() * retrieval,
        weights.personal() * personal,
        weights.evidence() * clamp(c.evidence()),
        weights.popularity() * clamp(c.popularity())};
  }

  /**
   * What lifted the item: the larger of evidence and personal score when it adds at least {@value
   * #NOTABLE} (every candidate matches the query, so the match alone rarely says why this one is
   * here), else why it matched; popularity only for an item that did not match by retrieval.
   */
  private static String reason(double[] parts, Candidate c, String query) {
    if (Math.max(parts[1], parts[2]) >= NOTABLE) {
      return parts[2] >= parts[1] ? SearchEvidence.reason(query) : PERSONAL_REASON;
    }
    if (parts[0] == 0 && parts[3] > 0) {
      return POPULAR_REASON;
    }
    return c.retrievalReason();
  }

  private static double clamp(double v) {
    return v > 1 ? 1 : v > 0 ? v : 0;
  }
}
