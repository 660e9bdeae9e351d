package dev.recstream.model.eval;

import dev.recstream.model.NextItemModel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scores every held-out user of a fitted model once, in one thread, and accumulates both
 * protocols from that score vector.
 *
 * <p>Each user draws from their own {@code root.split()} stream, so one user's draws do not shift
 * another's, and full-ranking results are the same whether or not the sampled protocol runs.
 */
final class EvaluationRun {
  private final NextItemModel model;
  private final EvaluationOptions options;
  private final float[] scores;
  private final UserRanker ranker;
  private final MetricTotals full;
  private final MetricTotals sampled;
  private final SplittableRandom root;
  private long scoreNanos;

  EvaluationRun(int numItems, NextItemModel model, EvaluationOptions options) {
    this.model = model;
    this.options = options;
    this.scores = new float[numItems + 1];
    this.ranker = new UserRanker(numItems, options.maxK());
    this.full = new MetricTotals(options.ks(), numItems);
    this.sampled = new MetricTotals(options.ks(), 0);
    this.root = new SplittableRandom(options.seed());
  }

  void run(List<HeldOutItem> users) {
    int total = users.size();
    int every = Math.max(1, total / 100);
    for (int done = 1; done <= total; done++) {
      evaluate(users.get(done - 1), root.split());
      if (done % every == 0 || done == total) {
        options.progress().onProgress(done, total);
      }
    }
  }

  Map<String, Double> fullMeans() {
    return full.means();
  }

  Map<String, Double> sampledMeans() {
    return options.runSampled() ? sampled.means() : Map.of();
  }

  double scoreMicrosPerUser(int users) {
    return scoreNanos / 1_000.0 / users;
  }

  private void evaluate(HeldOutItem user, SplittableRandom rng) {
    score(user.history());
    ranker.begin(user.history(), user.target());
    full.addRank(ranker.fullRank(scores, rng));
    full.addTopItems(ranker.topItems());
    if (options.runSampled()) {
      int[] negatives = ranker.sampleNegatives(options.sampledNegatives(), rng);
      sampled.addRank(ranker.sampledRank(scores, negatives, rng));
    }
  }

  /**
   * Clears the reused buffer first, so a model that leaves an entry unwritten cannot leak the
   * previous user's score into this one; the model gets a copy of the history.
   */
  private void score(int[] history) {
    Arrays.fill(scores, 0f);
    int[] input = history.clone();
    long start = System.nanoTime();
    model.score(input, scores);
    scoreNanos += System.nanoTime() - start;
  }
}
