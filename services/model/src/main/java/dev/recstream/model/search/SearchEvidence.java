package dev.recstream.model.search;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the event stream says about items for search: "users who searched X then chose Y" and how
 * popular each item is now. Learned from every stored event in storage order, so each scoring node
 * holds the same evidence; not thread-safe (the scoring verticle's thread owns it).
 *
 * <p>A {@code view}, {@code click}, {@code add_to_cart} or {@code purchase} counts for the user's
 * latest search when it comes within {@link #FOLLOW_UP_MILLIS} of it, weighted 1, 1, 2 and 3: a
 * purchase says more than a look. Memory is bounded: the last query of the {@link #MAX_USERS}
 * most recently active users, {@link #MAX_QUERIES} queries, {@link #ITEMS_PER_QUERY} items each.
 */
public final class SearchEvidence {
  public static final long FOLLOW_UP_MILLIS = 30 * 60 * 1000L;
  static final int MAX_USERS = 100_000;
  static final int MAX_QUERIES = 100_000;
  static final int ITEMS_PER_QUERY = 200;
  /** Pseudo-count of follow-ups that went elsewhere: one follow-up alone gives evidence 1/6, not 1. */
  static final double PRIOR = 5;
  /** Popularity half-life, counted in events (the streaming model's). */
  static final double POPULARITY_HALF_LIFE = 50_000;
  private static final double POPULARITY_GROWTH = Math.pow(2, 1 / POPULARITY_HALF_LIFE);

  private record LastSearch(String query, long atMillis) {}

  /** Follow-ups of one query: weight per item and their sum. */
  private static final class FollowUps {
    final Map<String, Double> items = new HashMap<>();
    double total;

    void add(String item, double weight) {
      items.merge(item, weight, Double::sum);
      total += weight;
      if (items.size() > ITEMS_PER_QUERY) {
        // The weakest other item goes, so a newcomer gets the chance to build up evidence.
        String weakest = null;
        double min = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Double> e : items.entrySet()) {
          if (!e.getKey().equals(item) && e.getValue() < min) {
            min = e.getValue();
            weakest = e.getKey();
          }
        }
        items.remove(weakest);
      }
    }
  }

  private final Map<String, LastSearch> lastSearch = lru(MAX_USERS);
  private final Map<String, FollowUps> byQuery = lru(MAX_QUERIES);
  private final Map<String, Double> popularity = new HashMap<>();
  private double popularityIncrement = 1;
  private double maxPopularity;

  /**
   * Learns from one stored event.
   *
   * @param type the event's wire type ({@code search}, {@code click}, …)
   * @param itemId null for a search
   * @param query the search's query, null otherwise
   */
  public void learn(String userId, String type, String itemId, String query, long atMillis) {
    if ("search".equals(type)) {
      String normalized = query == null ? "" : QueryText.normalize(query);
      if (normalized.isEmpty()) {
        lastSearch.remove(userId); // a new search, if one with nothing to key evidence by, ends the previous one
      } else {
        lastSearch.put(userId, new LastSearch(normalized, atMillis));
      }
      return;
    }
    if (itemId == null) {
      return;
    }
    double weight = weightOf(type);
    if (weight == 0) {
      return;
    }
    bumpPopularity(itemId);
    LastSearch search = lastSearch.get(userId);
    if (search != null && atMillis - search.atMillis() <= FOLLOW_UP_MILLIS && atMillis >= search.atMillis()) {
      byQuery.computeIfAbsent(search.query(), q -> new FollowUps()).add(itemId, weight);
    }
  }

  /**
   * Credits one follow-up of a stored search, as {@link #learn} would have when it streamed past:
   * for a node that starts and rebuilds the evidence from the store.
   */
  public void credit(String query, String itemId, String type) {
    String normalized = QueryText.normalize(query);
    double weight = weightOf(type);
    if (!normalized.isEmpty() && weight > 0) {
      byQuery.computeIfAbsent(normalized, q -> new FollowUps()).add(itemId, weight);
    }
  }

  /** The user's events are erased: their last search is forgotten (counts already made stay, as they are anonymous). */
  public void forgetUser(String userId) {
    lastSearch.remove(userId);
  }

  /** On [0, 1): the weight of follow-ups that went to the item over all follow-ups of the query plus {@link #PRIOR}. */
  public double evidence(String normalizedQuery, String itemId) {
    FollowUps f = byQuery.get(normalizedQuery);
    if (f == null) {
      return 0;
    }
    return f.items.getOrDefault(itemId, 0.0) / (f.total + PRIOR);
  }

  /** {@link #evidence} of each item. */
  public Map<String, Double> evidence(String normalizedQuery, Collection<String> itemIds) {
    Map<String, Double> out = new HashMap<>();
    FollowUps f = byQuery.get(normalizedQuery);
    if (f != null) {
      for (String id : itemIds) {
        Double w = f.items.get(id);
        if (w != null) {
          out.put(id, w / (f.total + PRIOR));
        }
      }
    }
    return out;
  }

  /** The items chosen most after the query, most first: candidates text and vectors may miss. */
  public List<String> strongest(String normalizedQuery, int n) {
    FollowUps f = byQuery.get(normalizedQuery);
    if (f == null) {
      return List.of();
    }
    return f.items.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(Map.Entry::getKey).toList();
  }

  /** On [0, 1]: the item's decayed event count relative to the most popular item's. */
  public double popularity(String itemId) {
    return maxPopularity > 0 ? popularity.getOrDefault(itemId, 0.0) / maxPopularity : 0;
  }

  /** Queries with evidence kept. */
  public int queries() {
    return byQuery.size();
  }

  static String reason(String query) {
    return "chosen by others who searched \"" + query + "\"";
  }

  private static double weightOf(String type) {
    return switch (type) {
      case "view", "click" -> 1;
      case "add_to_cart" -> 2;
      case "purchase" -> 3;
      default -> 0;
    };
  }

  /** Newer events weigh more by growing the increment, so old counts never need touching. */
  private void bumpPopularity(String itemId) {
    double value = popularity.merge(itemId, popularityIncrement, Double::sum);
    maxPopularity = Math.max(maxPopularity, value);
    popularityIncrement *= POPULARITY_GROWTH;
    if (popularityIncrement > 1e100) {
      popularity.replaceAll((k, v) -> v / popularityIncrement);
      maxPopularity /= popularityIncrement;
      popularityIncrement = 1;
    }
  }

  private static <V> Map<String, V> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }
}
