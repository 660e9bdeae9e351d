package dev.recstream.model.twostage;

import dev.recstream.model.SparseItemMatrix;
import dev.recstream.model.embed.ItemEmbeddings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features of a (user history, candidate) pair (MODEL-NOTES, recipe step 4): each
 * generator's score, ranks in the main lists, direct transition and user co-occurrence from the
 * last item, embedding similarities to the recent items, popularity and recency statistics, and
 * with a sequence model its score and rank ({@link #SEQUENCE_NAMES}, appended: a model without
 * one has exactly the first {@link #COUNT} columns, as packages written before them do). The
 * same code computes them for training and for serving, so the ranker is served exactly the
 * features it was trained on. Names are zero-padded so they sort in column order, as the ONNX
 * export requires.
 */
final class Features {
  static final List<String> NAMES = List.of(
      "f00_cooc", "f01_transitions", "f02_user_cooc", "f03_rank_cooc", "f04_rank_transitions",
      "f05_rank_embedding_mean", "f06_transition_from_last", "f07_user_cooc_with_last", "f08_cos_last",
      "f09_cos_second_last", "f10_cos_mean_last3", "f11_cos_mean_all", "f12_dot_recency_mean",
      "f13_log_popularity", "f14_log_last_count", "f15_log_last3_count", "f16_mean_position",
      "f17_log_recent_ratio", "f18_log_history_length", "f19_rank_user_cooc", "f20_rank_embedding_last",
      "f21_sources", "f22_cooc_with_last", "f23_cooc_with_second_last", "f24_max_cos_recent",
      "f25_attribute_share_recent", "f26_attribute_jaccard_last");
  static final int COUNT = NAMES.size();
  /**
   * The sequence model's view of a candidate: its score's distance below the user's best
   * (0 for the best; comparable across users, unlike the raw score), the raw score, and the rank.
   */
  static final List<String> SEQUENCE_NAMES = List.of("f27_sequence_gap", "f28_sequence_score", "f29_rank_sequence");
  static final List<String> NAMES_WITH_SEQUENCE = concat(NAMES, SEQUENCE_NAMES);

  /** Feature groups that an ablation can switch off, by the names used on the command line. */
  static final Map<String, List<Integer>> GROUPS = Map.of(
      "cooccurrence", List.of(0, 1, 2, 3, 4, 6, 7, 19, 22, 23),
      "embedding", List.of(5, 8, 9, 10, 11, 12, 20, 24),
      "popularity", List.of(13, 14, 15, 16, 17),
      "attributes", List.of(25, 26),
      "sequence", List.of(27, 28, 29));
  private static final int RECENT_FOR_MAX = 5;

  /** log1p of each rank a candidate can have (0 .. {@link Candidates#ABSENT_RANK}), as {@link #log1p} gives it. */
  private static final float[] LOG1P_RANK = rankLogs();

  private final SequenceStatistics stats;
  private final ItemEmbeddings embeddings;
  private final AttributeAffinity attributes;
  private final int[] disabledColumns;
  private final int width;
  private float[] meanAll;
  /** The norm of the sum of the last three items' vectors: f10 is their dots' sum over it (the mean's cosine). */
  private float normLast3;
  private float logHistoryLength;
  /** The vectors of the last {@link #RECENT_FOR_MAX} items, newest first, null-padded. */
  private final float[][] recentVectors = new float[RECENT_FOR_MAX][];
  /** The dot products of one candidate: the recent items, newest first (f08, f09, f10, f24), then f11, f12. */
  private final float[] dots = new float[RECENT_FOR_MAX + 2];
  /**
   * The last and second-last items' rows of the transition, user co-occurrence and co-occurrence
   * matrices, scattered densely in {@link #prepare} so that each candidate reads its value at once
   * instead of scanning the rows (the values are the stored weights, unchanged).
   */
  private final float[] transitionsFromLast;
  private final float[] userCoocWithLast;
  private final float[] coocWithLast;
  private final float[] coocWithSecondLast;
  private int last;
  private int secondLastItem;

  /** Rows of the first {@link #COUNT} columns: no sequence model. */
  Features(SequenceStatistics stats, ItemEmbeddings embeddings, AttributeAffinity attributes, Set<String> disabledGroups) {
    this(stats, embeddings, attributes, disabledGroups, false);
  }

  /**
   * @param disabledGroups names of {@link #GROUPS} whose columns are written as 0 (ablations)
   * @param withSequence whether rows carry the {@link #SEQUENCE_NAMES} columns
   */
  Features(SequenceStatistics stats, ItemEmbeddings embeddings, AttributeAffinity attributes, Set<String> disabledGroups,
      boolean withSequence) {
    this.stats = stats;
    this.embeddings = embeddings;
    this.attributes = attributes;
    this.width = withSequence ? NAMES_WITH_SEQUENCE.size() : COUNT;
    this.disabledColumns = Arrays.stream(FeatureGroups.columns(GROUPS, disabledGroups))
        .filter(column -> column < width).toArray();
    int n = stats.numItems + 1;
    this.transitionsFromLast = new float[n];
    this.userCoocWithLast = new float[n];
    this.coocWithLast = new float[n];
    this.coocWithSecondLast = new float[n];
  }

  /** The columns of a row: {@link #COUNT}, or with the sequence columns {@link #NAMES_WITH_SEQUENCE}'s size. */
  int width() {
    return width;
  }

  /** The column names of {@code width}-wide rows. */
  static List<String> names(boolean withSequence) {
    return withSequence ? NAMES_WITH_SEQUENCE : NAMES;
  }

  /** Prepares the per-user vectors and rows the features compare against. */
  void prepare(Candidates candidates) {
    int[] h = candidates.history();
    attributes.prepare(h);
    meanAll = h.length == 0 ? null : embeddings.meanOf(h, null);
    for (int age = 0; age < RECENT_FOR_MAX; age++) {
      recentVectors[age] = age < h.length ? embeddings.vector(h[h.length - 1 - age]) : null;
    }
    normLast3 = normOfSum(recentVectors, 3);
    logHistoryLength = log1p(h.length);
    scatterRows(h.length == 0 ? 0 : h[h.length - 1], h.length < 2 ? 0 : h[h.length - 2]);
  }

  /** The length of the sum of the first {@code n} vectors (null ones count as zero). */
  private static float normOfSum(float[][] vectors, int n) {
    float[] sum = null;
    for (int i = 0; i < n && vectors[i] != null; i++) {
      if (sum == null) {
        sum = new float[vectors[i].length];
      }
      for (int j = 0; j < sum.length; j++) {
        sum[j] += vectors[i][j];
      }
    }
    if (sum == null) {
      return 0f;
    }
    float squares = 0f;
    for (float v : sum) {
      squares += v * v;
    }
    return (float) Math.sqrt(squares);
  }

  private void scatterRows(int newLast, int newSecondLast) {
    clear(stats.transitions, last, transitionsFromLast);
    clear(stats.userCooccurrence, last, userCoocWithLast);
    clear(stats.cooccurrence, last, coocWithLast);
    clear(stats.cooccurrence, secondLastItem, coocWithSecondLast);
    last = newLast;
    secondLastItem = newSecondLast;
    if (last != 0) {
      stats.transitions.addRowInto(last, 1f, transitionsFromLast);
      stats.userCooccurrence.addRowInto(last, 1f, userCoocWithLast);
      stats.cooccurrence.addRowInto(last, 1f, coocWithLast);
    }
    if (secondLastItem != 0) {
      stats.cooccurrence.addRowInto(secondLastItem, 1f, coocWithSecondLast);
    }
  }

  /** Zeroes what {@code addRowInto(row, …, dense)} wrote; row 0 (no item) wrote nothing. */
  static void clear(SparseItemMatrix matrix, int row, float[] dense) {
    if (row != 0) {
      for (int column : matrix.rowColumns(row)) {
        dense[column] = 0f;
      }
    }
  }

  /** f24: the highest cosine of the item with a recent item, at least 0 (from {@link #dots}). */
  private float maxCosineToRecent() {
    float max = 0f;
    for (int i = 0; i < RECENT_FOR_MAX; i++) {
      max = Math.max(max, dots[i]);
    }
    return max;
  }

  /**
   * Writes the features of {@code item} into {@code row} at {@code offset}; {@link #prepare} first,
   * once per user. Seven dot products per candidate: the five recent items (f08, f09, f24, and
   * f10, the cosine with the mean of the last three, which is their dots' sum over the sum's
   * length), all items' mean (f11) and the recency-weighted mean (f12). The rest are lookups.
   */
  void write(Candidates c, int item, float[] row, int offset) {
    float[][] r = recentVectors;
    embeddings.dot5(r[0], r[1], r[2], r[3], r[4], item, dots, 0);
    embeddings.dot2(meanAll, c.meanVector, item, dots, RECENT_FOR_MAX);
    row[offset] = log1p(c.cooc.get(item));
    row[offset + 1] = log1p(c.transitions.get(item));
    row[offset + 2] = log1p(c.userCooc.get(item));
    row[offset + 3] = LOG1P_RANK[c.rankCooc[item]];
    row[offset + 4] = LOG1P_RANK[c.rankTransitions[item]];
    row[offset + 5] = LOG1P_RANK[c.rankEmbeddingMean[item]];
    row[offset + 6] = last == 0 ? 0f : transitionsFromLast[item] / (stats.popularity[last] + 1f);
    row[offset + 7] = userCoocWithLast[item];
    row[offset + 8] = dots[0];
    row[offset + 9] = dots[1];
    row[offset + 10] = normLast3 > 0f ? (dots[0] + dots[1] + dots[2]) / normLast3 : 0f;
    row[offset + 11] = dots[RECENT_FOR_MAX];
    row[offset + 12] = dots[RECENT_FOR_MAX + 1];
    System.arraycopy(stats.itemColumns, item * SequenceStatistics.ITEM_COLUMNS, row, offset + 13,
        SequenceStatistics.ITEM_COLUMNS);
    row[offset + 18] = logHistoryLength;
    row[offset + 19] = LOG1P_RANK[c.rankUserCooc[item]];
    row[offset + 20] = LOG1P_RANK[c.rankEmbeddingLast[item]];
    row[offset + 21] = c.sources[item];
    row[offset + 22] = coocWithLast[item];
    row[offset + 23] = coocWithSecondLast[item];
    row[offset + 24] = maxCosineToRecent();
    row[offset + 25] = attributes.recentShare(item);
    row[offset + 26] = attributes.jaccardWithLast(item);
    if (width > COUNT) {
      // Without scores (a history the sequence model was not run on) the columns say "nothing known".
      boolean known = c.hasSequence;
      row[offset + 27] = known ? c.sequenceScores[item] - c.sequenceBest : 0f;
      row[offset + 28] = known ? c.sequenceScores[item] : 0f;
      row[offset + 29] = LOG1P_RANK[c.rankSequence[item]];
    }
    for (int column : disabledColumns) {
      row[offset + column] = 0f;
    }
  }

  /**
   * log1p, skipping the call for the zeros most features of most candidates are (log1p(0) is 0).
   * Math.log of 1 + x in double rather than Math.log1p: on JDK 17 log1p is a native call, not an
   * intrinsic, and cost a fifth of the scoring time; for the non-negative counts and sums here the
   * two agree to the float result.
   */
  static float log1p(float x) {
    return x == 0f ? 0f : (float) Math.log(1.0 + x);
  }

  /** {@code first} followed by {@code second}, unmodifiable. */
  static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  private static float[] rankLogs() {
    float[] logs = new float[Candidates.ABSENT_RANK + 1];
    for (int rank = 1; rank < logs.length; rank++) {
      logs[rank] = log1p(rank);
    }
    return logs;
  }
}
