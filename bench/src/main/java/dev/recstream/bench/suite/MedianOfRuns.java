package dev.recstream.bench.suite;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the results.json of several {@code bench/perf.sh} runs and prints their tables with the
 * median of each figure and its range, {@code median (min–max)}, for bench/RESULTS.md: the
 * targets (met in how many runs), the scenarios, the sustained p99 per 10 s window, the baselines.
 * Rows are matched by name (target, configuration, workload, scenario, figure), in the first
 * run's order.
 *
 * <p>Usage: {@code bench/perf-median.sh DIR...} (each DIR holds a results.json, or is one).
 */
public final class MedianOfRuns {
  private MedianOfRuns() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: MedianOfRuns DIR... (directories holding a perf run's results.json)");
      System.exit(2);
    }
    List<JsonObject> runs = new ArrayList<>();
    for (String arg : args) {
      Path p = Path.of(arg);
      runs.add(new JsonObject(Files.readString(Files.isDirectory(p) ? p.resolve("results.json") : p)));
    }
    System.out.print(markdown(runs));
  }

  /** The tables of the medians of {@code runs} (each a perf run's results.json). */
  public static String markdown(List<JsonObject> runs) {
    StringBuilder b = new StringBuilder("# Medians of " + runs.size() + " runs: median (min–max)\n\n");
    runs.forEach(r -> b.append("- ").append(r.getString("label", "")).append('\n'));
    b.append("\n## Targets, and ratios to the same run's baselines\n\n").append(SuiteReport.MET_MEANS)
        .append(SuiteReport.TARGETS_HEADER);
    groups(all(runs, "targets"), t -> t.getString("target") + "|" + t.getString("configuration") + "|"
        + t.getString("workload")).values().forEach(g -> b.append(targetRow(g)));
    b.append("\n## Scenarios\n\n").append(SuiteReport.scenarioHeader());
    Map<String, List<JsonObject>> scenarios = groups(all(runs, "scenarios"), s -> s.getString("configuration") + "|"
        + s.getString("workload") + "|" + s.getString("scenario"));
    scenarios.values().forEach(g -> b.append(scenarioRow(g)));
    b.append("\n## Sustained: p99 per 10 s of sending, ms\n\n| configuration | workload | p99 per window |\n|---|---|---|\n");
    scenarios.values().stream().filter(g -> "SUSTAINED".equals(g.get(0).getString("kind")))
        .forEach(g -> b.append(windowRow(g)));
    b.append("\n## Baselines\n\n| baseline | figure | value | unit |\n|---|---|---|---|\n");
    groups(baselineFigures(runs), f -> f.getString("baseline") + "|" + f.getString("figure")).values()
        .forEach(g -> b.append(baselineRow(g)));
    return b.toString();
  }

  private static String targetRow(List<JsonObject> runs) {
    JsonObject first = runs.get(0);
    Target target = Target.valueOf(first.getString("target"));
    Map<String, String> formatted = new LinkedHashMap<>();
    for (String key : first.getJsonObject("values").fieldNames()) {
      formatted.put(key, spread(runs, t -> t.getJsonObject("values"), key).format());
    }
    long met = runs.stream().filter(t -> t.getBoolean("met", false)).count();
    return "| " + target.title + " | " + first.getString("configuration") + " | " + first.getString("workload") + " | "
        + Target.describe(formatted) + " | " + met + " of " + runs.size() + " runs | "
        + TargetCheck.ratioCell(spread(runs, t -> t.getJsonObject("values"), "ratio").format(), target) + " |\n";
  }

  private static String scenarioRow(List<JsonObject> runs) {
    JsonObject first = runs.get(0);
    List<String> cells = Scenario.COLUMNS.keySet().stream()
        .map(k -> spread(runs, s -> s.getJsonObject("figures"), k).format()).toList();
    return SuiteReport.row(first.getString("configuration"), first.getString("workload"),
        first.getString("scenario"), cells);
  }

  private static String windowRow(List<JsonObject> runs) {
    int windows = runs.stream().mapToInt(s -> s.getJsonArray("p99ByWindowMs").size()).max().orElse(0);
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < windows; i++) {
      List<Double> values = new ArrayList<>();
      for (JsonObject s : runs) {
        JsonArray w = s.getJsonArray("p99ByWindowMs");
        values.add(i < w.size() ? w.getDouble(i) : null);
      }
      cells.add(Spread.of(values).format());
    }
    return "| " + runs.get(0).getString("configuration") + " | " + runs.get(0).getString("workload") + " | "
        + String.join(", ", cells) + " |\n";
  }

  private static String baselineRow(List<JsonObject> runs) {
    JsonObject first = runs.get(0);
    return "| " + first.getString("baseline") + " | " + first.getString("figure") + " | "
        + spread(runs, f -> f, "value").format() + " | " + first.getString("unit") + " |\n";
  }

  /** The spread over {@code rows} of the number {@code key} in the object {@code holder} picks from each. */
  private static Spread spread(List<JsonObject> rows, Function<JsonObject, JsonObject> holder, String key) {
    List<Double> values = new ArrayList<>();
    rows.forEach(r -> values.add(holder.apply(r).getDouble(key)));
    return Spread.of(values);
  }

  /** The objects of array {@code field} of every run, in run order. */
  private static List<JsonObject> all(List<JsonObject> runs, String field) {
    List<JsonObject> rows = new ArrayList<>();
    runs.forEach(r -> r.getJsonArray(field, new JsonArray()).forEach(o -> rows.add((JsonObject) o)));
    return rows;
  }

  /** Each baseline figure of every run, with its baseline's name. */
  private static List<JsonObject> baselineFigures(List<JsonObject> runs) {
    List<JsonObject> rows = new ArrayList<>();
    for (JsonObject baseline : all(runs.stream().map(r -> r.getJsonObject("baselines")).toList(), "baselines")) {
      baseline.getJsonArray("figures").forEach(f -> rows.add(((JsonObject) f).copy()
          .put("baseline", baseline.getString("baseline"))));
    }
    return rows;
  }

  /** Rows grouped by {@code key}, groups in the order their key first appears. */
  static Map<String, List<JsonObject>> groups(List<JsonObject> rows, Function<JsonObject, String> key) {
    Map<String, List<JsonObject>> groups = new LinkedHashMap<>();
    rows.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    return groups;
  }
}
