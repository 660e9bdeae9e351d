package dev.recstream.app;

import dev.recstream.trainer.TrainingBudget;
import picocli.CommandLine.Option;

/** The {@code --memory-budget} option that {@code train} and {@code eval} share. */
final class MemoryBudgetOption {
  @Option(names = "--memory-budget", paramLabel = "SIZE", defaultValue = "90%",
      description = "Heap the two-stage training may plan to use: a share of -Xmx (e.g. 90%%) or a size (e.g. 3g); "
          + "its rankers then learn from as many users as fit, and a training that cannot fit stops before it starts "
          + "(default: ${DEFAULT-VALUE}).")
  String memoryBudget = "90%";

  /** @throws IllegalArgumentException naming the option when it cannot be read */
  TrainingBudget budget() {
    return TrainingBudget.parse(memoryBudget, "--memory-budget");
  }
}
