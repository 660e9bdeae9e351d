package dev.recstream.app;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.twostage.SequenceDerivatives;
import dev.recstream.model.twostage.TrainingExamples;
import dev.recstream.model.eval.EvaluationResult;
import dev.recstream.model.ItemAttributesAware;
import dev.recstream.model.NextItemModel;
import dev.recstream.trainer.ModelCatalog;
import dev.recstream.trainer.OfflineEvaluation;
import dev.recstream.trainer.TrainingBudget;
import dev.recstream.trainer.TwoStageModel;
import dev.recstream.trainer.continuous.ModelVersions;
import dev.recstream.trainer.report.EvaluationReport;
import dev.recstream.trainer.report.ModelFailure;
import dev.recstream.trainer.sequence.SequenceNetModel;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.recstream.shared.config.ConfigLoader;
import dev.recstream.shared.config.RecstreamConfig;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recstream train}: evaluates the model to package — the two-stage model, or a sequence
 * model ({@code sasrec}, {@code sasrec-N}, {@code gru4rec}) — beside the co-occurrence baseline on
 * the leave-one-out split (the metrics table), then trains it on every sequence and writes a model
 * package (CONTRACT §6) with those metrics.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model on a dataset, evaluate it and write a model package.")
final class TrainCommand implements Callable<Integer> {
  private static final String TWO_STAGE = "two-stage";

  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions dataset = new DatasetOptions();

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory of the model package to write.")
  Path out;

  @Option(names = "--from-store", description = "Train on the events stored in PostgreSQL (RECSTREAM_PG_URL) instead of a file.")
  boolean fromStore;

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file naming the database, with --from-store.")
  Path configFile;

  @Option(names = "--eval-users", paramLabel = "N", defaultValue = "10000",
      description = "Score at most N users for the package's metrics, a seeded sample (default: ${DEFAULT-VALUE}); "
          + "the model is still fitted on every user.")
  int evalUsers;

  @Option(names = "--model", paramLabel = "NAME", defaultValue = TWO_STAGE,
      description = "The model to package: two-stage, two-stage+sasrec or two-stage+gru4rec (the two-stage model "
          + "with that sequence model inside), sasrec, sasrec-N (N Transformer blocks) or gru4rec "
          + "(default: ${DEFAULT-VALUE}).")
  String modelName;

  @Mixin
  MemoryBudgetOption memory = new MemoryBudgetOption();

  @Override
  public Integer call() throws Exception {
    if (evalUsers < 1) {
      throw new IllegalArgumentException("--eval-users: must be at least 1, was " + evalUsers);
    }
    if (!isTwoStage(modelName) && !(ModelCatalog.create(modelName) instanceof SequenceNetModel)) {
      throw new IllegalArgumentException("--model: must be two-stage, two-stage+sasrec, two-stage+gru4rec, sasrec, "
          + "sasrec-N or gru4rec, was " + modelName);
    }
    TrainingBudget budget = memory.budget();
    PrintWriter err = spec.commandLine().getErr();
    SequenceDataset data;
    if (fromStore) {
      if (dataset.data != null) {
        throw new IllegalArgumentException("--from-store and --data exclude each other: train on one source");
      }
      RecstreamConfig config = ConfigLoader.load(RecstreamConfig.defaults(), configFile, System.getenv(), Map.of());
      data = LiveStoreDataset.read(config, err);
    } else {
      data = dataset.read(err);
    }

    if (isTwoStage(modelName)) {
      // Refuse now, in a sentence, rather than after the evaluation: the final fit is the larger one.
      budget.rankerUsers(data.actions(), data.items().size(), data.users().size(), TrainingExamples.MAX_USERS);
    }
    // The evaluation fit's serving side (every sequence without its test item) is the final fit's
    // examples side: derived once, for both.
    SequenceDerivatives.Cache derivatives = new SequenceDerivatives.Cache();
    Consumer<NextItemModel> setup = model -> {
      if (model instanceof TwoStageModel twoStage) {
        twoStage.useBudget(budget);
        twoStage.useDerivatives(derivatives);
      }
      if (model instanceof SequenceNetModel sequence) {
        sequence.onEpochs(new ConsoleEpochs(err));
      }
      if (model instanceof TwoStageModel twoStage && twoStage.hasSequenceModel()) {
        twoStage.onEpochs(new ConsoleEpochs(err));
      }
    };
    EvaluationReport report = OfflineEvaluation.run(data, List.of("cooc", modelName),
        EvaluationOptions.defaults().withMaxUsers(evalUsers), model -> new ConsoleProgress(err, model), false, setup);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(report.toMarkdown());
    stdout.flush();
    // The baseline is only for comparison; without the packaged model there is nothing to package.
    EvaluationResult evaluated = report.results().stream().filter(r -> r.modelName().equals(modelName)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the " + modelName + " model could not be trained: "
            + report.failures().stream().filter(f -> f.modelName().equals(modelName)).map(ModelFailure::reason)
                .findFirst().orElse("no result")));

    err.println("training on every sequence for the package…");
    NextItemModel model = ModelCatalog.create(modelName);
    setup.accept(model);
    if (model instanceof ItemAttributesAware aware) {
      aware.useItemAttributes(data.itemAttributes());
    }
    List<int[]> sequences = data.users().stream().map(UserSequence::items).toList();
    model.fit(sequences, data.items().size());
    long version = ModelVersions.next();
    JsonObject metrics = new JsonObject(evaluated.asReportEntry());
    if (model instanceof TwoStageModel twoStage) {
      twoStage.writePackage(out, data.items(), training(data), metrics, version);
      twoStage.close();
    } else if (model instanceof SequenceNetModel sequence) {
      sequence.writePackage(out, data.items(), training(data), metrics, version);
      sequence.close();
    }
    stdout.println();
    stdout.println("Model package " + version + ": " + out.toAbsolutePath().normalize());
    stdout.flush();
    return 0;
  }

  /** The two-stage model, alone or with a sequence model inside (not an ablation, whose package would not serve as trained). */
  private static boolean isTwoStage(String name) {
    return name.equals(TWO_STAGE) || ModelCatalog.names().contains(name) && name.startsWith(TWO_STAGE + "+");
  }

  private JsonObject training(SequenceDataset dataset) {
    return new JsonObject()
        .put("dataset", dataset.name())
        .put("format", fromStore ? "live store" : this.dataset.format)
        .put("users", dataset.users().size())
        .put("items", dataset.items().size())
        .put("actions", dataset.actions());
  }
}
