package dev.recstream.model.twostage;

import dev.recstream.model.embed.ItemEmbeddings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tail model's features (MODEL-NOTES, recipe steps 5–6): the subset of {@link Features} that
 * can be computed for every item of the catalog per user, because the tail model scores all items
 * outside the candidates in one dense pass. Each column is the same formula as the {@link
 * Features} column it is named after, so nothing new has to be trusted. Left out are the ranks and
 * source counts (they exist only for candidates), the history length (the same for all of a
 * user's items, so it cannot order them), the maximum similarity to the recent items (not linear
 * in the item's vector; see below), and the co-occurrence with and similarities to the
 * second-to-last item and the means of the last 3 and of all items: with them (18 columns) the
 * validation-split sampled HR@10 / NDCG@10 on Amazon Beauty were .5873 / .4070, without them
 * .5882 / .4075.
 *
 * <p>Per item: three reads of the candidate generators' dense accumulators; two of the last item's
 * transition and co-occurrence rows, scattered into dense arrays once per user (a sparse lookup
 * per item would scan the row); two dot products of the item's vector with user vectors — linear
 * in the item's vector, so {@link TailScorer} folds them into one; five user-independent
 * popularity columns, computed once; the attribute affinities. {@link #write} writes one row (the
 * training rows); {@link TailScorer} reads the same values for the whole catalog. Not
 * thread-safe: one per scoring thread.
 */
final class TailFeatures {
  static final List<String> NAMES = List.of(
      "t00_cooc", "t01_transitions", "t02_user_cooc", "t03_transition_from_last", "t04_cooc_with_last",
      "t05_cos_last", "t06_dot_recency_mean", "t07_log_popularity", "t08_log_last_count",
      "t09_log_last3_count", "t10_mean_position", "t11_log_recent_ratio", "t12_attribute_share_recent",
      "t13_attribute_jaccard_last");
  static final int COUNT = NAMES.size();
  /**
   * With a sequence model, one more column: the item's sequence score below the user's best, as
   * {@code f27}; any item has it, so the tail orders the catalog with the sequence model too.
   */
  static final List<String> NAMES_WITH_SEQUENCE = Features.concat(NAMES, List.of("t14_sequence_gap"));
  static final int SEQUENCE_GAP = COUNT;

  /**
   * The same groups as {@link Features#GROUPS}, so an ablation switches off both models' columns
   * (the sequence column exists only in models with a sequence model).
   */
  static final Map<String, List<Integer>> GROUPS = Map.of(
      "cooccurrence", List.of(0, 1, 2, 3, 4),
      "embedding", List.of(5, 6),
      "popularity", List.of(7, 8, 9, 10, 11),
      "attributes", List.of(12, 13),
      "sequence", List.of(14));
  /** Columns FIRST_EMBEDDING.. are dot products of the item's vector with {@link #userVectors}. */
  static final int FIRST_EMBEDDING = 5;
  static final int EMBEDDING_COUNT = 2;
  /** Columns FIRST_STATIC.. do not depend on the user. */
  static final int FIRST_STATIC = 7;
  static final int STATIC_COUNT = SequenceStatistics.ITEM_COLUMNS;
  static final int SHARE_RECENT = 12;
  static final int JACCARD_LAST = 13;

  private final SequenceStatistics stats;
  private final ItemEmbeddings embeddings;
  private final AttributeAffinity attributes;
  private final int[] disabledColumns;
  private final int width;
  private final boolean[] disabled = new boolean[COUNT + 1];
  /** Columns FIRST_STATIC.. of every item, row-major (the statistics' item columns). */
  private final float[] staticColumns;
  private final float[] transitionFromLast;
  private final float[] coocWithLast;
  /** The last item's and the recency-weighted mean vector (the candidates'); null when absent. */
  private final float[][] userVectors = new float[EMBEDDING_COUNT][];
  private int last;

  /** Rows of the first {@link #COUNT} columns: no sequence model. */
  TailFeatures(SequenceStatistics stats, ItemEmbeddings embeddings, AttributeAffinity attributes, Set<String> disabledGroups) {
    this(stats, embeddings, attributes, disabledGroups, false);
  }

  /**
   * @param disabledGroups names of {@link #GROUPS} whose columns are written as 0 (ablations)
   * @param withSequence whether rows carry the sequence column ({@link #NAMES_WITH_SEQUENCE})
   */
  TailFeatures(SequenceStatistics stats, ItemEmbeddings embeddings, AttributeAffinity attributes, Set<String> disabledGroups,
      boolean withSequence) {
    this.stats = stats;
    this.embeddings = embeddings;
    this.attributes = attributes;
    this.width = withSequence ? COUNT + 1 : COUNT;
    this.disabledColumns = Arrays.stream(FeatureGroups.columns(GROUPS, disabledGroups)).filter(c -> c < width).toArray();
    for (int column : disabledColumns) {
      disabled[column] = true;
    }
    int n = stats.numItems;
    this.staticColumns = stats.itemColumns;
    this.transitionFromLast = new float[n + 1];
    this.coocWithLast = new float[n + 1];
  }

  /**
   * Prepares the per-user state for the candidates' history: the user vectors, the attribute
   * counts, and the last item's transition row (divided by its popularity + 1, as {@code f06})
   * and co-occurrence row, scattered densely.
   */
  void prepare(Candidates candidates) {
    Features.clear(stats.transitions, last, transitionFromLast);
    Features.clear(stats.cooccurrence, last, coocWithLast);
    int[] h = candidates.history();
    attributes.prepare(h);
    last = h.length == 0 ? 0 : h[h.length - 1];
    if (last != 0) {
      stats.transitions.addRowInto(last, 1f / (stats.popularity[last] + 1f), transitionFromLast);
      stats.cooccurrence.addRowInto(last, 1f, coocWithLast);
    }
    userVectors[0] = candidates.lastVector;
    userVectors[1] = candidates.meanVector;
  }

  /** Writes the features of {@code item} into {@code row} at {@code offset}. */
  void write(Candidates c, int item, float[] row, int offset) {
    row[offset] = Features.log1p(c.cooc.get(item));
    row[offset + 1] = Features.log1p(c.transitions.get(item));
    row[offset + 2] = Features.log1p(c.userCooc.get(item));
    row[offset + 3] = transitionFromLast[item];
    row[offset + 4] = coocWithLast[item];
    for (int k = 0; k < EMBEDDING_COUNT; k++) {
      row[offset + FIRST_EMBEDDING + k] = embeddings.dot(userVectors[k], item);
    }
    System.arraycopy(staticColumns, item * STATIC_COUNT, row, offset + FIRST_STATIC, STATIC_COUNT);
    row[offset + SHARE_RECENT] = attributes.recentShare(item);
    row[offset + JACCARD_LAST] = attributes.jaccardWithLast(item);
    if (width > COUNT) {
      row[offset + SEQUENCE_GAP] = sequenceGap(c, item);
    }
    for (int column : disabledColumns) {
      row[offset + column] = 0f;
    }
  }

  /** The columns of a row. */
  int width() {
    return width;
  }

  /** Column t14 of {@code item}: its sequence score below the user's best; 0 without scores. */
  static float sequenceGap(Candidates c, int item) {
    return c.hasSequence ? c.sequenceScores[item] - c.sequenceBest : 0f;
  }

  int numItems() {
    return stats.numItems;
  }

  /** Whether column {@code j} is switched off (always written as 0). */
  boolean disabled(int j) {
    return disabled[j];
  }

  /** User-independent column {@code FIRST_STATIC + k} of {@code item}, as {@link #write} writes it. */
  float staticColumn(int item, int k) {
    return staticColumns[item * STATIC_COUNT + k];
  }

  /** User vector {@code k} of the embedding columns for the prepared user; null when absent. */
  float[] userVector(int k) {
    return userVectors[k];
  }

  /** Column t03 of {@code item} for the prepared user. */
  float transitionFromLast(int item) {
    return transitionFromLast[item];
  }

  /** Column t04 of {@code item} for the prepared user. */
  float coocWithLast(int item) {
    return coocWithLast[item];
  }

  /** The attribute affinities (columns t12, t13), prepared with the user. */
  AttributeAffinity attributes() {
    return attributes;
  }
}
