package dev.recstream.model.streaming;

import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * <p>Every recommended item carries a reason: {@code often seen with <item>} naming the recent item
 * that contributes most to its score, or {@code popular now} for the popular fillers. The model
 * learns from every event type alike (views, clicks, carts, purchases) and counts co-occurrence
 * both ways within a window, so a reason claims nearness in sequences, not an order and never a
 * purchase.
 *
 * <p>It runs on an event loop for every event, so the hot path is primitive: items are interned to
 * dense ids once ({@link ItemIndex}), counts and popularity live in arrays indexed by id, each
 * matrix row is a {@link SparseRow}, a request sums into a reused {@link DenseScores} and
 * ranks with a {@link TopK} heap that creates objects only for the k items returned. Terms are
 * summed in the order the formula lists them, so scores are the same doubles a map-based version
 * computes.
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
  static final String FOLLOWS_REASON = "often seen with ";
  /** How much the weight of a new event grows per event: decay without touching old counts. */
  private static final double POPULARITY_GROWTH = Math.pow(2, 1 / POPULARITY_HALF_LIFE);

  private final ItemIndex items = new ItemIndex();
  // Per-item state, indexed by id; an item gets an id when it is first learned or first precedes one.
  private int[] counts = new int[64];
  private String[] reasons = new String[64];
  private double[] popularity = new double[64];
  private SparseRow[] cooccurrence = new SparseRow[64];
  private SparseRow[] transitions = new SparseRow[64];
  /** Items learned at least once: the items with a popularity. */
  private int learnedItems;
  private double popularityIncrement = 1.0;
  private List<ScoredItem> popularTop;
  private int learnedSinceRefresh;
  private final DenseScores scores = new DenseScores();

  @Override
  public String version() {
    return "streaming-cooc-1";
  }

  /** Items learned at least once: what a list can hold, personal or popular. */
  @Override
  public long itemsKnown() {
    return learnedItems;
  }

  @Override
  public void learn(SequenceUpdate update) {
    List<String> recent = update.recentItems();
    String itemId = update.itemId();
    if (itemId == null || recent.isEmpty() || !itemId.equals(recent.get(0))) {
      return; // searches, and late events whose item is not the newest, teach no transition
    }
    int item = intern(itemId);
    if (counts[item]++ == 0) {
      learnedItems++;
    }
    bumpPopularity(item);
    learnedSinceRefresh++;
    int window = Math.min(WINDOW, recent.size() - 1);
    double weight = 1.0;
    for (int j = 1; j <= window; j++) {
      int previous = intern(recent.get(j));
      if (previous != item) {
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
    int[] recent = idsOf(recentItems);
    List<ScoredItem> top;
    try {
      accumulatePersonalScores(recent);
      top = explainedTop(rank(k), recent);
    } finally {
      scores.clear();
    }
    if (top.size() < k) {
      top = fillWithPopular(top, new HashSet<>(recentItems), k);
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
        || (learnedSinceRefresh > 0 && learnedItems <= POPULAR_CACHED);
    if (popularTop == null || stale) {
      popularTop = mostPopular(POPULAR_CACHED, Set.of());
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
      return normaliseAgainst(popularTopScore(), mostPopular(k, exclude));
    }
    return normaliseAgainst(popularTopScore(), chosen);
  }

  /**
   * The raw personal scores of every candidate the user's recent items lead to (recent items
   * themselves left out), unnormalised: what {@link #recommend} ranks before filling with
   * popular items.
   */
  public Map<String, Double> candidateScores(List<String> recentItems) {
    Map<String, Double> candidates = new HashMap<>();
    try {
      accumulatePersonalScores(idsOf(recentItems));
      for (int i = 0; i < scores.touchedCount(); i++) {
        int c = scores.touched(i);
        if (scores.score(c) > 0) {
          candidates.put(items.name(c), scores.score(c));
        }
      }
    } finally {
      scores.clear();
    }
    return candidates;
  }

  /** Exact: the accumulated personal score of each item the user's recent items lead to. */
  @Override
  public Map<String, Double> scoreItems(List<String> recentItems, Collection<String> wanted) {
    Map<String, Double> personal = new HashMap<>();
    if (recentItems.isEmpty()) {
      return personal;
    }
    try {
      accumulatePersonalScores(idsOf(recentItems));
      for (String itemId : wanted) {
        int id = items.idOf(itemId);
        if (id >= 0 && scores.score(id) > 0) {
          personal.put(itemId, scores.score(id));
        }
      }
    } finally {
      scores.clear();
    }
    return personal;
  }

  /** The item's co-occurring and following items, cosine-normalised like the personal scores. */
  @Override
  public List<ScoredItem> similar(String itemId, int k) {
    int item = items.idOf(itemId);
    if (item == ItemIndex.UNKNOWN || counts[item] == 0) {
      return List.of();
    }
    try {
      accumulatePersonalScores(new int[] {item});
      TopK top = rank(k);
      int n = top.sortBestFirst();
      List<ScoredItem> similar = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        similar.add(new ScoredItem(items.name(top.id(i)), top.score(i) / normaliser(top)));
      }
      return similar;
    } finally {
      scores.clear();
    }
  }

  /** The item's time-decayed popularity relative to the most popular item (0 to 1). */
  public double relativePopularity(String itemId) {
    popular(1, Set.of());
    double top = popularTopScore();
    int item = items.idOf(itemId);
    return top <= 0 ? 0 : (item == ItemIndex.UNKNOWN ? 0.0 : popularity[item]) / top;
  }

  /**
   * Sums every candidate's score into {@link #scores}, the terms in the formula's order (recent
   * items newest first, then the transitions), and drops the recent items themselves.
   */
  private void accumulatePersonalScores(int[] recent) {
    scores.ensureCapacity(items.size());
    double recency = 1.0;
    for (int j = 0; j < Math.min(SCORED_RECENT, recent.length); j++) {
      SparseRow row = rowOf(cooccurrence, recent[j]);
      double rNorm = countOf(recent[j]) + 1.0;
      for (int slot = 0; row != null && slot < row.size(); slot++) {
        int c = row.item(slot);
        double norm = Math.sqrt(rNorm * (counts[c] + 1.0));
        scores.add(c, recency * row.weight(slot) / norm);
      }
      recency *= RECENCY;
    }
    if (recent.length > 0) {
      SparseRow row = rowOf(transitions, recent[0]);
      double lastNorm = countOf(recent[0]) + 1.0;
      for (int slot = 0; row != null && slot < row.size(); slot++) {
        scores.add(row.item(slot), TRANSITION * row.weight(slot) / lastNorm);
      }
    }
    for (int r : recent) {
      if (r != ItemIndex.UNKNOWN) {
        scores.remove(r);
      }
    }
  }

  /** The k best accumulated candidates. */
  private TopK rank(int k) {
    TopK top = new TopK(k, items);
    for (int i = 0; i < scores.touchedCount(); i++) {
      int c = scores.touched(i);
      double score = scores.score(c);
      if (score > 0) {
        top.offer(c, score);
      }
    }
    return top;
  }

  /** The ranked candidates, best first, scaled so the best scores 1, each with its reason. */
  private List<ScoredItem> explainedTop(TopK top, int[] recent) {
    int n = top.sortBestFirst();
    List<ScoredItem> explained = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int because = strongestRecentItem(top.id(i), recent);
      explained.add(new ScoredItem(items.name(top.id(i)), top.score(i) / normaliser(top),
          because < 0 ? null : reasonOf(recent[because])));
    }
    return explained;
  }

  /** What a best-first list's scores are divided by so the best is 1 (left as is if not positive). */
  private static double normaliser(TopK sorted) {
    return sorted.score(0) <= 0 ? 1.0 : sorted.score(0);
  }

  /**
   * The position among the recent items of the one contributing most to a candidate's score, -1
   * if none does. Done for the final top k only, re-reading the terms {@link
   * #accumulatePersonalScores} summed (O(k × recent items) row look-ups). A recent item seen twice
   * contributes the sum of its terms, as it does to the score; a tie goes to the newer item.
   */
  private int strongestRecentItem(int candidate, int[] recent) {
    double[] contributions = contributions(candidate, recent);
    int because = -1;
    double best = 0;
    for (int j = 0; j < contributions.length; j++) {
      double contribution = 0.0;
      for (int other = 0; other < contributions.length; other++) {
        // Unknown items (UNKNOWN == UNKNOWN) contribute 0, so lumping them together is harmless.
        if (recent[other] == recent[j]) {
          contribution += contributions[other];
        }
      }
      if (contribution > best) {
        best = contribution;
        because = j;
      }
    }
    return because;
  }

  /** "often seen with X" for a learned item X, made once per item: ten per pushed list otherwise. */
  private String reasonOf(int item) {
    if (reasons.length <= item) {
      reasons = Arrays.copyOf(reasons, Math.max(item + 1, counts.length));
    }
    String reason = reasons[item];
    if (reason == null) {
      reason = FOLLOWS_REASON + items.name(item);
      reasons[item] = reason;
    }
    return reason;
  }

  /** Each scored recent item's own term of the candidate's score, the transition added to the newest. */
  private double[] contributions(int candidate, int[] recent) {
    double[] contributions = new double[Math.min(SCORED_RECENT, recent.length)];
    double cNorm = counts[candidate] + 1.0;
    double recency = 1.0;
    for (int j = 0; j < contributions.length; j++) {
      double rNorm = countOf(recent[j]) + 1.0;
      contributions[j] = recency * weightOf(cooccurrence, recent[j], candidate) / Math.sqrt(rNorm * cNorm);
      if (j == 0) {
        contributions[j] += TRANSITION * weightOf(transitions, recent[j], candidate) / rNorm;
      }
      recency *= RECENCY;
    }
    return contributions;
  }

  /** The k most popular learned items outside {@code exclude}, with their raw popularity. */
  private List<ScoredItem> mostPopular(int k, Set<String> exclude) {
    TopK top = new TopK(k, items);
    for (int item = 0; item < items.size(); item++) {
      if (counts[item] > 0 && !exclude.contains(items.name(item))) {
        top.offer(item, popularity[item]);
      }
    }
    int n = top.sortBestFirst();
    List<ScoredItem> popular = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      popular.add(new ScoredItem(items.name(top.id(i)), top.score(i)));
    }
    return popular;
  }

  private double popularTopScore() {
    return popularTop.isEmpty() ? 1.0 : popularTop.get(0).score();
  }

  /** Scales scores so the most popular item overall would score 1; each item is "popular now". */
  private static List<ScoredItem> normaliseAgainst(double max, List<ScoredItem> items) {
    double scale = max <= 0 ? 1.0 : max;
    return items.stream().map(s -> new ScoredItem(s.itemId(), s.score() / scale, POPULAR_REASON)).toList();
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

  private void bumpPopularity(int item) {
    popularity[item] += popularityIncrement;
    popularityIncrement *= POPULARITY_GROWTH;
    if (popularityIncrement > 1e100) {
      for (int i = 0; i < items.size(); i++) {
        popularity[i] /= popularityIncrement;
      }
      popularityIncrement = 1.0;
    }
  }

  /** The item's id, growing the per-item arrays when it is new. */
  private int intern(String item) {
    int id = items.intern(item);
    if (id == counts.length) {
      int capacity = 2 * counts.length;
      counts = Arrays.copyOf(counts, capacity);
      popularity = Arrays.copyOf(popularity, capacity);
      cooccurrence = Arrays.copyOf(cooccurrence, capacity);
      transitions = Arrays.copyOf(transitions, capacity);
    }
    return id;
  }

  /** Ids of the recent items, {@link ItemIndex#UNKNOWN} for items never learned. */
  private int[] idsOf(List<String> recentItems) {
    int[] ids = new int[recentItems.size()];
    for (int j = 0; j < ids.length; j++) {
      ids[j] = items.idOf(recentItems.get(j));
    }
    return ids;
  }

  private int countOf(int item) {
    return item == ItemIndex.UNKNOWN ? 0 : counts[item];
  }

  private static SparseRow rowOf(SparseRow[] matrix, int item) {
    return item == ItemIndex.UNKNOWN ? null : matrix[item];
  }

  private static double weightOf(SparseRow[] matrix, int from, int to) {
    SparseRow row = rowOf(matrix, from);
    return row == null ? 0.0 : row.get(to);
  }

  private void add(SparseRow[] matrix, int from, int to, double weight) {
    if (matrix[from] == null) {
      matrix[from] = new SparseRow();
    }
    matrix[from].add(to, weight);
    if (matrix[from].size() > 2 * MAX_NEIGHBOURS) {
      prune(matrix[from]);
    }
  }

  /** Keeps the strongest {@link #MAX_NEIGHBOURS} entries of a row (ties kept by item id). */
  private void prune(SparseRow row) {
    TopK strongest = new TopK(MAX_NEIGHBOURS, items);
    for (int slot = 0; slot < row.size(); slot++) {
      strongest.offer(row.item(slot), row.weight(slot));
    }
    int kept = strongest.sortBestFirst();
    row.clear();
    for (int i = 0; i < kept; i++) {
      row.add(strongest.id(i), strongest.score(i));
    }
  }

  /** The k highest entries, best first; ties broken by item id for stable output. */
  static List<ScoredItem> topK(Map<String, Double> scores, int k) {
    ItemIndex names = new ItemIndex();
    TopK top = new TopK(k, names);
    scores.forEach((item, score) -> top.offer(names.intern(item), score));
    int n = top.sortBestFirst();
    List<ScoredItem> best = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      best.add(new ScoredItem(names.name(top.id(i)), top.score(i)));
    }
    return best;
  }
}
