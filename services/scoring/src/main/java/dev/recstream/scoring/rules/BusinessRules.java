package dev.recstream.scoring.rules;

import dev.recstream.shared.bus.ScoredItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Filters a model's ranked list with the rules a shop imposes on top of relevance: no item the
 * user already bought (or that the caller wants out for any other reason), no unavailable item,
 * and at most {@code perCategoryCap} items of one category, so one category cannot fill the
 * whole list. Rules only remove items: the survivors keep the model's order, scores and
 * reasons. The model is asked for more than k items ({@link #fetchDepth}) so that removals
 * rarely leave the list short; when they do, the shorter list is returned rather than padded
 * with items the model did not rank.
 *
 * <p>Immutable and thread-safe; the catalog it reads is thread-safe too.
 */
public final class BusinessRules {
  /** Upper bound of {@link #fetchDepth}: deeper lists cost the model more than rules ever need. */
  public static final int MAX_FETCH_DEPTH = 500;

  private final ItemCatalog catalog;
  private final int perCategoryCap;

  /**
   * @param catalog where availability and categories come from
   * @param perCategoryCap the most items of one category in a list; 0 for no cap
   */
  public BusinessRules(ItemCatalog catalog, int perCategoryCap) {
    if (perCategoryCap < 0) {
      throw new IllegalArgumentException("perCategoryCap must be 0 (no cap) or positive, got " + perCategoryCap);
    }
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.perCategoryCap = perCategoryCap;
  }

  /**
   * The first {@code k} items of {@code ranked} that pass every rule, in their original order.
   *
   * @param ranked the model's over-fetched list, best first
   * @param excluded items the user purchased, and anything else the caller wants out (empty for none)
   * @param k the most items to return; 0 or less returns an empty list
   * @return at most k items, fewer when the rules leave fewer
   */
  public List<ScoredItem> apply(List<ScoredItem> ranked, Set<String> excluded, int k) {
    if (k <= 0) {
      return List.of();
    }
    List<ScoredItem> kept = new ArrayList<>(Math.min(k, ranked.size()));
    Map<String, Integer> perCategory = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (ScoredItem item : ranked) {
      if (kept.size() == k) {
        break;
      }
      String id = item.itemId();
      // A model never repeats an item, but a repeat would take two places of a short list.
      if (excluded.contains(id) || !catalog.isAvailable(id) || !seen.add(id)) {
        continue;
      }
      String category = perCategoryCap == 0 ? null : catalog.category(id);
      if (category != null && perCategory.merge(category, 1, Integer::sum) > perCategoryCap) {
        continue;
      }
      kept.add(item);
    }
    return kept;
  }

  /**
   * How many items to ask the model for to end up with k after {@link #apply}:
   * {@code 2k + excludedCount}, at least k and at most {@link #MAX_FETCH_DEPTH}.
   *
   * <p>Why: each excluded item can remove at most one item from the model's list, so {@code k +
   * excludedCount} covers exclusions exactly even in the worst case (every purchase ranked
   * high). The extra k absorbs the other two rules, which remove far fewer items per list:
   * unavailable items are a small share of a live catalog, and a cap of c per category only
   * bites when one category holds more than c of the top items. The bound keeps a user with
   * thousands of purchases from making every push rank a near-whole catalog; such a list may
   * come back short, which is acceptable (the rules never invent items).
   *
   * @param k the list length the caller wants (the API allows up to 100)
   * @param excludedCount how many items the caller will exclude
   */
  public static int fetchDepth(int k, int excludedCount) {
    if (k <= 0) {
      return 0;
    }
    long depth = 2L * k + Math.max(0, excludedCount);
    return (int) Math.max(k, Math.min(MAX_FETCH_DEPTH, depth));
  }
}
