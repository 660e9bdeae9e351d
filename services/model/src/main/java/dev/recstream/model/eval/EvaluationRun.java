package dev.recstream.model.eval;

import dev.recstream.model.NextItemModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores every held-out user of a fitted model once and accumulates both protocols from that
 * score vector, on up to {@link EvaluationOptions#threads()} threads when the model offers
 * {@linkplain NextItemModel#scorerForAnotherThread() scorers for other threads}.
 *
 * <p>Each user draws from their own {@code root.split()} stream, split in user order before any
 * scoring, so one user's draws do not shift another's, full-ranking results are the same whether
 * or not the sampled protocol runs, and the results are the same on any number of threads: each
 * thread records its users' ranks by position, and the sums are taken in user order at the end.
 * The calling thread scores too, and reports progress between its blocks of users.
 */
final class EvaluationRun {
  /** Users a thread claims at a time: small enough to balance, large enough to rarely contend. */
  private static final int BLOCK = 32;

  private final int numItems;
  private final NextItemModel model;
  private final EvaluationOptions options;
  private final MetricTotals full;
  private final MetricTotals sampled;
  private final SplittableRandom root;
  private long scoreNanos;

  EvaluationRun(int numItems, NextItemModel model, EvaluationOptions options) {
    this.numItems = numItems;
    this.model = model;
    this.options = options;
    this.full = new MetricTotals(options.ks(), numItems);
    this.sampled = new MetricTotals(options.ks(), 0);
    this.root = new SplittableRandom(options.seed());
  }

  void run(List<HeldOutItem> users) {
    Shared shared = new Shared(users, root);
    List<Worker> workers = new ArrayList<>();
    workers.add(new Worker(model::score, shared));
    int threads = Math.min(options.threads(), (users.size() + BLOCK - 1) / BLOCK);
    for (int t = 1; t < threads; t++) {
      Optional<NextItemModel.Scorer> scorer = model.scorerForAnotherThread();
      if (scorer.isEmpty()) {
        break;
      }
      workers.add(new Worker(scorer.get(), shared));
    }
    List<Thread> helpers = new ArrayList<>();
    for (int t = 1; t < workers.size(); t++) {
      Worker worker = workers.get(t);
      Thread thread = new Thread(worker::drain, "recstream-eval-" + t);
      thread.setDaemon(true);
      thread.start();
      helpers.add(thread);
    }
    workers.get(0).drainReporting(options.progress());
    joinAll(helpers);
    shared.rethrowFailure();
    options.progress().onProgress(users.size(), users.size());
    for (int u = 0; u < users.size(); u++) {
      full.addRank(shared.fullRanks[u]);
      if (options.runSampled()) {
        sampled.addRank(shared.sampledRanks[u]);
      }
    }
    for (Worker worker : workers) {
      full.addCoverage(worker.topItems);
      scoreNanos += worker.scoreNanos;
    }
  }

  Map<String, Double> fullMeans() {
    return full.means();
  }

  Map<String, Double> sampledMeans() {
    return options.runSampled() ? sampled.means() : Map.of();
  }

  /** Scoring time per user summed over the threads: what one user costs, not the wall time. */
  double scoreMicrosPerUser(int users) {
    return scoreNanos / 1_000.0 / users;
  }

  private static void joinAll(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The users, their random streams, the ranks by position, and the next block to claim. */
  private static final class Shared {
    final List<HeldOutItem> users;
    final SplittableRandom[] rngs;
    final int[] fullRanks;
    final int[] sampledRanks;
    final AtomicInteger nextBlock = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    volatile Throwable failure;

    Shared(List<HeldOutItem> users, SplittableRandom root) {
      this.users = users;
      this.rngs = new SplittableRandom[users.size()];
      for (int u = 0; u < rngs.length; u++) {
        rngs[u] = root.split();
      }
      this.fullRanks = new int[users.size()];
      this.sampledRanks = new int[users.size()];
    }

    /** The first user of the next unclaimed block, or -1 when all are claimed or a thread failed. */
    int claim() {
      if (failure != null) {
        return -1;
      }
      int first = nextBlock.getAndIncrement() * BLOCK;
      return first < users.size() ? first : -1;
    }

    synchronized void fail(Throwable t) {
      if (failure == null) {
        failure = t;
      }
    }

    /** A model's exception or error on any thread surfaces unchanged in the caller. */
    void rethrowFailure() {
      Throwable t = failure;
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    }
  }

  /** One thread's scorer, buffers and coverage sets. */
  private final class Worker {
    private final NextItemModel.Scorer scorer;
    private final Shared shared;
    private final float[] scores;
    private final UserRanker ranker;
    private final MetricTotals topItems;
    private long scoreNanos;

    Worker(NextItemModel.Scorer scorer, Shared shared) {
      this.scorer = scorer;
      this.shared = shared;
      this.scores = new float[numItems + 1];
      this.ranker = new UserRanker(numItems, options.maxK());
      this.topItems = new MetricTotals(options.ks(), numItems);
    }

    void drain() {
      drainReporting(null);
    }

    /** Scores blocks until none is left; tells {@code progress} (when not null) after each. */
    void drainReporting(ProgressListener progress) {
      int total = shared.users.size();
      int every = Math.max(1, total / 100);
      int reported = 0;
      try {
        for (int first = shared.claim(); first >= 0; first = shared.claim()) {
          int end = Math.min(first + BLOCK, total);
          for (int u = first; u < end; u++) {
            evaluate(u);
          }
          int done = shared.done.addAndGet(end - first);
          if (progress != null && done - reported >= every && done < total) {
            progress.onProgress(done, total);
            reported = done;
          }
        }
      } catch (Throwable t) {
        shared.fail(t);
      }
    }

    private void evaluate(int u) {
      HeldOutItem user = shared.users.get(u);
      SplittableRandom rng = shared.rngs[u];
      score(user.history());
      ranker.begin(user.history(), user.target());
      shared.fullRanks[u] = ranker.fullRank(scores, rng);
      topItems.addTopItems(ranker.topItems());
      if (options.runSampled()) {
        int[] negatives = ranker.sampleNegatives(options.sampledNegatives(), rng);
        shared.sampledRanks[u] = ranker.sampledRank(scores, negatives, rng);
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
      scorer.score(input, scores);
      scoreNanos += System.nanoTime() - start;
    }
  }
}
