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
