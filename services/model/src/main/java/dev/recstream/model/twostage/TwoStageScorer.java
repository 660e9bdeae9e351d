package dev.recstream.model.twostage;

import dev.recstream.model.embed.ItemEmbeddings;
import dev.recstream.model.rank.FeatureScaler;
import dev.recstream.model.rank.OnnxRanker;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores items for one user with the two-stage model (MODEL-NOTES, recipe step 6): candidates
 * ranked by the ONNX ranker above everything else; items outside the candidates ordered by the
 * embedding similarity to the user's recent items. Holds per-user working buffers, so one
 * instance serves one thread; the statistics, embeddings and ranker are shared and read-only.
 */
public final class TwoStageScorer {
  /** Lifts every candidate's probability above any non-candidate score. */
  static final float CANDIDATE_OFFSET = 10f;

  private final Candidates candidates;
  private final Features features;
  private final ItemEmbeddings embeddings;
  private final OnnxRanker ranker;
  private final FeatureScaler scaler;
  private float[] batch = new float[0];

  /**
   * @param sequences per user, item indices in time order, to take statistics and embeddings from
   *     (at serving time: every sequence the model knows)
   */
  public static TwoStageScorer build(List<int[]> sequences, int numItems, Map<Integer, int[]> itemAttributes,
      ItemEmbeddings embeddings, OnnxRanker ranker, FeatureScaler scaler, Set<String> disabledFeatureGroups) {
    return new TwoStageScorer(SequenceStatistics.of(sequences, numItems), embeddings,
        new AttributeAffinity(itemAttributes, numItems), ranker, scaler, disabledFeatureGroups);
  }

  private TwoStageScorer(SequenceStatistics stats, ItemEmbeddings embeddings, AttributeAffinity attributes,
      OnnxRanker ranker, FeatureScaler scaler, Set<String> disabledFeatureGroups) {
    this.candidates = new Candidates(stats, embeddings);
    this.features = new Features(stats, embeddings, attributes, disabledFeatureGroups);
    this.embeddings = embeddings;
    this.ranker = ranker;
    this.scaler = scaler;
  }

  /** Dense scores of every item for a user whose items so far are {@code history}. */
  public void score(int[] history, float[] scores) {
    Arrays.fill(scores, 0f);
    candidates.generate(history);
    if (candidates.meanVector != null) {
      embeddings.scoreAll(candidates.meanVector, scores);
      for (int i = 1; i < scores.length; i++) {
        scores[i] = 1e-3f * scores[i];
      }
    }
    int n = candidates.size();
    if (n == 0) {
      return;
    }
    float[] probabilities = rankCandidates(n);
    for (int i = 0; i < n; i++) {
      scores[candidates.item(i)] = CANDIDATE_OFFSET + probabilities[i];
    }
  }

  /** A user's top items: indices and ranker probabilities, best first. */
  public record Ranked(int[] items, float[] scores) {}

  /**
   * The top {@code k} candidates of each history, ranked with ONE ONNX Runtime call for all of
   * them together: what the scoring service does for the events that arrive together.
   */
  public List<Ranked> recommend(List<int[]> histories, int k) {
    int width = Features.COUNT;
    int[][] items = new int[histories.size()][];
    int total = 0;
    float[] rows = new float[0];
    float[] row = new float[width];
    for (int u = 0; u < histories.size(); u++) {
      candidates.generate(histories.get(u));
      features.prepare(candidates);
      int n = candidates.size();
      items[u] = new int[n];
      if (rows.length < (total + n) * width) {
        rows = Arrays.copyOf(rows, Math.max(rows.length * 2, (total + n) * width));
      }
      for (int i = 0; i < n; i++) {
        items[u][i] = candidates.item(i);
        features.write(candidates, items[u][i], row, 0);
        scaler.apply(row);
        System.arraycopy(row, 0, rows, (total + i) * width, width);
      }
      total += n;
    }
    float[] probabilities = total == 0 ? new float[0] : ranker.score(rows, total, width);
    List<Ranked> result = new java.util.ArrayList<>(histories.size());
    int offset = 0;
    for (int[] userItems : items) {
      result.add(topK(userItems, probabilities, offset, k));
      offset += userItems.length;
    }
    return result;
  }

  private static Ranked topK(int[] userItems, float[] probabilities, int offset, int k) {
    Integer[] order = new Integer[userItems.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(probabilities[offset + b], probabilities[offset + a]));
    int n = Math.min(k, order.length);
    int[] top = new int[n];
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      top[i] = userItems[order[i]];
      scores[i] = probabilities[offset + order[i]];
    }
    return new Ranked(top, scores);
  }

  private float[] rankCandidates(int n) {
    int width = Features.COUNT;
    if (batch.length < n * width) {
      batch = new float[n * width];
    }
    features.prepare(candidates);
    float[] row = new float[width];
    for (int i = 0; i < n; i++) {
      features.write(candidates, candidates.item(i), row, 0);
      scaler.apply(row);
      System.arraycopy(row, 0, batch, i * width, width);
    }
    return ranker.score(batch, n, width);
  }
}
