package dev.recstream.bench.suite;

import dev.recstream.bench.baseline.BaselineResults;
import dev.recstream.bench.baseline.Figure;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the targets table: a target judged on one configuration's run of one workload.
 *
 * @param target which target
 * @param configuration e.g. {@code default} or {@code two-stage}
 * @param workload e.g. {@code skewed} or {@code replay}
 * @param values the numbers it was judged on ({@link Target#measure}); NaN when unknown
 * @param met whether they meet it
 */
public record TargetCheck(Target target, String configuration, String workload, Map<String, Double> values,
    boolean met) {

  static TargetCheck of(Target target, WorkloadResult result, BaselineResults baselines) {
    Map<String, Double> values = target.measure(result, baselines);
    return new TargetCheck(target, result.configuration(), result.workload().name(), values, target.met(values));
  }

  /** The measured figure over the same run's baseline, NaN when none applies or it is unknown. */
  public double ratio() {
    return values.getOrDefault("ratio", Double.NaN);
  }

  String markdownRow() {
    Map<String, String> formatted = new LinkedHashMap<>();
    values.forEach((k, v) -> formatted.put(k, format(v)));
    return "| " + target.title + " | " + configuration + " | " + workload + " | " + Target.describe(formatted) + " | "
        + (met ? "yes" : "**no**") + " | " + ratioCell(format(ratio()), target) + " |\n";
  }

  /** The ratio column: the ratio and what it divides, or empty when the target has none. */
  static String ratioCell(String ratio, Target target) {
    return target.ratioOf.isEmpty() ? "" : ratio + " (" + target.ratioOf + ")";
  }

  static String format(double v) {
    return Double.isNaN(v) ? "–" : Figure.format(v);
  }

  JsonObject toJson() {
    JsonObject numbers = new JsonObject();
    values.forEach((k, v) -> numbers.put(k, v.isNaN() ? null : v));
    return new JsonObject().put("target", target.name()).put("title", target.title).put("configuration", configuration)
        .put("workload", workload).put("values", numbers).put("met", met);
  }
}
