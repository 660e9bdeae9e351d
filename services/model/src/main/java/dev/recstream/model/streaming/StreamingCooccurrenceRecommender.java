package dev.recstream.model.streaming;

import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A model that learns from the event stream itself, with no training step: item-to-item
 * transitions (what came right after an item) and recency-weighted co-occurrence within a short
 * window of each user's sequence, plus time-decayed popularity as the fallback.
 *
 * <p>Score of candidate c for recent items r0 (newest) … rn:
 * {@code Σ_j RECENCY^j · cooc(rj, c) / √((n(rj)+1)(n(c)+1)) + TRANSITION · T(r0, c) / (n(r0)+1)},
 * the cosine-style normaliser keeping globally popular items from winning every list. Neighbour
 * lists are pruned to the strongest {@link #MAX_NEIGHBOURS} so memory grows with the catalog, not
 * with the stream.
 *
 * <p>Every recommended item carries a reason: {@code often bought after <item>} naming the recent
 * item that contributes most to its score, or {@code popular now} for the popular fillers.
 *
 * <p>Not thread-safe: owned by one scoring verticle's event loop.
 */
public final class StreamingCooccurrenceRecommender implements Recommender {
  static final int WINDOW = 5;
  static final double WINDOW_DECAY = 0.8;
  static final double RECENCY = 0.7;
  static final double TRANSITION = 1.0;
  static final int MAX_NEIGHBOURS = 200;
  static final int SCORED_RECENT = 10;
  /** Popularity half-life, counted in events. */
  static final double POPULARITY_HALF_LIFE = 50_000;
  static final int POPULAR_CACHED = 500;
  static final int POPULAR_REFRESH_EVENTS = 1_000;
  static final String POPULAR_REASON = "popular now";
  static final String FOLLOWS_REASON = "often bought after ";

  private final Map<String, Map<String, Double>> cooccurrence = new HashMap<>();
  private final Map<String, Map<String, Double>> transitions = new HashMap<>();
  private final Map<String, Integer> counts = new HashMap<>();
  private final Map<String, Double> popularity = new HashMap<>();
  private double popularityIncrement = 1.0;
  private List<ScoredItem> popularTop;
  private int learnedSinceRefresh;

  @Override
  public String version() {
    return "streaming-cooc-1";
  }

  @Override
  public void learn(SequenceUpdate update) {
    List<String> recent = update.recentItems();
    String item = update.itemId();
    if (item == null || recent.isEmpty() || !item.equals(recent.get(0))) {
      return; // searches, and late events whose item is not the newest, teach no transition
    }
    counts.merge(item, 1, Integer::sum);
    bumpPopularity(item);
    learnedSinceRefresh++;
    int window = Math.min(WINDOW, recent.size() - 1);
    double weight = 1.0;
    for (int j = 1; j <= window; j++) {
      String previous = recent.get(j);
      if (!previous.equals(item)) {
        add(cooccurrence, previous, item, weight);
        add(cooccurrence, item, previous, weight);
        if (j == 1) {
          add(transitions, previous, item, 1.0);
        }
      }
      weight *= WINDOW_DECAY;
    }
  }

  @Override
  public List<ScoredItem> recommend(List<String> recentItems, int k) {
    Set<String> seen = new HashSet<>(recentItems);
    Map<String, Double> scores = personalScores(recentItems, seen);
    List<ScoredItem> top = explain(normalise(topK(scores, k)), recentItems);
    if (top.size() < k) {
      top = fillWithPopular(top, seen, k);
    }
    return top;
  }

  /**
   * The most popular items right now, for cold users and to fill short lists. Served from a cached
   * top list, refreshed after {@link #POPULAR_REFRESH_EVENTS} learned events (at once while the
   * catalog is small): ranking the whole catalog for every pushed list would make each push cost
   * O(catalog).
   */
  public List<ScoredItem> popular(int k, Set<String> exclude) {
    // A small catalog is cheap to rank, so it is ranked whenever it changed.
    boolean stale = learnedSinceRefresh >= POPULAR_REFRESH_EVENTS
        || (learnedSinceRefresh > 0 && popularity.size() <= POPULAR_CACHED);
    if (popularTop == null || stale) {
      popularTop = topK(popularity, POPULAR_CACHED);
      learnedSinceRefresh = 0;
    }
    List<ScoredItem> chosen = new ArrayList<>(k);
    for (ScoredItem item : popularTop) {
      if (chosen.size() == k) {
        break;
      }
      if (!exclude.contains(item.itemId())) {
        chosen.add(item);
      }
    }
    if (chosen.size() < k && popularTop.size() == POPULAR_CACHED) {
      return normaliseAgainst(popularTopScore(), fullPopular(k, exclude));
    }
    return normaliseAgainst(popularTopScore(), chosen);
  }

  /**
   * Gives each personal item the recent item contributing most to its score. Done for the final
   * top k only, re-reading the same terms {@link #personalScores} summed (O(k × recent items)
   * map look-ups), so scoring every candidate costs what it did before reasons existed. A recent
   * item seen twice contributes the sum of its terms, as it does to the score.
   */
  private List<ScoredItem> explain(List<ScoredItem> top, List<String> recent) {
    int scored = Math.min(SCORED_RECENT, recent.size());
    List<ScoredItem> explained = new ArrayList<>(top.size());
    for (ScoredItem item : top) {
      String c = item.itemId();
      double cNorm = counts.getOrDefault(c, 0) + 1.0;
      Map<String, Double> contributions = new HashMap<>();
      double recency = 1.0;
      for (int j = 0; j < scored; j++) {
        String r = recent.get(j);
        double rNorm = counts.getOrDefault(r, 0) + 1.0;
        double cooc = cooccurrence.getOrDefault(r, Map.of()).getOrDefault(c, 0.0);
        double contribution = recency * cooc / Math.sqrt(rNorm * cNorm);
        if (j == 0) {
          contribution += TRANSITION * transitions.getOrDefault(r, Map.of()).getOrDefault(c, 0.0) / rNorm;
        }
        contributions.merge(r, contribution, Double::sum);
        recency *= RECENCY;
      }
      String because = null;
      double best = 0;
      for (int j = 0; j < scored; j++) { // newest first: a tie goes to the newer item
        double contribution = contributions.get(recent.get(j));
        if (contribution > best) {
          best = contribution;
          because = recent.get(j);
        }
      }
      explained.add(because == null ? item : item.withReason(FOLLOWS_REASON + because));
    }
    return explained;
  }

  private List<ScoredItem> fullPopular(int k, Set<String> exclude) {
    Map<String, Double> candidates = new HashMap<>();
    popularity.forEach((item, p) -> {
      if (!exclude.contains(item)) {
        candidates.put(item, p);
      }
    });
    return topK(candidates, k);
  }

  private double popularTopScore() {
    return popularTop.isEmpty() ? 1.0 : popularTop.get(0).score();
  }

  /** Scales scores so the most popular item overall would score 1; each item is "popular now". */
  private static List<ScoredItem> normaliseAgainst(double max, List<ScoredItem> items) {
    double scale = max <= 0 ? 1.0 : max;
    return items.stream().map(s -> new ScoredItem(s.itemId(), s.score() / scale, POPULAR_REASON)).toList();
  }

  /**
   * The raw personal scores of every candidate the user's recent items lead to (recent items
   * themselves left out), unnormalised: what {@link #recommend} ranks before filling with
   * popular items.
   */
  public Map<String, Double> candidateScores(List<String> recentItems) {
    return personalScores(recentItems, new HashSet<>(recentItems));
  }

  /** The item's co-occurring and following items, cosine-normalised like the personal scores. */
  @Override
  public List<ScoredItem> similar(String itemId, int k) {
    if (!counts.containsKey(itemId)) {
      return List.of();
    }
    return normalise(topK(personalScores(List.of(itemId), Set.of(itemId)), k));
  }

  /** The item's time-decayed popularity relative to the most popular item (0 to 1). */
  public double relativePopularity(String itemId) {
    popular(1, Set.of());
    double top = popularTopScore();
    return top <= 0 ? 0 : popularity.getOrDefault(itemId, 0.0) / top;
  }

  private Map<String, Double> personalScores(List<String> recent, Set<String> seen) {
    Map<String, Double> scores = new HashMap<>();
    double recency = 1.0;
    for (int j = 0; j < Math.min(SCORED_RECENT, recent.size()); j++) {
      String r = recent.get(j);
      double rNorm = counts.getOrDefault(r, 0) + 1.0;
      for (Map.Entry<String, Double> n : cooccurrence.getOrDefault(r, Map.of()).entrySet()) {
        double norm = Math.sqrt(rNorm * (counts.getOrDefault(n.getKey(), 0) + 1.0));
        scores.merge(n.getKey(), recency * n.getValue() / norm, Double::sum);
      }
      recency *= RECENCY;
    }
    if (!recent.isEmpty()) {
      String last = recent.get(0);
      double lastNorm = counts.getOrDefault(last, 0) + 1.0;
      transitions.getOrDefault(last, Map.of())
          .forEach((c, t) -> scores.merge(c, TRANSITION * t / lastNorm, Double::sum));
    }
    scores.keySet().removeAll(seen);
    return scores;
  }

  private List<ScoredItem> fillWithPopular(List<ScoredItem> top, Set<String> seen, int k) {
    Set<String> exclude = new HashSet<>(seen);
    top.forEach(s -> exclude.add(s.itemId()));
    double floor = top.isEmpty() ? 1.0 : top.get(top.size() - 1).score();
    List<ScoredItem> filled = new ArrayList<>(top);
    for (ScoredItem p : popular(k - top.size(), exclude)) {
      // Popular fillers rank below every personal candidate, keeping their own order.
      filled.add(new ScoredItem(p.itemId(), top.isEmpty() ? p.score() : floor * 0.5 * p.score(), POPULAR_REASON));
    }
    return filled;
  }

  private void bumpPopularity(String item) {
    popularity.merge(item, popularityIncrement, Double::sum);
    popularityIncrement *= Math.pow(2, 1 / POPULARITY_HALF_LIFE);
    if (popularityIncrement > 1e100) {
      popularity.replaceAll((i, p) -> p / popularityIncrement);
      popularityIncrement = 1.0;
    }
  }

  private static void add(Map<String, Map<String, Double>> matrix, String from, String to, double weight) {
    Map<String, Double> row = matrix.computeIfAbsent(from, f -> new HashMap<>());
    row.merge(to, weight, Double::sum);
    if (row.size() > 2 * MAX_NEIGHBOURS) {
      prune(row);
    }
  }

  /** Keeps the strongest {@link #MAX_NEIGHBOURS} entries of a row. */
  private static void prune(Map<String, Double> row) {
    List<ScoredItem> keep = topK(row, MAX_NEIGHBOURS);
    row.clear();
    keep.forEach(s -> row.put(s.itemId(), s.score()));
  }

  /** The k highest entries, best first; ties broken by item id for stable output. */
  static List<ScoredItem> topK(Map<String, Double> scores, int k) {
    Comparator<ScoredItem> worstFirst = Comparator.comparingDouble(ScoredItem::score)
        .thenComparing(ScoredItem::itemId, Comparator.reverseOrder());
    PriorityQueue<ScoredItem> heap = new PriorityQueue<>(worstFirst);
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      heap.add(new ScoredItem(e.getKey(), e.getValue()));
      if (heap.size() > k) {
        heap.poll();
      }
    }
    List<ScoredItem> top = new ArrayList<>(heap);
    top.sort(worstFirst.reversed());
    return top;
  }

  /** Scales a best-first list so the best score is 1. */
  private static List<ScoredItem> normalise(List<ScoredItem> items) {
    if (items.isEmpty() || items.get(0).score() <= 0) {
      return items;
    }
    double max = items.get(0).score();
    return items.stream().map(s -> new ScoredItem(s.itemId(), s.score() / max)).toList();
  }
}
