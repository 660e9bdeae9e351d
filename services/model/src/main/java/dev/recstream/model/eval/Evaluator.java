package dev.recstream.model.eval;

import dev.recstream.model.NextItemModel;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSample;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs CONTRACT §7's offline evaluation of one {@link NextItemModel}: fit on the leave-one-out
 * training data, then score each evaluated user once and report both protocols from that one
 * score vector.
 *
 * <ul>
 *   <li><b>Full ranking</b>: the candidates are every item 1..numItems except those in the user's
 *       history (the sequence without its test item); the target is always a candidate.
 *   <li><b>Sampled</b> (SASRec's protocol): the target against {@code sampledNegatives} items drawn
 *       uniformly without replacement from those the user never interacted with. The exclusion set
 *       is the whole history — training <em>and</em> validation items — as in the SASRec code,
 *       so no item the user touched is ever a negative, and neither is the target. When fewer
 *       items qualify, all of them are used.
 * </ul>
 *
 * <p>In both, the rank is the number of candidates scoring strictly higher than the target plus
 * a uniform draw, from a seeded {@link java.util.SplittableRandom}, among the candidates scoring
 * the same: a model that gives many items one score (e.g. 0 for all it knows nothing about) must
 * get neither the optimistic rank (first of the tied block) nor the pessimistic one (last), and
 * the draw makes every metric's expectation the average over all orders of the tied items. NaN
 * scores count as -infinity. The top-K lists for coverage break ties by the lower item index.
 *
 * <p>Users are scored on up to {@link EvaluationOptions#threads()} threads when the model offers
 * {@linkplain NextItemModel#scorerForAnotherThread() scorers for other threads}, else in the
 * calling thread alone; the results are the same either way. With a dense O(numItems) scorer,
 * 22,000 users × 12,000 items take about a second.
 * Models receive copies of the split's arrays, and the score buffer is cleared before each call.
 */
public final class Evaluator {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  /** Splits {@code data} leave-one-out and evaluates {@code model} on the test items. */
  public EvaluationResult evaluate(SequenceDataset data, NextItemModel model, EvaluationOptions options) {
    return evaluate(LeaveOneOut.of(data), model, options);
  }

  /**
   * Evaluates {@code model} on a given view of a split — the test view, or {@link
   * LeaveOneOut#validationView()} for model selection. Fits the model first.
   *
   * @throws IllegalArgumentException when no user has enough items to be evaluated
   */
  public EvaluationResult evaluate(LeaveOneOut split, NextItemModel model, EvaluationOptions options) {
    split.requireEvaluatedUsers();
    List<HeldOutItem> heldOut = sample(split.heldOut(), options);
    int users = heldOut.size();
    double trainSeconds = fit(split, model);
    EvaluationRun run = new EvaluationRun(split.numItems(), model, options);
    long start = System.nanoTime();
    run.run(heldOut);
    EvaluationResult result = new EvaluationResult(
        model.name(), trainSeconds, run.scoreMicrosPerUser(users), users, run.fullMeans(), run.sampledMeans());
    log(result, split, (System.nanoTime() - start) / 1e9);
    return result;
  }

  /** The users {@code options} evaluate: all, or a seeded sample of {@link EvaluationOptions#maxUsers()} in dataset order. */
  private static List<HeldOutItem> sample(List<HeldOutItem> heldOut, EvaluationOptions options) {
    if (heldOut.size() <= options.maxUsers()) {
      return heldOut;
    }
    boolean[] chosen = UserSample.choose(heldOut.size(), options.maxUsers(), options.seed());
    List<HeldOutItem> sample = new ArrayList<>(options.maxUsers());
    for (int u = 0; u < chosen.length; u++) {
      if (chosen[u]) {
        sample.add(heldOut.get(u));
      }
    }
    return sample;
  }

  private static double fit(LeaveOneOut split, NextItemModel model) {
    List<int[]> input = split.fitInput();
    long start = System.nanoTime();
    model.fit(input, split.numItems());
    return (System.nanoTime() - start) / 1e9;
  }

  private static void log(EvaluationResult result, LeaveOneOut split, double evalSeconds) {
    LOG.info("evaluated model={} view={} users={} items={} trainSeconds={} evalSeconds={} scoreMicrosPerUser={} full={} sampled={}",
        result.modelName(), split.isValidationView() ? "validation" : "test", result.users(), split.numItems(),
        String.format("%.3f", result.trainSeconds()), String.format("%.3f", evalSeconds),
        String.format("%.1f", result.scoreMicrosPerUser()), result.full(), result.sampled());
  }
}
