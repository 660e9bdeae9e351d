package dev.recstream.trainer.continuous;

import dev.recstream.model.eval.EvaluationResult;
import java.util.Locale;

/**
 * What a {@link ChallengerTrial} found. Either a comparison — both results present, {@code
 * skipReason} null — or a skipped trial: both results null, {@code challengerWins} false and
 * {@code skipReason} saying why (too few users, or too little data for the two-stage model), so
 * that the scheduler can log it and keep the live model without treating it as a failure.
 *
 * @param challenger the challenger's validation-view evaluation; null when skipped
 * @param live the live model's evaluation on the same view; null when skipped
 * @param challengerWins whether the challenger's full-ranking NDCG@10 beats the live model's by
 *     the required margin; always false when skipped
 * @param trainSeconds wall time of fitting the challenger (of the failed attempt when it threw; 0
 *     when the trial was skipped before fitting)
 * @param skipReason why the trial was skipped; null when the models were compared
 */
public record TrialOutcome(
    EvaluationResult challenger, EvaluationResult live, boolean challengerWins, double trainSeconds, String skipReason) {

  /** Checks that the record is either a comparison or a skip, never a mix. */
  public TrialOutcome {
    if (skipReason == null && (challenger == null || live == null)) {
      throw new IllegalArgumentException("challenger, live: required unless the trial is skipped (skipReason set)");
    }
    if (skipReason != null && (challenger != null || live != null || challengerWins)) {
      throw new IllegalArgumentException("skipReason: a skipped trial has no results and no winner");
    }
  }

  /** A trial whose models were both evaluated. */
  public static TrialOutcome compared(EvaluationResult challenger, EvaluationResult live, boolean challengerWins) {
    return new TrialOutcome(challenger, live, challengerWins, challenger.trainSeconds(), null);
  }

  /** A trial that did not compare the models, and why. */
  public static TrialOutcome skipped(String reason, double trainSeconds) {
    return new TrialOutcome(null, null, false, trainSeconds, reason);
  }

  public boolean isSkipped() {
    return skipReason != null;
  }

  /** The challenger's full-ranking NDCG@10; NaN when skipped. */
  public double challengerNdcg() {
    return isSkipped() ? Double.NaN : ndcg(challenger);
  }

  /** The live model's full-ranking NDCG@10; NaN when skipped. */
  public double liveNdcg() {
    return isSkipped() ? Double.NaN : ndcg(live);
  }

  /**
   * One line for the logs, e.g. {@code challenger wins: NDCG@10 challenger=0.4120 live=0.2010
   * ratio=2.050 users=300 trainSeconds=1.4}, or {@code skipped: <reason>}.
   */
  public String summary() {
    if (isSkipped()) {
      return "skipped: " + skipReason;
    }
    double ratio = liveNdcg() == 0 ? (challengerNdcg() == 0 ? 1.0 : Double.POSITIVE_INFINITY) : challengerNdcg() / liveNdcg();
    return String.format(Locale.ROOT, "%s: %s challenger=%.4f live=%.4f ratio=%.3f users=%d trainSeconds=%.1f",
        challengerWins ? "challenger wins" : "live model stays", TrialOptions.METRIC, challengerNdcg(), liveNdcg(), ratio,
        challenger.users(), trainSeconds);
  }

  private static double ndcg(EvaluationResult result) {
    Double value = result.full().get(TrialOptions.METRIC);
    return value == null ? Double.NaN : value;
  }
}
