package dev.recstream.trainer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The synthetic queries of the search evaluation (Ai et al., SIGIR 2017): a dataset without
 * search logs has no real queries, so the held-out item's attributes stand for its category
 * words. The query of item t is one token {@code a<id>} per distinct attribute id of t, and an
 * item matches a token when it carries that attribute.
 *
 * <p>The text score of an item is the share of the query's tokens it carries divided by {@code 1
 * + ln(its number of attributes)}: PostgreSQL's {@code ts_rank} with length normalisation 1, the
 * ranking the product's text search uses, with an item's attributes as its document.
 *
 * <p>The index is read-only once built; each thread matches through its own {@link Matcher}.
 */
final class SearchQueries {
  /** The two candidate sets, each reported in its own table. */
  enum CandidateSet {
    ALL("all", "items carrying every query token"),
    ANY("any", "items carrying at least one query token: what the product's text search retrieves, full matches first");

    final String label;
    final String description;

    CandidateSet(String label, String description) {
      this.label = label;
      this.description = description;
    }
  }

  /** One candidate set of one user: items (the target among them) and their text scores, aligned. */
  record Candidates(int[] items, double[] text) {
    int size() {
      return items.length;
    }
  }

  /** One user's query text and both candidate sets. */
  record Match(String query, Candidates all, Candidates any) {
    Candidates of(CandidateSet set) {
      return set == CandidateSet.ALL ? all : any;
    }
  }

  private final int numItems;
  /** Per item index, its distinct attribute ids; empty when it has none. */
  private final int[][] attributes;
  /** Per attribute id, the items carrying it, ascending. */
  private final Map<Integer, int[]> itemsWith;

  /**
   * @param itemAttributes per item index 1..numItems, attribute ids; items without any are absent
   * @throws IllegalArgumentException naming an item index outside 1..numItems
   */
  SearchQueries(Map<Integer, int[]> itemAttributes, int numItems) {
    this.numItems = numItems;
    this.attributes = new int[numItems + 1][];
    Arrays.fill(attributes, new int[0]);
    Map<Integer, List<Integer>> inverted = new HashMap<>();
    for (Map.Entry<Integer, int[]> e : itemAttributes.entrySet()) {
      int item = e.getKey();
      if (item < 1 || item > numItems) {
        throw new IllegalArgumentException("itemAttributes: item index " + item + " is outside the vocabulary 1.." + numItems);
      }
      attributes[item] = Arrays.stream(e.getValue()).distinct().sorted().toArray();
    }
    for (int item = 1; item <= numItems; item++) {
      for (int attribute : attributes[item]) {
        inverted.computeIfAbsent(attribute, a -> new ArrayList<>()).add(item);
      }
    }
    this.itemsWith = new HashMap<>();
    inverted.forEach((attribute, items) -> itemsWith.put(attribute, items.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Whether a query can be built for {@code item}: it has at least one attribute. */
  boolean hasQuery(int item) {
    return attributes[item].length > 0;
  }

  /** The query text of {@code item}, e.g. {@code a1 a17 a25}: its attribute ids as tokens. */
  String queryOf(int item) {
    StringJoiner text = new StringJoiner(" ");
    for (int attribute : attributes[item]) {
      text.add("a" + attribute);
    }
    return text.toString();
  }

  /** The text score of an item carrying {@code matched} of the query's {@code tokens} tokens. */
  double textScore(int item, int matched, int tokens) {
    return (double) matched / tokens / (1 + Math.log(attributes[item].length));
  }

  /** A matcher with working buffers of its own, for one thread. */
  Matcher matcher() {
    return new Matcher();
  }

  /**
   * Finds one user's candidates. Counts each item's matched tokens in arrays stamped per user, so
   * nothing of the catalog's size is cleared or allocated per user.
   */
  final class Matcher {
    private final int[] seen = new int[numItems + 1];
    private final int[] matched = new int[numItems + 1];
    private final int[] excluded = new int[numItems + 1];
    private final int[] touched = new int[numItems];
    private int stamp;

    /**
     * The query of {@code target} and its candidates: the items matching it, minus the user's
     * {@code history}; the target is always a candidate, even when it is also in the history.
     *
     * @throws IllegalArgumentException when {@code target} has no attributes, so no query
     */
    Match match(int[] history, int target) {
      if (!hasQuery(target)) {
        throw new IllegalArgumentException("target: item " + target + " has no attributes, so no query can be built");
      }
      stamp++;
      int[] query = attributes[target];
      int count = 0;
      for (int attribute : query) {
        for (int item : itemsWith.get(attribute)) {
          if (seen[item] != stamp) {
            seen[item] = stamp;
            matched[item] = 0;
            touched[count++] = item;
          }
          matched[item]++;
        }
      }
      for (int item : history) {
        excluded[item] = stamp;
      }
      excluded[target] = 0;
      return new Match(queryOf(target), collect(count, query.length, true), collect(count, query.length, false));
    }

    private Candidates collect(int count, int tokens, boolean everyToken) {
      int[] items = new int[count];
      double[] text = new double[count];
      int n = 0;
      for (int i = 0; i < count; i++) {
        int item = touched[i];
        if (excluded[item] != stamp && (!everyToken || matched[item] == tokens)) {
          items[n] = item;
          text[n] = textScore(item, matched[item], tokens);
          n++;
        }
      }
      return new Candidates(Arrays.copyOf(items, n), Arrays.copyOf(text, n));
    }
  }
}
