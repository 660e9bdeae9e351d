package dev.recstream.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far into the catalog the served lists reach, per source (model and variant) and overall:
 * <ul>
 *   <li><em>coverage</em> — distinct items recommended over distinct items seen in events;
 *   <li><em>novelty</em> — the mean popularity rank of the items recommended, weighted by how
 *       often each was recommended (1 = the most popular item; higher is more novel). Ranks come
 *       from the item events seen so far, recomputed by {@link #rankPopularity} (once a minute:
 *       sorting is too dear per event), so novelty lags popularity by up to that long.
 * </ul>
 * Items get dense indices in the order first met, at most {@code maxItems}; items beyond that
 * are not counted (coverage and novelty then describe the first {@code maxItems} items met).
 * Not thread-safe: one verticle owns it; {@link #rankPopularity} is pure and may run elsewhere.
 */
final class CatalogReach {
  private final int maxItems;
  private final Map<String, Integer> index = new HashMap<>();
  private long[] seenCounts = new long[1024];
  private boolean[] recommendedAny = new boolean[1024];
  private int recommendedDistinct;
  private int seenDistinct;
  private final Map<Attribution.Source, PerSource> bySource = new LinkedHashMap<>();
  /** Popularity rank by item index, from the last {@link #useRanks}; empty before. */
  private int[] ranks = new int[0];

  /** Times each item was recommended by one source. */
  private static final class PerSource {
    long[] times = new long[1024];
    int distinct;
  }

  CatalogReach(int maxItems) {
    this.maxItems = maxItems;
  }

  /** An item event (searches have no item and are not passed). */
  void seen(String itemId) {
    int i = indexOf(itemId);
    if (i >= 0) {
      if (seenCounts[i]++ == 0) {
        seenDistinct++;
      }
    }
  }

  /** A served list's items. */
  void recommended(Attribution.Source source, List<String> items) {
    PerSource per = bySource.computeIfAbsent(source, s -> new PerSource());
    for (String item : items) {
      int i = indexOf(item);
      if (i < 0) {
        continue;
      }
      if (i >= per.times.length) {
        per.times = Arrays.copyOf(per.times, Math.max(i + 1, per.times.length * 2));
      }
      if (per.times[i]++ == 0) {
        per.distinct++;
      }
      if (!recommendedAny[i]) {
        recommendedAny[i] = true;
        recommendedDistinct++;
      }
    }
  }

  /** Distinct items recommended over distinct items seen, at most 1 (0 before any event). */
  double coverage() {
    return seenDistinct == 0 ? 0 : Math.min(1.0, (double) recommendedDistinct / seenDistinct);
  }

  /** As {@link #coverage()}, for one source's lists. */
  double coverage(Attribution.Source source) {
    PerSource per = bySource.get(source);
    return per == null || seenDistinct == 0 ? 0 : Math.min(1.0, (double) per.distinct / seenDistinct);
  }

  int recommendedItems() {
    return recommendedDistinct;
  }

  /** The mean popularity rank of one source's recommended items; NaN before ranks or lists. */
  double novelty(Attribution.Source source) {
    PerSource per = bySource.get(source);
    if (per == null || ranks.length == 0) {
      return Double.NaN;
    }
    double weighted = 0;
    long times = 0;
    int n = Math.min(per.times.length, ranks.length);
    for (int i = 0; i < n; i++) {
      if (per.times[i] > 0 && ranks[i] > 0) {
        weighted += per.times[i] * (double) ranks[i];
        times += per.times[i];
      }
    }
    return times == 0 ? Double.NaN : weighted / times;
  }

  /** A copy of the event counts by item index, for {@link #rankPopularity} off the event loop. */
  long[] seenCounts() {
    return Arrays.copyOf(seenCounts, index.size());
  }

  /** Ranks from {@link #rankPopularity}{@code (seenCounts())}. */
  void useRanks(int[] ranks) {
    this.ranks = ranks;
  }

  /**
   * Popularity ranks by item index: 1 for the most seen item, ties sharing the better rank
   * (competition ranking: counts 5, 3, 3, 1 rank 1, 2, 2, 4); items never seen rank 0, so
   * novelty leaves them out (an item recommended but never interacted with has no popularity).
   */
  static int[] rankPopularity(long[] counts) {
    Integer[] order = new Integer[counts.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(counts[b], counts[a]));
    int[] ranks = new int[counts.length];
    for (int r = 0; r < order.length; r++) {
      int i = order[r];
      if (counts[i] == 0) {
        break;
      }
      ranks[i] = r > 0 && counts[order[r - 1]] == counts[i] ? ranks[order[r - 1]] : r + 1;
    }
    return ranks;
  }

  private int indexOf(String itemId) {
    Integer i = index.get(itemId);
    if (i != null) {
      return i;
    }
    if (index.size() >= maxItems) {
      return -1;
    }
    int next = index.size();
    index.put(itemId, next);
    if (next >= seenCounts.length) {
      seenCounts = Arrays.copyOf(seenCounts, seenCounts.length * 2);
      recommendedAny = Arrays.copyOf(recommendedAny, recommendedAny.length * 2);
    }
    return next;
  }
}
