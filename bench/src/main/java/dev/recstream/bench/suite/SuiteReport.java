package dev.recstream.bench.suite;

import dev.recstream.bench.ResultFiles;
import dev.recstream.bench.baseline.BaselineResults;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The tables of one performance run: the live path's targets for every configuration and
 * workload (measured, met, ratio to the same run's baseline), every scenario, the p99 per 10 s of
 * the sustained scenarios, and the baselines.
 *
 * @param label commit and configuration, for the title
 * @param baselines the run's baselines (once per run)
 * @param results every configuration's run of every workload, in run order
 * @param notes lines added under the tables
 */
public record SuiteReport(String label, BaselineResults baselines, List<WorkloadResult> results, List<String> notes) {
  static final String MET_MEANS = "Met: within the stated bounds, at the target's rate (and length), with every event "
      + "pushed and no errors.\n\n";
  static final String TARGETS_HEADER =
      "| target | configuration | workload | measured | met | ratio to the same run's baseline |\n|---|---|---|---|---|---|\n";

  public SuiteReport {
    results = List.copyOf(results);
    notes = List.copyOf(notes);
  }

  /** Every scenario of every configuration and workload, in run order. */
  public List<Scenario> scenarios() {
    return results.stream().flatMap(r -> r.scenarios().stream()).toList();
  }

  /** Every target for every configuration and workload. */
  public List<TargetCheck> targets() {
    List<TargetCheck> checks = new ArrayList<>();
    for (Target target : Target.values()) {
      results.forEach(r -> checks.add(TargetCheck.of(target, r, baselines)));
    }
    return checks;
  }

  public String toMarkdown() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "# recstream performance run (%s, %d cores, Java %s)%s%n%n", Instant.now(),
        baselines.cores(), System.getProperty("java.version"), label.isBlank() ? "" : " — " + label));
    b.append("Workloads: ").append(results.stream().map(r -> r.workload().name() + " = " + r.workload().description())
        .distinct().collect(Collectors.joining("; "))).append(".\n\n");
    b.append("## Targets, and ratios to the same run's baselines\n\n").append(MET_MEANS).append(TARGETS_HEADER);
    targets().forEach(t -> b.append(t.markdownRow()));
    b.append("\n## Scenarios\n\n");
    b.append("Latency: intended send time (open loop) to the WebSocket push naming the event, or to the GET answer. "
        + "JVM CPU per event: CPU seconds of the system's JVM during the scenario ÷ events sent (requests answered).\n\n");
    b.append(scenarioHeader());
    for (WorkloadResult r : results) {
      r.scenarios().forEach(s -> b.append(row(r.configuration(), r.workload().name(), s.name(),
          s.figures().values().stream().map(TargetCheck::format).toList())));
    }
    b.append("\n## Sustained: p99 per 10 s of sending, ms\n\n| configuration | workload | p99 per window |\n|---|---|---|\n");
    for (WorkloadResult r : results) {
      b.append("| ").append(r.configuration()).append(" | ").append(r.workload().name()).append(" | ")
          .append(r.scenario(Scenario.Kind.SUSTAINED).windowP99Ms().stream().map(TargetCheck::format)
              .collect(Collectors.joining(", "))).append(" |\n");
    }
    notes.forEach(n -> b.append("\n").append(n).append('\n'));
    b.append("\n").append(baselines.toMarkdown().replaceFirst("^# ", "## "));
    return b.toString();
  }

  /** The scenarios table's header: configuration, workload, scenario, then {@link Scenario#COLUMNS}. */
  static String scenarioHeader() {
    return "| configuration | workload | scenario | " + String.join(" | ", Scenario.COLUMNS.values()) + " |\n"
        + "|---|---|---|" + "---:|".repeat(Scenario.COLUMNS.size()) + "\n";
  }

  static String row(String configuration, String workload, String scenario, List<String> cells) {
    return "| " + configuration + " | " + workload + " | " + scenario + " | " + String.join(" | ", cells) + " |\n";
  }

  public JsonObject toJson() {
    JsonArray scenarios = new JsonArray();
    results.forEach(r -> scenarios.addAll(r.scenariosJson()));
    JsonArray targets = new JsonArray();
    targets().forEach(t -> targets.add(t.toJson()));
    return new JsonObject().put("label", label).put("targets", targets).put("scenarios", scenarios)
        .put("baselines", baselines.toJson()).put("notes", new JsonArray(notes));
  }

  /** Writes results.md and results.json into {@code dir} (created if needed). */
  public void write(Path dir) throws IOException {
    ResultFiles.write(dir, toJson(), toMarkdown());
  }
}
