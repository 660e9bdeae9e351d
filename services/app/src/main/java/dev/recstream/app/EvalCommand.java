package dev.recstream.app;

import dev.recstream.model.NextItemModel;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.ProgressListener;
import dev.recstream.trainer.ModelCatalog;
import dev.recstream.trainer.OfflineEvaluation;
import dev.recstream.trainer.SearchEvaluation;
import dev.recstream.trainer.TrainingBudget;
import dev.recstream.trainer.TwoStageModel;
import dev.recstream.trainer.report.EvaluationReport;
import dev.recstream.trainer.report.ModelFailure;
import dev.recstream.trainer.report.SearchReport;
import dev.recstream.trainer.sequence.SequenceNetModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recstream eval}: offline comparison of models on the same leave-one-out split
 * (CONTRACT §7), printed as Markdown and written as report.json, report.md and report.html; with
 * {@code --task search}, of personalized search on that split ({@link SearchEvaluation}), written
 * as report.json and report.md.
 *
 * <p>A model that fails gets a row with its reason and the others are still reported; the exit
 * status is then 1, so a script comparing models notices that one comparison is missing.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Compare models offline on one dataset (leave-one-out, full ranking and 100 sampled negatives; "
        + "or personalized search with --task search).")
final class EvalCommand implements Callable<Integer> {
  static final String TASK_REC = "rec";
  static final String TASK_SEARCH = "search";

  @Spec
  CommandSpec spec;

  @Mixin
  DatasetOptions dataset = new DatasetOptions();

  @Option(names = "--task", paramLabel = "TASK", defaultValue = TASK_REC,
      description = "rec: next-item recommendation (CONTRACT §7); search: personalized search with queries made of the "
          + "held-out item's attributes, ranked as served (default: ${DEFAULT-VALUE}).")
  String task = TASK_REC;

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
    boolean search = isSearch(task);
    if (evalUsers < 1) {
      throw new IllegalArgumentException("--eval-users: must be at least 1, was " + evalUsers);
    }
    TrainingBudget budget = memory.budget();
    List<String> names = Arrays.stream(models.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    names.forEach(ModelCatalog::create); // fail fast on an unknown name, before reading data
    PrintWriter err = spec.commandLine().getErr();
    SequenceDataset data = dataset.read(err);
    EvaluationOptions options = EvaluationOptions.defaults().withSeed(seed).withMaxUsers(evalUsers);
    Consumer<NextItemModel> setup = model -> setUp(model, budget, err);
    if (search) {
      SearchReport report = SearchEvaluation.run(data, names, options, model -> new ConsoleProgress(err, model), validation, setup);
      report.writeTo(out);
      return finish(report.toMarkdown(), "report.{json,md}", report.failures(), names.size());
    }
    EvaluationReport report = OfflineEvaluation.run(data, names, options, model -> new ConsoleProgress(err, model), validation, setup);
    report.writeTo(out);
    return finish(report.toMarkdown(), "report.{json,md,html}", report.failures(), names.size());
  }

  /**
   * Whether {@code --task} asks for search; checked before any data is read.
   *
   * @throws IllegalArgumentException naming the option and the known tasks
   */
  static boolean isSearch(String task) {
    return switch (task) {
      case TASK_REC -> false;
      case TASK_SEARCH -> true;
      default -> throw new IllegalArgumentException("--task: unknown task '" + task + "'; known: " + TASK_REC + ", " + TASK_SEARCH);
    };
  }

  /** A two-stage model plans within the memory budget; sequence models show their epochs. */
  private static void setUp(NextItemModel model, TrainingBudget budget, PrintWriter err) {
    if (model instanceof TwoStageModel twoStage) {
      twoStage.useBudget(budget);
      if (twoStage.hasSequenceModel()) {
        twoStage.onEpochs(new ConsoleEpochs(err));
      }
    }
    if (model instanceof SequenceNetModel sequence) {
      sequence.onEpochs(new ConsoleEpochs(err));
    }
  }

  /** Prints the tables and where the reports are; 1 when a model failed, so a script notices. */
  private int finish(String markdown, String reportFiles, List<ModelFailure> failures, int models) {
    PrintWriter outWriter = spec.commandLine().getOut();
    outWriter.print(markdown);
    outWriter.println();
    Path reports = out.toAbsolutePath().normalize();
    outWriter.println("Reports: " + reports.resolve(reportFiles));
    outWriter.flush();
    if (failures.isEmpty()) {
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    List<String> failed = failures.stream().map(ModelFailure::modelName).toList();
    err.println("recstream: " + failed.size() + " of " + models + " models failed (" + String.join(", ", failed)
        + "); the reasons are in the table, the stack traces in " + reports.resolve("failed-*.txt"));
    err.flush();
    return Main.FAILURE;
  }
}
