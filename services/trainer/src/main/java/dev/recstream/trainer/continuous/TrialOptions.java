package dev.recstream.trainer.continuous;

import dev.recstream.model.eval.EvaluationOptions;
import java.util.Objects;

/**
 * How a {@link ChallengerTrial} decides.
 *
 * @param minUsers the fewest evaluated users (users with at least {@link
 *     dev.recstream.model.eval.LeaveOneOut#MIN_ITEMS} items) a trial needs; below it the trial is
 *     skipped, because NDCG@10 over a handful of users is noise and a swap on noise churns the
 *     live model (default 50)
 * @param minRelativeGain how much better the challenger's NDCG@10 must be, relative to the live
 *     model's: it wins when {@code challenger > live × (1 + minRelativeGain)}, strictly, so a tie
 *     keeps the live model (default 0)
 * @param evaluation how both models are evaluated; must include K = 10 (default {@link
 *     EvaluationOptions#defaults()}: K 10 and 20, full ranking and the cheap sampled protocol,
 *     which reuses the same score vectors)
 */
public record TrialOptions(int minUsers, double minRelativeGain, EvaluationOptions evaluation) {
  /** The metric the trial compares, under full ranking. */
  public static final String METRIC = "NDCG@10";

  /** Checks every field, naming the first one out of range. */
  public TrialOptions {
    if (minUsers < 1) {
      throw new IllegalArgumentException("minUsers: must be at least 1, was " + minUsers);
    }
    if (!(minRelativeGain >= 0) || Double.isInfinite(minRelativeGain)) {
      throw new IllegalArgumentException("minRelativeGain: must be a finite number ≥ 0, was " + minRelativeGain);
    }
    Objects.requireNonNull(evaluation, "evaluation");
    if (!evaluation.ks().contains(10)) {
      throw new IllegalArgumentException("evaluation.ks: must include 10, the cutoff of " + METRIC + ", was " + evaluation.ks());
    }
  }

  /**
   * 50 users, no required gain, the default evaluation over at most 10,000 users (a seeded
   * sample) on one thread: a trial runs beside serving, on training's one worker thread.
   */
  public static TrialOptions defaults() {
    return new TrialOptions(50, 0.0, EvaluationOptions.defaults().withMaxUsers(10_000).withThreads(1));
  }

  /** These options with another minimum number of evaluated users. */
  public TrialOptions withMinUsers(int users) {
    return new TrialOptions(users, minRelativeGain, evaluation);
  }

  /** These options with another required relative gain. */
  public TrialOptions withMinRelativeGain(double gain) {
    return new TrialOptions(minUsers, gain, evaluation);
  }

  /** These options with other evaluation options. */
  public TrialOptions withEvaluation(EvaluationOptions options) {
    return new TrialOptions(minUsers, minRelativeGain, options);
  }
}
