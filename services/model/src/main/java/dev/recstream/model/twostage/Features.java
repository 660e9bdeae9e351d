package dev.recstream.model.twostage;

import dev.recstream.model.embed.ItemEmbeddings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The features of a (user history, candidate) pair (MODEL-NOTES, recipe step 4): each
 * generator's score, ranks in the main lists, direct transition and user co-occurrence from the
 * last item, embedding similarities to the recent items, popularity and recency statistics. The
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

  /** Feature groups that an ablation can switch off, by the names used on the command line. */
  static final Map<String, List<Integer>> GROUPS = Map.of(
      "cooccurrence", List.of(0, 1, 2, 3, 4, 6, 7, 19, 22, 23),
      "embedding", List.of(5, 8, 9, 10, 11, 12, 20, 24),
      "popularity", List.of(13, 14, 15, 16, 17),
      "attributes", List.of(25, 26));
  private static final int RECENT_FOR_MAX = 5;

  private final SequenceStatistics stats;
  private final ItemEmbeddings embeddings;
  private final AttributeAffinity attributes;
  private float[] secondLast;
  private int[] recentItems = new int[0];
  private final int[] disabledColumns;
  private float[] meanLast3;
  private float[] meanAll;

  /** @param disabledGroups names of {@link #GROUPS} whose columns are written as 0 (ablations) */
  Features(SequenceStatistics stats, ItemEmbeddings embeddings, AttributeAffinity attributes, Set<String> disabledGroups) {
    this.stats = stats;
    this.embeddings = embeddings;
    this.attributes = attributes;
    this.disabledColumns = FeatureGroups.columns(GROUPS, disabledGroups);
  }

  /** Prepares the per-user vectors the embedding features compare against. */
  void prepare(Candidates candidates) {
    int[] h = candidates.history();
    attributes.prepare(h);
    secondLast = h.length < 2 ? null : embeddings.vector(h[h.length - 2]);
    meanLast3 = h.length == 0 ? null : embeddings.meanOf(tail(h, 3), ones(Math.min(3, h.length)));
    meanAll = h.length == 0 ? null : embeddings.meanOf(h, ones(h.length));
    recentItems = tail(h, RECENT_FOR_MAX);
  }

  private float maxCosineToRecent(int item) {
    float max = 0f;
    for (int recent : recentItems) {
      max = Math.max(max, embeddings.cosine(recent, item));
    }
    return max;
  }

  /** Writes the features of {@code item} into {@code row} at {@code offset}. */
  void write(Candidates c, int item, float[] row, int offset) {
    int[] h = c.history();
    int last = h.length == 0 ? 0 : h[h.length - 1];
    row[offset] = log1p(c.cooc.get(item));
    row[offset + 1] = log1p(c.transitions.get(item));
    row[offset + 2] = log1p(c.userCooc.get(item));
    row[offset + 3] = log1p(c.rankCooc[item]);
    row[offset + 4] = log1p(c.rankTransitions[item]);
    row[offset + 5] = log1p(c.rankEmbeddingMean[item]);
    row[offset + 6] = last == 0 ? 0f : stats.transitions.get(last, item) / (stats.popularity[last] + 1f);
    row[offset + 7] = last == 0 ? 0f : stats.userCooccurrence.get(last, item);
    row[offset + 8] = embeddings.dot(c.lastVector, item);
    row[offset + 9] = embeddings.dot(secondLast, item);
    row[offset + 10] = embeddings.dot(meanLast3, item);
    row[offset + 11] = embeddings.dot(meanAll, item);
    row[offset + 12] = embeddings.dot(c.meanVector, item);
    row[offset + 13] = stats.logPopularity(item);
    row[offset + 14] = log1p(stats.lastCount[item]);
    row[offset + 15] = log1p(stats.last3Count[item]);
    row[offset + 16] = stats.meanRelativePosition[item];
    row[offset + 17] = (float) Math.log((stats.last3Count[item] + 1.0) / (stats.popularity[item] + 1.0));
    row[offset + 18] = log1p(h.length);
    row[offset + 19] = log1p(c.rankUserCooc[item]);
    row[offset + 20] = log1p(c.rankEmbeddingLast[item]);
    row[offset + 21] = c.sources[item];
    row[offset + 22] = last == 0 ? 0f : stats.cooccurrence.get(last, item);
    row[offset + 23] = h.length < 2 ? 0f : stats.cooccurrence.get(h[h.length - 2], item);
    row[offset + 24] = maxCosineToRecent(item);
    row[offset + 25] = attributes.recentShare(item);
    row[offset + 26] = attributes.jaccardWithLast(item);
    for (int column : disabledColumns) {
      row[offset + column] = 0f;
    }
  }

  private static float log1p(float x) {
    return (float) Math.log1p(x);
  }

  private static int[] tail(int[] h, int n) {
    return java.util.Arrays.copyOfRange(h, Math.max(0, h.length - n), h.length);
  }

  private static float[] ones(int n) {
    float[] w = new float[n];
    java.util.Arrays.fill(w, 1f);
    return w;
  }
}
