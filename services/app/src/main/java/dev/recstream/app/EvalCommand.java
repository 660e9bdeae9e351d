package dev.recstream.app;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.ProgressListener;
import dev.recstream.trainer.ModelCatalog;
import dev.recstream.trainer.OfflineEvaluation;
import dev.recstream.trainer.TrainingBudget;
import dev.recstream.trainer.TwoStageModel;
import dev.recstream.trainer.report.EvaluationReport;
import dev.recstream.trainer.report.ModelFailure;
import dev.recstream.trainer.sequence.SequenceNetModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recstream eval}: offline comparison of models on the same leave-one-out split
 * (CONTRACT §7), printed as Markdown and written as report.json, report.md and report.html.
 *
 * <p>A model that fails gets a row with its reason and the others are still reported; the exit
 * status is then 1, so a script comparing models notices that one comparison is missing.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Compare models offline on one dataset (leave-one-out, full ranking and 100 sampled negatives).")
final class EvalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions dataset = new DatasetOptions();

  @Option(names = "--models", paramLabel = "LIST", defaultValue = "pop,markov,cooc,default",
      description = "Models to compare (default: ${DEFAULT-VALUE}).")
  String models;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "./recstream-eval", description = "Where the reports go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--validation", description = "Score the validation items (second last) and hold the test items back: for tuning.")
  boolean validation;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of negative sampling and tie-breaking (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--eval-users", paramLabel = "N", defaultValue = "2147483647",
      description = "Score at most N users, a sample drawn with --seed; every user's training items are still fitted on (default: all).")
  int evalUsers;

  @Mixin
  MemoryBudgetOption memory = new MemoryBudgetOption();

  @Override
  public Integer call() throws Exception {
    if (evalUsers < 1) {
      throw new IllegalArgumentException("--eval-users: must be at least 1, was " + evalUsers);
    }
    TrainingBudget budget = memory.budget();
    List<String> names = Arrays.stream(models.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    names.forEach(ModelCatalog::create); // fail fast on an unknown name, before reading data
    PrintWriter err = spec.commandLine().getErr();
    SequenceDataset data = dataset.read(err);
    EvaluationReport report = OfflineEvaluation.run(data, names, EvaluationOptions.defaults().withSeed(seed).withMaxUsers(evalUsers),
        model -> new ConsoleProgress(err, model), validation, model -> {
          if (model instanceof TwoStageModel twoStage) {
            twoStage.useBudget(budget);
            if (twoStage.hasSequenceModel()) {
              twoStage.onEpochs(new ConsoleEpochs(err));
            }
          }
          if (model instanceof SequenceNetModel sequence) {
            sequence.onEpochs(new ConsoleEpochs(err));
          }
        });
    report.writeTo(out);
    PrintWriter outWriter = spec.commandLine().getOut();
    outWriter.print(report.toMarkdown());
    outWriter.println();
    Path reports = out.toAbsolutePath().normalize();
    outWriter.println("Reports: " + reports.resolve("report.{json,md,html}"));
    outWriter.flush();
    if (report.failures().isEmpty()) {
      return 0;
    }
    List<String> failed = report.failures().stream().map(ModelFailure::modelName).toList();
    err.println("recstream: " + failed.size() + " of " + names.size() + " models failed (" + String.join(", ", failed)
        + "); the reasons are in the table, the stack traces in " + reports.resolve("failed-*.txt"));
    err.flush();
    return Main.FAILURE;
  }
}
