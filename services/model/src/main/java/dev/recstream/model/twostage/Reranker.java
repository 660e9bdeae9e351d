package dev.recstream.model.twostage;

import dev.recstream.model.rank.OnnxRanker;

/**
 * The second look at a user's best candidates: boosted trees (the package's {@code
 * reranker.onnx}, run by ONNX Runtime) reorder the {@link #top()} candidates that the linear
 * ranker scored highest, over the same z-scored rows. The trees order candidates better than the
 * linear ranker (Amazon Beauty's validation split: full NDCG@10 .0738 → .0782), but cost about
 * 1.6 µs a row in ONNX Runtime (60 trees, rows that differ from call to call) against the linear
 * ranker's 0.15. The linear ranker's best 30 hold nearly all of that gain — reordering its best
 * 50 gave .0785, and reordering every candidate no more than its best 50 (bench/RESULTS.md) — at
 * a seventh of the cost of reordering all ~200.
 *
 * <p>A reranked candidate's score is {@code 1 + its trees' score} (in (1, 2)), so it stays above
 * the candidates the trees did not see (linear probabilities in (0, 1)).
 *
 * <p>Holds working buffers: one instance per thread ({@link #sharing()}).
 */
public final class Reranker {
  /** How many of the linear ranker's best candidates the trees reorder, by default. */
  public static final int DEFAULT_TOP = 30;

  private final OnnxRanker trees;
  private final int top;
  private float[] rows = new float[0];
  private int[] picked = new int[0];

  /**
   * @param trees the boosted trees' ONNX model (one score column)
   * @param top how many of each user's best candidates they reorder, &gt; 0
   */
  public Reranker(OnnxRanker trees, int top) {
    if (top <= 0) {
      throw new IllegalArgumentException("the reranker's top must be > 0, not " + top);
    }
    this.trees = trees;
    this.top = top;
  }

  /** Another reranker over the same model, with its own buffers, for another thread. */
  public Reranker sharing() {
    return new Reranker(trees, top);
  }

  public int top() {
    return top;
  }

  /** The number of features a row has. */
  public int featureCount() {
    return trees.featureCount();
  }

  /**
   * Reorders each user's best candidates, with one ONNX Runtime call for all users: user {@code
   * u}'s candidates are rows {@code offsets[u] … offsets[u] + counts[u] − 1} of {@code rowsFlat}
   * and of {@code scores}; the {@link #top()} of them with the highest linear score get {@code 1 +}
   * the trees' score in place.
   *
   * @param rowsFlat z-scored rows, {@code width} values each
   * @param scores the linear ranker's score of each row, in (0, 1); updated in place
   */
  public void rerank(float[] rowsFlat, int width, float[] scores, int[] offsets, int[] counts, int users) {
    int total = 0;
    for (int u = 0; u < users; u++) {
      total += Math.min(top, counts[u]);
    }
    if (total == 0) {
      return;
    }
    if (picked.length < total) {
      picked = new int[total];
      rows = new float[total * width];
    }
    int taken = 0;
    for (int u = 0; u < users; u++) {
      taken = best(scores, offsets[u], counts[u], taken);
    }
    for (int i = 0; i < total; i++) {
      System.arraycopy(rowsFlat, picked[i] * width, rows, i * width, width);
    }
    float[] treeScores = trees.score(rows, total, width);
    for (int i = 0; i < total; i++) {
      scores[picked[i]] = 1f + treeScores[i];
    }
  }

  /**
   * Appends to {@link #picked}, from position {@code at}, the rows of the {@code min(top, count)}
   * highest scores in {@code scores[offset … offset + count)}; returns the new end. Insertion into
   * a short sorted list: most rows fall out at the first comparison.
   */
  private int best(float[] scores, int offset, int count, int at) {
    int n = Math.min(top, count);
    int size = 0;
    for (int r = offset; r < offset + count; r++) {
      float s = scores[r];
      if (size == n && !(s > scores[picked[at + n - 1]])) {
        continue;
      }
      int j = size < n ? size++ : n - 1;
      for (; j > 0 && s > scores[picked[at + j - 1]]; j--) {
        picked[at + j] = picked[at + j - 1];
      }
      picked[at + j] = r;
    }
    return at + n;
  }
}
