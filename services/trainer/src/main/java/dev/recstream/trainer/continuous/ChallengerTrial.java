package dev.recstream.trainer.continuous;

import dev.recstream.model.ItemAttributesAware;
import dev.recstream.model.NextItemModel;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import dev.recstream.model.eval.EvaluationResult;
import dev.recstream.model.eval.Evaluator;
import dev.recstream.model.eval.LeaveOneOut;
import dev.recstream.model.twostage.TrainingExamples;
import dev.recstream.trainer.TrainingBudget;
import dev.recstream.trainer.TwoStageModel;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a freshly trained two-stage model should replace the live model, and writes the
 * winner's package. Pure logic: the caller schedules it, reads the data and activates packages.
 *
 * <p>Both models are judged on the {@linkplain LeaveOneOut#validationView() validation view} of
 * the leave-one-out split (CONTRACT §7): fitted on every sequence without its last two items,
 * scored on the second-last item. The test item is never looked at, so repeated trials do not
 * select models on the items a final report would be measured on. The comparison is full-ranking
 * NDCG@10 ({@link TrialOptions#METRIC}); the sampled protocol is reported beside it because it
 * costs nothing extra.
 *
 * <p>A frozen live model (e.g. a {@link RecommenderModel} over the served package) ignores {@code
 * fit}; it may well have been trained on some of the validation items, which favours the live
 * model — a conservative bias for a swap decision.
 *
 * <p>Runs in the calling thread and blocks for the length of two fits and two evaluations (ONNX
 * Runtime inside): never call it on an event loop.
 */
public final class ChallengerTrial {
  private static final Logger LOG = LoggerFactory.getLogger(ChallengerTrial.class);

  /** The challenger's name in its evaluation result. */
  public static final String CHALLENGER = "challenger";

  /** The key under which the live model's NDCG@10 goes into the winner's {@code model.json} metrics. */
  public static final String LIVE_NDCG_KEY = "live" + TrialOptions.METRIC;

  private final TrialOptions options;
  private final TrainingBudget budget;
  private final Evaluator evaluator = new Evaluator();

  public ChallengerTrial() {
    this(TrialOptions.defaults());
  }

  public ChallengerTrial(TrialOptions options) {
    this(options, TrainingBudget.defaults());
  }

  private ChallengerTrial(TrialOptions options, TrainingBudget budget) {
    this.options = Objects.requireNonNull(options, "options");
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  /** This trial with its two-stage fits planned within {@code newBudget}. */
  public ChallengerTrial withBudget(TrainingBudget newBudget) {
    return new ChallengerTrial(options, newBudget);
  }

  /**
   * Fits a two-stage challenger and {@code live} on the validation view of {@code data} and
   * compares them. Skips (see {@link TrialOutcome#skipReason()}) when fewer than {@link
   * TrialOptions#minUsers()} users can be evaluated, when the training would not fit its budget
   * (the reason says what it would need), or when the two-stage model cannot be trained on the
   * data (no user's next item among their candidates, a class missing in the ranker's rows); any
   * other failure propagates.
   *
   * @param live the model serving now, fitted on the same view (a frozen one ignores that)
   */
  public TrialOutcome run(SequenceDataset data, NextItemModel live) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(live, "live");
    LeaveOneOut view = LeaveOneOut.of(data).validationView();
    int users = view.heldOut().size();
    if (users < options.minUsers()) {
      return log(TrialOutcome.skipped(users + " users have at least " + LeaveOneOut.MIN_ITEMS
          + " items, fewer than minUsers=" + options.minUsers(), 0));
    }
    TwoStageModel challengerModel = new TwoStageModel(CHALLENGER);
    challengerModel.useItemAttributes(data.itemAttributes());
    challengerModel.useBudget(budget);
    long started = System.nanoTime();
    EvaluationResult challenger;
    try {
      // The package's fit (every event) is the larger one: refuse before the trial if it cannot fit.
      budget.rankerUsers(data.actions(), data.items().size(), data.users().size(), TrainingExamples.MAX_USERS);
      challenger = evaluator.evaluate(view, challengerModel, options.evaluation());
    } catch (TrainingBudget.TrainingDoesNotFitException e) {
      return log(TrialOutcome.skipped(e.getMessage(), (System.nanoTime() - started) / 1e9));
    } catch (IllegalStateException | IllegalArgumentException e) {
      LOG.debug("challenger could not be trained", e);
      return log(TrialOutcome.skipped("the two-stage challenger cannot be trained on this data: " + e.getMessage(),
          (System.nanoTime() - started) / 1e9));
    }
    if (live instanceof ItemAttributesAware aware) {
      aware.useItemAttributes(data.itemAttributes());
    }
    EvaluationResult liveResult = evaluator.evaluate(view, live, options.evaluation());
    double challengerNdcg = ndcg(challenger, "challenger");
    double liveNdcg = ndcg(liveResult, "live");
    boolean wins = challengerNdcg > liveNdcg * (1 + options.minRelativeGain());
    return log(TrialOutcome.compared(challenger, liveResult, wins));
  }

  /**
   * Fits a fresh two-stage model on every sequence of {@code data} (validation and test items
   * included: the package serves the future, not a split) and writes its package (CONTRACT §6)
   * to {@code dir}. The {@code model.json} metrics are the challenger's validation metrics
   * ({@link EvaluationResult#asReportEntry()}) plus {@link #LIVE_NDCG_KEY}, the live model's
   * NDCG@10 on the same split, so an operator sees what the swap was based on.
   *
   * @param outcome a trial of this data that the challenger won
   * @param training the training-data summary for {@code model.json}, e.g. {@link
   *     #trainingSummary(SequenceDataset)} plus where the rows came from
   * @return the fitted model that was written
   * @throws IllegalArgumentException when the outcome was skipped or the challenger did not win
   * @throws IOException when the package cannot be written
   */
  public TwoStageModel writeWinner(SequenceDataset data, TrialOutcome outcome, Path dir, JsonObject training, long version)
      throws IOException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(training, "training");
    if (outcome.isSkipped()) {
      throw new IllegalArgumentException("outcome: the trial was skipped (" + outcome.skipReason()
          + "), so there are no validation metrics to write");
    }
    if (!outcome.challengerWins()) {
      throw new IllegalArgumentException("outcome: the challenger did not win (" + outcome.summary() + ")");
    }
    TwoStageModel model = new TwoStageModel(CHALLENGER);
    model.useItemAttributes(data.itemAttributes());
    model.useBudget(budget);
    List<int[]> sequences = data.users().stream().map(UserSequence::items).toList();
    long started = System.nanoTime();
    model.fit(sequences, data.items().size());
    JsonObject metrics = new JsonObject(new LinkedHashMap<>(outcome.challenger().asReportEntry()))
        .put(LIVE_NDCG_KEY, outcome.liveNdcg());
    model.writePackage(dir, data.items(), training, metrics, version);
    LOG.info("winner package written version={} dir={} users={} items={} trainSeconds={}", version, dir,
        data.users().size(), data.items().size(), String.format("%.1f", (System.nanoTime() - started) / 1e9));
    return model;
  }

  /** {@link #writeWinner(SequenceDataset, TrialOutcome, Path, JsonObject, long)} with {@link #trainingSummary}. */
  public TwoStageModel writeWinner(SequenceDataset data, TrialOutcome outcome, Path dir, long version) throws IOException {
    return writeWinner(data, outcome, dir, trainingSummary(data), version);
  }

  /** {@code {"dataset", "users", "items", "actions"}} of {@code data}, as {@code recstream train} writes it. */
  public static JsonObject trainingSummary(SequenceDataset data) {
    return new JsonObject()
        .put("dataset", data.name())
        .put("users", data.users().size())
        .put("items", data.items().size())
        .put("actions", data.actions());
  }

  private static double ndcg(EvaluationResult result, String which) {
    Double value = result.full().get(TrialOptions.METRIC);
    if (value == null) {
      throw new IllegalStateException(which + ": the evaluation reported no full-ranking " + TrialOptions.METRIC);
    }
    return value;
  }

  private static TrialOutcome log(TrialOutcome outcome) {
    LOG.info("challenger trial {}", outcome.summary());
    return outcome;
  }
}
