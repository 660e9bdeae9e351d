package dev.recstream.trainer;

import dev.recstream.model.ItemAttributesAware;
import dev.recstream.model.NextItemModel;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.EvaluationResult;
import dev.recstream.model.eval.Evaluator;
import dev.recstream.model.eval.LeaveOneOut;
import dev.recstream.model.eval.ProgressListener;
import dev.recstream.trainer.report.EvaluationReport;
import dev.recstream.trainer.report.ModelFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares several models on the same leave-one-out split of one dataset. A model that throws is
 * reported as failed, with its reason, and the next model runs: one broken or unsuitable model
 * must not cost the results of the others.
 */
public final class OfflineEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(OfflineEvaluation.class);

  private OfflineEvaluation() {}

  /**
   * @param models names known to {@link ModelCatalog}, evaluated in the given order
   * @param progressFor a progress listener per model name (e.g. a console bar)
   * @throws IllegalArgumentException when no user has enough items to be evaluated (a fault of
   *     the data, not of any model)
   */
  public static EvaluationReport run(SequenceDataset dataset, List<String> models, EvaluationOptions options,
      Function<String, ProgressListener> progressFor) {
    return run(dataset, models, options, progressFor, false);
  }

  /**
   * @param validation evaluate on the validation items (second last) instead of the test items,
   *     with the test items held back entirely: for choosing models and settings without looking
   *     at the test split
   * @throws IllegalArgumentException when no user has enough items to be evaluated
   */
  public static EvaluationReport run(SequenceDataset dataset, List<String> models, EvaluationOptions options,
      Function<String, ProgressListener> progressFor, boolean validation) {
    return run(dataset, models, options, progressFor, validation, model -> {});
  }

  /**
   * @param setup applied to each model before it is fitted (e.g. a two-stage model's memory
   *     budget and derivatives shared with a later fit, a sequence model's epoch listener)
   * @throws IllegalArgumentException when no user has enough items to be evaluated
   */
  public static EvaluationReport run(SequenceDataset dataset, List<String> models, EvaluationOptions options,
      Function<String, ProgressListener> progressFor, boolean validation, Consumer<NextItemModel> setup) {
    models.forEach(ModelCatalog::create); // an unknown name fails before any model trains
    LeaveOneOut split = validation ? LeaveOneOut.of(dataset).validationView() : LeaveOneOut.of(dataset);
    split.requireEvaluatedUsers();
    List<EvaluationResult> results = new ArrayList<>();
    List<ModelFailure> failures = new ArrayList<>();
    for (String name : models) {
      // One fitted model at a time: each is garbage once its result is taken, so a large
      // baseline does not sit in the heap beside the next model's training.
      NextItemModel model = ModelCatalog.create(name);
      setup.accept(model);
      ModelRun.guarded(model, failures,
          () -> results.add(evaluate(dataset, split, model, options.withProgress(progressFor.apply(model.name())))));
    }
    return new EvaluationReport(dataset, results, failures);
  }

  private static EvaluationResult evaluate(SequenceDataset dataset, LeaveOneOut split, NextItemModel model,
      EvaluationOptions options) {
    if (model instanceof ItemAttributesAware aware) {
      aware.useItemAttributes(dataset.itemAttributes());
    }
    EvaluationResult result = new Evaluator().evaluate(split, model, options);
    LOG.info("evaluated model={} trainSeconds={} NDCG@10={}", model.name(),
        String.format("%.2f", result.trainSeconds()), result.full().get("NDCG@10"));
    return result;
  }
}
