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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compares several models on the same leave-one-out split of one dataset. */
public final class OfflineEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(OfflineEvaluation.class);

  private OfflineEvaluation() {}

  /**
   * @param models names known to {@link ModelCatalog}, evaluated in the given order
   * @param progressFor a progress listener per model name (e.g. a console bar)
   */
  public static EvaluationReport run(SequenceDataset dataset, List<String> models, EvaluationOptions options,
      Function<String, ProgressListener> progressFor) {
    return run(dataset, models, options, progressFor, false);
  }

  /**
   * @param validation evaluate on the validation items (second last) instead of the test items,
   *     with the test items held back entirely: for choosing models and settings without looking
   *     at the test split
   */
  public static EvaluationReport run(SequenceDataset dataset, List<String> models, EvaluationOptions options,
      Function<String, ProgressListener> progressFor, boolean validation) {
    List<NextItemModel> instances = models.stream().map(ModelCatalog::create).toList();
    List<EvaluationResult> results = new ArrayList<>();
    Evaluator evaluator = new Evaluator();
    for (NextItemModel model : instances) {
      if (model instanceof ItemAttributesAware aware) {
        aware.useItemAttributes(dataset.itemAttributes());
      }
      EvaluationOptions withProgress = options.withProgress(progressFor.apply(model.name()));
      EvaluationResult result = validation
          ? evaluator.evaluate(LeaveOneOut.of(dataset).validationView(), model, withProgress)
          : evaluator.evaluate(dataset, model, withProgress);
      LOG.info("evaluated model={} trainSeconds={} NDCG@10={}", model.name(),
          String.format("%.2f", result.trainSeconds()), result.full().get("NDCG@10"));
      results.add(result);
    }
    return new EvaluationReport(dataset, results);
  }
}
