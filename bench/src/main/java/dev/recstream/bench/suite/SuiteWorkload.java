package dev.recstream.bench.suite;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What the driven users do in one block of scenarios: synthetic items with skewed popularity, or a
 * dataset's user sequences replayed in order.
 *
 * @param name short and stable ({@code skewed}, {@code replay}): runs are grouped by it
 * @param description what a reader of the results needs to know about it
 * @param users distinct users driven
 * @param items catalog size of the synthetic items (unused when replaying)
 * @param replay dataset in the sequences format, or null for synthetic items
 */
public record SuiteWorkload(String name, String description, int users, int items, Path replay) {

  /** The skewed workload: users chosen uniformly, item popularity Zipf(1.0). */
  static SuiteWorkload skewed(ScenarioPlan plan) {
    String description = String.format(Locale.ROOT, "%,d users, item popularity Zipf(1.0) over %,d items",
        plan.users(), plan.items());
    return new SuiteWorkload("skewed", description, plan.users(), plan.items(), null);
  }

  /** Users replaying {@code dataset}'s sequences; the GETs read the dataset's own (imported) users. */
  static SuiteWorkload replay(Path dataset, ScenarioPlan plan) {
    String description = String.format(Locale.ROOT, "%,d users replaying the sequences of %s", plan.replayUsers(),
        dataset);
    return new SuiteWorkload("replay", description, plan.replayUsers(), plan.items(), dataset);
  }
}
