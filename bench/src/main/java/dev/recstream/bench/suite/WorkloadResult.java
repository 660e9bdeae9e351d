package dev.recstream.bench.suite;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The scenarios one configuration of the system ran under one workload, in run order.
 *
 * @param configuration e.g. {@code default} (no model package) or {@code two-stage}
 * @param workload what the driven users did
 * @param scenarios one per {@link Scenario.Kind}
 */
public record WorkloadResult(String configuration, SuiteWorkload workload, List<Scenario> scenarios) {
  public WorkloadResult {
    scenarios = List.copyOf(scenarios);
  }

  /** The scenario of that kind; every workload runs each kind once. */
  public Scenario scenario(Scenario.Kind kind) {
    return scenarios.stream().filter(s -> s.kind() == kind).findFirst()
        .orElseThrow(() -> new IllegalStateException(
            "no " + kind.label + " scenario in " + configuration + "/" + workload.name()));
  }

  /** Each scenario's JSON, with the configuration and workload it ran under. */
  JsonArray scenariosJson() {
    JsonArray list = new JsonArray();
    for (Scenario s : scenarios) {
      list.add(new JsonObject().put("configuration", configuration).put("workload", workload.name())
          .put("workloadDescription", workload.description()).mergeIn(s.toJson()));
    }
    return list;
  }
}
