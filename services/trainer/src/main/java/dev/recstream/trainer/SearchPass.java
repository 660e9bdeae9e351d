package dev.recstream.trainer;

import dev.recstream.model.NextItemModel;
import dev.recstream.model.eval.HeldOutItem;
import dev.recstream.model.eval.ProgressListener;
import dev.recstream.model.search.SearchBlend.Weights;
import dev.recstream.trainer.SearchQueries.CandidateSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pass over the evaluated users: each user's query is matched, scored by the model (when
 * there is one) and ranked under several weightings, in both candidate sets. Ranking thousands of
 * candidates per user dominates, so users are spread over threads in blocks; every result is
 * stored by user position, so the outcome does not depend on the number of threads. A pass runs
 * once: its block counter is not reset.
 */
final class SearchPass {
  /** Users a thread claims at a time. */
  private static final int BLOCK = 32;
  private static final CandidateSet[] SETS = CandidateSet.values();

  /**
   * What a pass found, by user position.
   *
   * @param ranks [weighting][candidate set][user]: the target's 0-based rank
   * @param candidates [candidate set][user]: how many candidates the user had
   * @param textTies [candidate set][user]: how many candidates have at least the target's text
   *     score, the target among them: the block the text ranking orders at random
   */
  record Result(int[][][] ranks, int[][] candidates, int[][] textTies) {}

  private final List<HeldOutItem> users;
  private final long[] tieSeeds;
  private final SearchQueries queries;
  private final double[] popularity;
  private final List<Weights> weightings;
  private final int threads;
  private final AtomicInteger nextBlock = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicBoolean stopped = new AtomicBoolean();

  SearchPass(List<HeldOutItem> users, long[] tieSeeds, SearchQueries queries, double[] popularity, List<Weights> weightings,
      int threads) {
    this.users = users;
    this.tieSeeds = tieSeeds;
    this.queries = queries;
    this.popularity = popularity;
    this.weightings = weightings;
    this.threads = Math.max(1, Math.min(threads, (users.size() + BLOCK - 1) / BLOCK));
  }

  /**
   * Runs the pass.
   *
   * @param model a fitted model whose scores are the personal signal, or null for none
   * @param numItems items are 1..numItems
   */
  Result run(NextItemModel model, int numItems, ProgressListener progress) {
    Result result = new Result(new int[weightings.size()][SETS.length][users.size()], new int[SETS.length][users.size()],
        new int[SETS.length][users.size()]);
    List<Worker> workers = new ArrayList<>();
    for (NextItemModel.Scorer scorer : scorers(model)) {
      workers.add(new Worker(scorer, numItems, result));
    }
    List<Thread> helpers = new ArrayList<>();
    for (int t = 1; t < workers.size(); t++) {
      Thread thread = new Thread(workers.get(t)::drainQuietly, "recstream-search-eval-" + t);
      thread.setDaemon(true);
      thread.start();
      helpers.add(thread);
    }
    Throwable failure = null;
    try {
      workers.get(0).drain(progress);
    } catch (RuntimeException | Error e) {
      failure = e;
      stopped.set(true); // the helpers stop after their current block
    }
    join(helpers);
    for (Worker worker : workers) {
      failure = failure != null ? failure : worker.failure;
    }
    rethrow(failure);
    progress.onProgress(users.size(), users.size());
    return result;
  }

  /**
   * One scorer per thread: the model's own plus one per extra thread when it offers them, else
   * the model's alone behind a lock, so the ranking still runs on every thread. Null scorers
   * without a model.
   */
  private List<NextItemModel.Scorer> scorers(NextItemModel model) {
    List<NextItemModel.Scorer> scorers = new ArrayList<>();
    if (model == null) {
      for (int t = 0; t < threads; t++) {
        scorers.add(null);
      }
      return scorers;
    }
    scorers.add(model::score);
    for (int t = 1; t < threads; t++) {
      Optional<NextItemModel.Scorer> another = model.scorerForAnotherThread();
      if (another.isEmpty()) {
        Object lock = new Object();
        NextItemModel.Scorer locked = (history, scores) -> {
          synchronized (lock) {
            model.score(history, scores);
          }
        };
        scorers.replaceAll(s -> locked);
        while (scorers.size() < threads) {
          scorers.add(locked);
        }
        return scorers;
      }
      scorers.add(another.get());
    }
    return scorers;
  }

  private static void join(List<Thread> threads) {
    boolean interrupted = false;
    for (Thread thread : threads) {
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void rethrow(Throwable failure) {
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }

  /** One thread's scorer and buffers. */
  private final class Worker {
    private final NextItemModel.Scorer scorer;
    private final float[] scores;
    private final SearchQueries.Matcher matcher = queries.matcher();
    private final SearchRanker ranker = new SearchRanker(popularity);
    private final Result result;
    private volatile Throwable failure;

    Worker(NextItemModel.Scorer scorer, int numItems, Result result) {
      this.scorer = scorer;
      this.scores = scorer == null ? null : new float[numItems + 1];
      this.result = result;
    }

    /** On a helper thread: a failure is kept for the calling thread to rethrow, and the others stop. */
    void drainQuietly() {
      try {
        drain(null);
      } catch (RuntimeException | Error e) {
        failure = e;
        stopped.set(true);
      }
    }

    /** Ranks blocks of users until none is left; tells {@code progress} (when not null) about a hundred times. */
    void drain(ProgressListener progress) {
      int total = users.size();
      int every = Math.max(1, total / 100);
      int reported = 0;
      for (int first = claim(); first >= 0; first = claim()) {
        int end = Math.min(first + BLOCK, total);
        for (int u = first; u < end; u++) {
          rank(u);
        }
        int now = done.addAndGet(end - first);
        if (progress != null && now - reported >= every && now < total) {
          progress.onProgress(now, total);
          reported = now;
        }
      }
    }

    /** The first user of the next unclaimed block, or -1 when all are claimed or a thread failed. */
    private int claim() {
      if (stopped.get()) {
        return -1;
      }
      int first = nextBlock.getAndIncrement() * BLOCK;
      return first < users.size() ? first : -1;
    }

    private void rank(int u) {
      HeldOutItem user = users.get(u);
      SearchQueries.Match match = matcher.match(user.history(), user.target());
      float[] personal = score(user.history());
      for (CandidateSet set : SETS) {
        SearchQueries.Candidates candidates = match.of(set);
        int[] ranks = ranker.ranks(candidates, user.target(), match.query(), personal, weightings, tieSeeds[u]);
        for (int w = 0; w < ranks.length; w++) {
          result.ranks()[w][set.ordinal()][u] = ranks[w];
        }
        result.candidates()[set.ordinal()][u] = candidates.size();
        result.textTies()[set.ordinal()][u] = textTies(candidates, user.target());
      }
    }

    /** The model's scores of every item, the buffer cleared first; null without a model. */
    private float[] score(int[] history) {
      if (scorer == null) {
        return null;
      }
      Arrays.fill(scores, 0f);
      scorer.score(history.clone(), scores);
      return scores;
    }

    private int textTies(SearchQueries.Candidates candidates, int target) {
      double targetText = 0;
      for (int i = 0; i < candidates.size(); i++) {
        if (candidates.items()[i] == target) {
          targetText = candidates.text()[i];
        }
      }
      int atLeast = 0;
      for (double text : candidates.text()) {
        atLeast += text >= targetText ? 1 : 0;
      }
      return atLeast;
    }
  }
}
