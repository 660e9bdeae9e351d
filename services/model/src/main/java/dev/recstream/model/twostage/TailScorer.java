package dev.recstream.model.twostage;

import dev.recstream.model.embed.ItemEmbeddings;
import java.util.Arrays;

/**
 * The tail model's dense pass: P(next item) for every item of the catalog, from the {@link
 * TailModel}'s weights on raw {@link TailFeatures} columns. The user-independent columns are
 * summed once per item when the scorer is built; the embedding columns are dot products of the
 * item's vector with user vectors, so one dot product with their weighted sum gives both; the
 * sparse columns are read from dense arrays. Equal to the model applied to the
 * rows {@link TailFeatures#write} writes, up to float rounding. Not thread-safe: one per scoring
 * thread.
 */
final class TailScorer {
  private final TailFeatures features;
  private final ItemEmbeddings embeddings;
  private final float[] weights = new float[TailFeatures.COUNT + 1];
  /** Per item, the intercept plus the user-independent columns' share of the log-odds. */
  private final float[] staticLogOdds;
  private final float[] query;

  TailScorer(TailFeatures features, ItemEmbeddings embeddings, TailModel model) {
    this.features = features;
    this.embeddings = embeddings;
    for (int j = 0; j < features.width(); j++) {
      weights[j] = features.disabled(j) ? 0f : (float) model.rawWeight(j);
    }
    int n = features.numItems();
    this.staticLogOdds = new float[n + 1];
    double bias = model.rawBias();
    for (int item = 1; item <= n; item++) {
      double s = bias;
      for (int k = 0; k < TailFeatures.STATIC_COUNT; k++) {
        s += weights[TailFeatures.FIRST_STATIC + k] * (double) features.staticColumn(item, k);
      }
      staticLogOdds[item] = (float) s;
    }
    this.query = new float[embeddings.dimension()];
  }

  /** Writes P(next item) of items 1..numItems into {@code scores} for the candidates' user. */
  void score(Candidates c, float[] scores) {
    features.prepare(c);
    boolean embedded = embeddingQuery();
    AttributeAffinity attributes = features.attributes();
    float wCooc = weights[0];
    float wTransitions = weights[1];
    float wUserCooc = weights[2];
    float wTransitionFromLast = weights[3];
    float wCoocWithLast = weights[4];
    float wShare = weights[TailFeatures.SHARE_RECENT];
    float wJaccard = weights[TailFeatures.JACCARD_LAST];
    float wSequence = c.hasSequence ? weights[TailFeatures.SEQUENCE_GAP] : 0f;
    float sequenceBest = c.sequenceBest;
    for (int item = 1; item < staticLogOdds.length; item++) {
      float s = staticLogOdds[item]
          + wCooc * Features.log1p(c.cooc.get(item))
          + wTransitions * Features.log1p(c.transitions.get(item))
          + wUserCooc * Features.log1p(c.userCooc.get(item))
          + wTransitionFromLast * features.transitionFromLast(item)
          + wCoocWithLast * features.coocWithLast(item)
          + wShare * attributes.recentShare(item)
          + wJaccard * attributes.jaccardWithLast(item);
      if (embedded) {
        s += embeddings.dot(query, item);
      }
      if (wSequence != 0f) {
        s += wSequence * (c.sequenceScores[item] - sequenceBest);
      }
      scores[item] = (float) (1 / (1 + Math.exp(-s)));
    }
  }

  /** Sets {@link #query} to Σ wₖ · user vector k; false when it is zero (no history, or weights 0). */
  private boolean embeddingQuery() {
    Arrays.fill(query, 0f);
    boolean any = false;
    for (int k = 0; k < TailFeatures.EMBEDDING_COUNT; k++) {
      float w = weights[TailFeatures.FIRST_EMBEDDING + k];
      float[] v = features.userVector(k);
      if (v != null && w != 0f) {
        for (int d = 0; d < query.length; d++) {
          query[d] += w * v[d];
        }
        any = true;
      }
    }
    return any;
  }
}
