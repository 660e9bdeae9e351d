package dev.recstream.trainer.report;

import dev.recstream.model.eval.EvaluationResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders evaluation results as Markdown: one table per protocol, a row per model. When a model
 * failed, its row has dashes for every figure and the tables gain a last column with the reason,
 * so the row is read as "no result, and why".
 */
final class MarkdownTables {
  private MarkdownTables() {}

  static String render(String dataset, long users, int items, long actions, List<EvaluationResult> results,
      List<ModelFailure> failures) {
    StringBuilder md = new StringBuilder();
    md.append("# Evaluation of ").append(dataset).append("\n\n")
        .append(String.format(Locale.ROOT, "%,d users, %,d items, %,d actions; leave-one-out (last item = test)", users, items, actions))
        .append(results.isEmpty() ? "" : String.format(Locale.ROOT, ", %,d users scored", results.get(0).users()))
        .append(".\n\n");
    md.append("## Full ranking (every item except the user's history)\n\n");
    table(md, results, failures, EvaluationResult::full, true);
    md.append("\n## Sampled (100 negatives not in the user's history)\n\n");
    table(md, results, failures, EvaluationResult::sampled, false);
    if (!failures.isEmpty()) {
      md.append('\n').append(failures.size()).append(failures.size() == 1 ? " model" : " models")
          .append(" failed; stack traces beside this report: ");
      md.append(String.join(", ", failures.stream().map(ModelFailure::stackTraceFile).toList())).append(".\n");
    }
    return md.toString();
  }

  private static void table(StringBuilder md, List<EvaluationResult> results, List<ModelFailure> failures,
      Function<EvaluationResult, Map<String, Double>> protocol, boolean withTimes) {
    List<String> metrics = metricNames(results, protocol);
    int figures = metrics.size() + (withTimes ? 2 : 0);
    md.append("| model |");
    metrics.forEach(m -> md.append(' ').append(m).append(" |"));
    if (withTimes) {
      md.append(" train s | score µs/user |");
    }
    if (!failures.isEmpty()) {
      md.append(" failed because |");
    }
    md.append("\n|---|").append("---:|".repeat(figures)).append(failures.isEmpty() ? "" : "---|").append('\n');
    for (EvaluationResult r : results) {
      md.append("| ").append(r.modelName()).append(" |");
      metrics.forEach(m -> md.append(' ').append(format(protocol.apply(r).get(m))).append(" |"));
      if (withTimes) {
        md.append(String.format(Locale.ROOT, " %.1f | %.0f |", r.trainSeconds(), r.scoreMicrosPerUser()));
      }
      md.append(failures.isEmpty() ? "" : "  |").append('\n');
    }
    for (ModelFailure f : failures) {
      md.append("| ").append(f.modelName()).append(" |").append(" – |".repeat(figures))
          .append(' ').append(f.reason().replace("|", "\\|")).append(" |\n");
    }
  }

  static List<String> metricNames(List<EvaluationResult> results, Function<EvaluationResult, Map<String, Double>> protocol) {
    Set<String> names = new LinkedHashSet<>();
    results.forEach(r -> names.addAll(protocol.apply(r).keySet()));
    return new ArrayList<>(names);
  }

  private static String format(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value);
  }
}
