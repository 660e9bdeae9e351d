package dev.recstream.model.eval;

import java.util.Arrays;
import java.util.List;

/**
 * How an {@link Evaluator} runs. Start from {@link #defaults()} and change what differs.
 *
 * @param ks the cutoffs K, sorted ascending and without repeats (default 10 and 20)
 * @param sampledNegatives negatives per user in the sampled protocol (default 100, as in SASRec)
 * @param seed seeds the negative sampling and the tie-breaking (default 42)
 * @param runSampled whether to report the sampled protocol beside full ranking (default true)
 * @param progress told how many users are done; never null ({@link ProgressListener#NONE})
 * @param maxUsers evaluate at most this many users, a sample drawn with {@code seed} (default:
 *     every user); every user's training items are still fitted on
 * @param threads score users on at most this many threads, when the model can (default: one per
 *     available processor); the results do not depend on it
 */
public record EvaluationOptions(
    List<Integer> ks, int sampledNegatives, long seed, boolean runSampled, ProgressListener progress, int maxUsers,
    int threads) {

  /** Checks every field; sorts and de-duplicates {@code ks}; a null listener means none. */
  public EvaluationOptions {
    if (ks == null || ks.isEmpty()) {
      throw new IllegalArgumentException("ks: must name at least one cutoff K");
    }
    for (Integer k : ks) {
      if (k == null || k < 1) {
        throw new IllegalArgumentException("ks: every K must be at least 1, was " + k);
      }
    }
    ks = ks.stream().distinct().sorted().toList();
    if (sampledNegatives < 1) {
      throw new IllegalArgumentException("sampledNegatives: must be at least 1, was " + sampledNegatives);
    }
    progress = progress == null ? ProgressListener.NONE : progress;
    if (maxUsers < 1) {
      throw new IllegalArgumentException("maxUsers: must be at least 1, was " + maxUsers);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads: must be at least 1, was " + threads);
    }
  }

  /**
   * K = 10 and 20, 100 sampled negatives, seed 42, both protocols, no progress listener, every
   * user, one thread per available processor.
   */
  public static EvaluationOptions defaults() {
    return new EvaluationOptions(List.of(10, 20), 100, 42L, true, ProgressListener.NONE, Integer.MAX_VALUE,
        Runtime.getRuntime().availableProcessors());
  }

  /** These options with other cutoffs. */
  public EvaluationOptions withKs(int... newKs) {
    List<Integer> list = Arrays.stream(newKs).boxed().toList();
    return new EvaluationOptions(list, sampledNegatives, seed, runSampled, progress, maxUsers, threads);
  }

  /** These options with another number of sampled negatives. */
  public EvaluationOptions withSampledNegatives(int count) {
    return new EvaluationOptions(ks, count, seed, runSampled, progress, maxUsers, threads);
  }

  /** These options with another seed. */
  public EvaluationOptions withSeed(long newSeed) {
    return new EvaluationOptions(ks, sampledNegatives, newSeed, runSampled, progress, maxUsers, threads);
  }

  /** These options with the sampled protocol switched on or off. */
  public EvaluationOptions withSampled(boolean run) {
    return new EvaluationOptions(ks, sampledNegatives, seed, run, progress, maxUsers, threads);
  }

  /** These options with a progress listener. */
  public EvaluationOptions withProgress(ProgressListener listener) {
    return new EvaluationOptions(ks, sampledNegatives, seed, runSampled, listener, maxUsers, threads);
  }

  /** These options evaluating at most {@code users} users (a seeded sample when there are more). */
  public EvaluationOptions withMaxUsers(int users) {
    return new EvaluationOptions(ks, sampledNegatives, seed, runSampled, progress, users, threads);
  }

  /** These options scoring on at most {@code count} threads. */
  public EvaluationOptions withThreads(int count) {
    return new EvaluationOptions(ks, sampledNegatives, seed, runSampled, progress, maxUsers, count);
  }

  /** The largest cutoff: how many top items per user are kept for coverage. */
  public int maxK() {
    return ks.get(ks.size() - 1);
  }
}
