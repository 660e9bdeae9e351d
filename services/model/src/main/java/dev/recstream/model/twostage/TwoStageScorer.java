package dev.recstream.model.twostage;

import dev.recstream.model.embed.ItemEmbeddings;
import dev.recstream.model.rank.FeatureScaler;
import dev.recstream.model.rank.OnnxRanker;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Scores items for one user with the two-stage model (MODEL-NOTES, recipe step 6): candidates
 * ranked by the ranker (the package's ONNX graph, run by ONNX Runtime), the best of them
 * reordered by the {@link Reranker}'s trees when the package has them, above everything else; items outside the
 * candidates ordered by the {@link TailModel} when there is one, else by the embedding
 * similarity to the user's recent items. Only the dense {@link #score} pays for the tail;
 * {@link #recommend} ranks candidates alone. With a sequence model (SASRec, GRU4Rec), its best
 * items join the candidates and its scores the ranker's features; {@link #recommend} runs it once
 * for a batch of users. Holds per-user working buffers, so one instance
 * serves one thread; the statistics, per-item lists, embeddings and models are shared and
 * read-only.
 *
 * <p>{@link #explain} says why each item of a final list was recommended; it never touches the
 * scores, so ranking is the same with or without reasons.
 */
public final class TwoStageScorer {
  /**
   * Lifts every candidate's probability above any non-candidate score (a probability of the tail
   * model, or a thousandth of a cosine).
   */
  static final float CANDIDATE_OFFSET = 10f;

  private final SequenceStatistics stats;
  private final Candidates candidates;
  private final Features features;
  private final ItemEmbeddings embeddings;
  private final OnnxRanker ranker;
  private final FeatureScaler scaler;
  private final AttributeAffinity attributes;
  private final TailModel tailModel;
  private final Set<String> disabledFeatureGroups;
  /** The tail model's dense pass, or null without a tail model. */
  private final TailScorer tail;
  /** The sequence model, or null without one. */
  private final SequenceOnnxRecommender sequence;
  /** The boosted trees that reorder each user's best candidates, or null without them. */
  private final Reranker reranker;
  /** One user's candidate range for the reranker, in {@link #score}. */
  private final int[] firstRow = {0};
  private final int[] rowCount = {0};
  /** One user's sequence scores, for {@link #score}; empty without a sequence model. */
  private final float[] sequenceRow;
  private float[] batch = new float[0];
  /** Position of each item in the list being explained, -1 elsewhere; reset after each call. */
  private final int[] slot;

  /**
   * @param sequences per user, item indices in time order, to take statistics and embeddings from
   *     (at serving time: every sequence the model knows)
   */
  public static TwoStageScorer build(List<int[]> sequences, int numItems, Map<Integer, int[]> itemAttributes,
      ItemEmbeddings embeddings, OnnxRanker ranker, FeatureScaler scaler, Set<String> disabledFeatureGroups) {
    return build(sequences, numItems, itemAttributes, embeddings, ranker, scaler, null, disabledFeatureGroups);
  }

  /**
   * As {@link #build(List, int, Map, ItemEmbeddings, OnnxRanker, FeatureScaler, Set)}, with the
   * model that orders the items outside the candidates in {@link #score}.
   *
   * @param tail the tail model, or null to order those items by embedding similarity
   */
  public static TwoStageScorer build(List<int[]> sequences, int numItems, Map<Integer, int[]> itemAttributes,
      ItemEmbeddings embeddings, OnnxRanker ranker, FeatureScaler scaler, TailModel tail,
      Set<String> disabledFeatureGroups) {
    return build(sequences, numItems, itemAttributes, embeddings, ranker, scaler, tail, null, disabledFeatureGroups);
  }

  /**
   * As {@link #build(List, int, Map, ItemEmbeddings, OnnxRanker, FeatureScaler, TailModel, Set)},
   * with the sequence model the ranker was trained with.
   *
   * @param sequence the sequence model, or null when the ranker was trained without one
   */
  public static TwoStageScorer build(List<int[]> sequences, int numItems, Map<Integer, int[]> itemAttributes,
      ItemEmbeddings embeddings, OnnxRanker ranker, FeatureScaler scaler, TailModel tail,
      SequenceOnnxRecommender sequence, Set<String> disabledFeatureGroups) {
    SequenceStatistics stats = SequenceStatistics.of(sequences, numItems);
    return new TwoStageScorer(stats, new Candidates(stats, embeddings), embeddings,
        new AttributeAffinity(itemAttributes, numItems), ranker, scaler, tail, sequence, null, disabledFeatureGroups);
  }

  /**
   * As {@link #build(List, int, Map, ItemEmbeddings, OnnxRanker, FeatureScaler, TailModel, Set)},
   * over derivatives already built from the sequences.
   */
  public static TwoStageScorer build(SequenceDerivatives derived, Map<Integer, int[]> itemAttributes, OnnxRanker ranker,
      FeatureScaler scaler, TailModel tail, Set<String> disabledFeatureGroups) {
    return build(derived, itemAttributes, ranker, scaler, tail, null, disabledFeatureGroups);
  }

  /**
   * As {@link #build(SequenceDerivatives, Map, OnnxRanker, FeatureScaler, TailModel, Set)}, with
   * the sequence model the ranker was trained with (null: none).
   */
  public static TwoStageScorer build(SequenceDerivatives derived, Map<Integer, int[]> itemAttributes, OnnxRanker ranker,
      FeatureScaler scaler, TailModel tail, SequenceOnnxRecommender sequence, Set<String> disabledFeatureGroups) {
    SequenceStatistics stats = derived.stats;
    return new TwoStageScorer(stats, new Candidates(stats, derived.embeddings, derived.lists), derived.embeddings,
        new AttributeAffinity(itemAttributes, stats.numItems), ranker, scaler, tail, sequence, null, disabledFeatureGroups);
  }

  /**
   * This scorer with {@code reranker} reordering each user's best candidates (a new scorer with
   * its own buffers, over the same statistics and models).
   *
   * @throws IllegalArgumentException if the reranker reads another number of features than the ranker
   */
  public TwoStageScorer withReranker(Reranker newReranker) {
    if (newReranker.featureCount() != features.width()) {
      throw new IllegalArgumentException("the reranker reads " + newReranker.featureCount()
          + " features but the ranker's rows have " + features.width());
    }
    return new TwoStageScorer(stats, candidates.sharing(), embeddings, attributes.sharing(), ranker, scaler,
        tailModel, sequence, newReranker, disabledFeatureGroups);
  }

  private TwoStageScorer(SequenceStatistics stats, Candidates candidates, ItemEmbeddings embeddings,
      AttributeAffinity attributes, OnnxRanker ranker, FeatureScaler scaler, TailModel tail,
      SequenceOnnxRecommender sequence, Reranker reranker, Set<String> disabledFeatureGroups) {
    this.stats = stats;
    this.reranker = reranker;
    this.slot = new int[stats.numItems + 1];
    Arrays.fill(slot, -1);
    this.candidates = candidates;
    this.attributes = attributes;
    this.features = new Features(stats, embeddings, attributes, disabledFeatureGroups, sequence != null);
    this.sequence = sequence;
    this.sequenceRow = new float[sequence == null ? 0 : stats.numItems + 1];
    this.embeddings = embeddings;
    this.ranker = ranker;
    this.scaler = scaler;
    this.tailModel = tail;
    this.disabledFeatureGroups = disabledFeatureGroups;
    this.tail = tail == null ? null
        : new TailScorer(new TailFeatures(stats, embeddings, attributes, disabledFeatureGroups, tail.readsSequence()),
            embeddings, tail);
    if (tail != null && tail.readsSequence() && sequence == null) {
      throw new IllegalArgumentException("the tail model reads a sequence model's scores, but there is no sequence model");
    }
  }

  /**
   * Another scorer for another thread: its own working buffers over the same statistics,
   * embeddings, models and per-item lists, so a pool of them scores batches in parallel.
   */
  public TwoStageScorer sharing() {
    return new TwoStageScorer(stats, candidates.sharing(), embeddings, attributes.sharing(), ranker, scaler,
        tailModel, sequence, reranker == null ? null : reranker.sharing(), disabledFeatureGroups);
  }

  /**
   * Dense scores of every item for a user whose items so far are {@code history}: each candidate
   * {@link #CANDIDATE_OFFSET} + its ranker probability (+ 1 + the trees' score for those the
   * {@link Reranker} reorders), every other item below all of them.
   */
  public void score(int[] history, float[] scores) {
    Arrays.fill(scores, 0f);
    if (sequence == null) {
      candidates.generate(history);
    } else {
      sequence.scores(history, sequenceRow);
      candidates.generate(history, sequenceRow, 0);
    }
    if (tail != null) {
      tail.score(candidates, scores);
    } else if (candidates.meanVector != null) {
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
    if (reranker != null) {
      rowCount[0] = n;
      reranker.rerank(batch, features.width(), probabilities, firstRow, rowCount, 1);
    }
    for (int i = 0; i < n; i++) {
      scores[candidates.item(i)] = CANDIDATE_OFFSET + probabilities[i];
    }
  }

  /** A user's top items: indices and ranker scores (1 + the trees' score for reranked ones), best first. */
  public record Ranked(int[] items, float[] scores) {}

  /**
   * The top {@code k} candidates of each history, ranked with ONE ONNX Runtime call for all of
   * them together (and the sequence model, when there is one, with one more): what the scoring
   * service does for the events that arrive together.
   */
  public List<Ranked> recommend(List<int[]> histories, int k) {
    int width = features.width();
    int[][] items = new int[histories.size()][];
    int total = 0;
    float[] rows = new float[0];
    float[] row = new float[width];
    int stride = stats.numItems + 1;
    int block = Candidates.sequenceBlock(stats.numItems);
    float[] sequenceScores = null;
    for (int u = 0; u < histories.size(); u++) {
      if (sequence != null && u % block == 0) {
        sequenceScores = sequence.scores(histories.subList(u, Math.min(histories.size(), u + block)));
      }
      candidates.generate(histories.get(u), sequenceScores, (u % block) * stride);
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
    if (reranker != null) {
      int[] offsets = new int[items.length];
      int[] counts = new int[items.length];
      for (int u = 0, offset = 0; u < items.length; offset += items[u].length, u++) {
        offsets[u] = offset;
        counts[u] = items[u].length;
      }
      reranker.rerank(rows, width, probabilities, offsets, counts, items.length);
    }
    List<Ranked> result = new java.util.ArrayList<>(histories.size());
    int offset = 0;
    for (int[] userItems : items) {
      result.add(topK(userItems, probabilities, offset, k));
      offset += userItems.length;
    }
    return result;
  }

  /** Why an item is recommended: which of the user's recent items leads to it, and how. */
  public record Explanation(Kind kind, int because) {
    public enum Kind {
      /** A strong transition or co-occurrence from {@code because}. */
      FOLLOWS,
      /** No such link, but {@code because} has the most similar embedding. */
      SIMILAR,
      /** Nothing in the history leads to it ({@code because} is 0). */
      POPULAR
    }

    static final Explanation POPULAR_NOW = new Explanation(Kind.POPULAR, 0);

    /**
     * The reason as shown to users, e.g. {@code often seen with i42}: the statistics count every
     * event type alike and co-occurrence both ways, so the text claims nearness in sequences,
     * neither an order nor a purchase.
     */
    public String text(IntFunction<String> idOf) {
      return switch (kind) {
        case FOLLOWS -> "often seen with " + idOf.apply(because);
        case SIMILAR -> "similar to " + idOf.apply(because);
        case POPULAR -> "popular now";
      };
    }
  }

  /**
   * One explanation per item of a final list for a user whose items so far are {@code history}
   * (oldest first). The link of recent item r (age a, among the last {@link Candidates#RECENT},
   * the items the co-occurrence and transition generators read) to item c is
   * {@code 0.5^a · T[r][c] / (n_r + 1) + 0.6^a · C[r][c]}: the share of r's occurrences followed
   * by c plus r's cosine co-occurrence with c, decayed by age like the generators weight them, so
   * the named item is the one that pulled c in. Without any link, the most similar recent item
   * in the embedding space (cosine above 0, among the last {@link Candidates#MEAN_RECENT}, the
   * items of the mean vector) is named; else the item is popular.
   *
   * <p>Cost: each recent item's two sparse rows are scanned once (what candidate generation
   * already does) against a dense slot table of the final items, plus k × recent cosines; it
   * grows with the final list, not with the candidates, and leaves scoring untouched.
   */
  public Explanation[] explain(int[] history, int[] items) {
    int k = items.length;
    Explanation[] reasons = new Explanation[k];
    float[] strongest = new float[k];
    for (int i = 0; i < k; i++) {
      slot[items[i]] = i;
    }
    try {
      float transitionWeight = 1f;
      float coocWeight = 1f;
      for (int age = 0; age < Candidates.RECENT && age < history.length; age++) {
        int r = history[history.length - 1 - age];
        float perOccurrence = transitionWeight / (stats.popularity[r] + 1f);
        linkStrengths(r, perOccurrence, coocWeight, strongest, reasons);
        transitionWeight *= 0.5f;
        coocWeight *= 0.6f;
      }
    } finally {
      for (int item : items) {
        slot[item] = -1;
      }
    }
    for (int i = 0; i < k; i++) {
      if (reasons[i] == null) {
        reasons[i] = mostSimilar(history, items[i]);
      }
    }
    return reasons;
  }

  /** Scores the links of recent item {@code r} to the listed items; a tie keeps the newer item. */
  private void linkStrengths(int r, float transitionFactor, float coocFactor, float[] strongest, Explanation[] reasons) {
    float[] link = new float[strongest.length];
    boolean[] linked = new boolean[strongest.length];
    addRow(stats.transitions.rowColumns(r), stats.transitions.rowWeights(r), transitionFactor, link, linked);
    addRow(stats.cooccurrence.rowColumns(r), stats.cooccurrence.rowWeights(r), coocFactor, link, linked);
    for (int i = 0; i < link.length; i++) {
      if (linked[i] && link[i] > strongest[i]) {
        strongest[i] = link[i];
        reasons[i] = new Explanation(Explanation.Kind.FOLLOWS, r);
      }
    }
  }

  private void addRow(int[] columns, float[] weights, float factor, float[] link, boolean[] linked) {
    for (int j = 0; j < columns.length; j++) {
      int i = slot[columns[j]];
      if (i >= 0) {
        link[i] += factor * weights[j];
        linked[i] = true;
      }
    }
  }

  private Explanation mostSimilar(int[] history, int item) {
    int because = 0;
    float best = 0f;
    for (int age = 0; age < Candidates.MEAN_RECENT && age < history.length; age++) {
      int r = history[history.length - 1 - age];
      float cosine = embeddings.cosine(r, item);
      if (cosine > best) {
        best = cosine;
        because = r;
      }
    }
    return because == 0 ? Explanation.POPULAR_NOW : new Explanation(Explanation.Kind.SIMILAR, because);
  }

  /**
   * The k best of one user's candidates by probability, best first; equal probabilities keep
   * candidate order. Insertion into a k-long list: k is small and most candidates fall out at the
   * first comparison.
   */
  private static Ranked topK(int[] userItems, float[] probabilities, int offset, int k) {
    int n = Math.min(k, userItems.length);
    int[] best = new int[n];
    int size = 0;
    for (int i = 0; i < userItems.length && n > 0; i++) {
      float p = probabilities[offset + i];
      if (size == n && !(p > probabilities[offset + best[n - 1]])) {
        continue;
      }
      int j = size < n ? size++ : n - 1;
      for (; j > 0 && p > probabilities[offset + best[j - 1]]; j--) {
        best[j] = best[j - 1];
      }
      best[j] = i;
    }
    int[] top = new int[n];
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      top[i] = userItems[best[i]];
      scores[i] = probabilities[offset + best[i]];
    }
    return new Ranked(top, scores);
  }


  private float[] rankCandidates(int n) {
    int width = features.width();
    features.prepare(candidates);
    float[] row = new float[width];
    if (batch.length < n * width) {
      batch = new float[n * width];
    }
    for (int i = 0; i < n; i++) {
      features.write(candidates, candidates.item(i), row, 0);
      scaler.apply(row);
      System.arraycopy(row, 0, batch, i * width, width);
    }
    return ranker.score(batch, n, width);
  }
}
