package dev.recstream.trainer.report;

import dev.recstream.model.eval.EvaluationResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders evaluation results as one self-contained HTML page: a horizontal bar chart (inline
 * SVG) per metric and protocol, the models side by side, and the models that failed in a table
 * with their reasons above the charts. No scripts, no network.
 */
final class HtmlCharts {
  private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#9c755f"};
  private static final int BAR_HEIGHT = 18;
  private static final int LABEL_WIDTH = 90;
  private static final int CHART_WIDTH = 360;

  private HtmlCharts() {}

  static String render(String dataset, long users, int items, long actions, List<EvaluationResult> results,
      List<ModelFailure> failures) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>recstream evaluation: ")
        .append(escape(dataset)).append("</title>\n<style>")
        .append("body{font:14px system-ui,sans-serif;margin:2rem;color:#222}")
        .append("h2{margin-top:2rem}.grid{display:flex;flex-wrap:wrap;gap:1.5rem}")
        .append("figure{margin:0}figcaption{font-weight:600;margin-bottom:.3rem}")
        .append("svg text{font:12px system-ui,sans-serif}")
        .append("table.failed td,table.failed th{text-align:left;padding:.2rem .6rem .2rem 0}</style></head><body>\n")
        .append("<h1>Evaluation of ").append(escape(dataset)).append("</h1>\n")
        .append(String.format(Locale.ROOT, "<p>%,d users, %,d items, %,d actions; leave-one-out (last item = test).</p>%n", users, items, actions));
    failed(html, failures);
    section(html, "Full ranking", results, EvaluationResult::full);
    section(html, "Sampled (100 negatives)", results, EvaluationResult::sampled);
    return html.append("</body></html>\n").toString();
  }

  private static void failed(StringBuilder html, List<ModelFailure> failures) {
    if (failures.isEmpty()) {
      return;
    }
    html.append("<h2>Failed</h2>\n<table class=\"failed\"><tr><th>model</th><th>failed because</th><th>stack trace</th></tr>\n");
    for (ModelFailure f : failures) {
      html.append("<tr><td>").append(escape(f.modelName())).append("</td><td>").append(escape(f.reason()))
          .append("</td><td>").append(escape(f.stackTraceFile())).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void section(StringBuilder html, String title, List<EvaluationResult> results,
      Function<EvaluationResult, Map<String, Double>> protocol) {
    html.append("<h2>").append(title).append("</h2>\n<div class=\"grid\">\n");
    for (String metric : MarkdownTables.metricNames(results, protocol)) {
      html.append(chart(metric, results, protocol));
    }
    html.append("</div>\n");
  }

  private static String chart(String metric, List<EvaluationResult> results, Function<EvaluationResult, Map<String, Double>> protocol) {
    double max = results.stream().mapToDouble(r -> protocol.apply(r).getOrDefault(metric, 0.0)).max().orElse(0);
    int height = results.size() * (BAR_HEIGHT + 6) + 6;
    StringBuilder svg = new StringBuilder();
    svg.append("<figure><figcaption>").append(escape(metric)).append("</figcaption>")
        .append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
            LABEL_WIDTH + CHART_WIDTH + 70, height, escape(metric)));
    for (int i = 0; i < results.size(); i++) {
      EvaluationResult r = results.get(i);
      double value = protocol.apply(r).getOrDefault(metric, 0.0);
      int y = 6 + i * (BAR_HEIGHT + 6);
      int width = max <= 0 ? 0 : (int) Math.round(CHART_WIDTH * value / max);
      svg.append(String.format(Locale.ROOT,
          "<text x=\"0\" y=\"%d\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
              + "<text x=\"%d\" y=\"%d\">%.4f</text>",
          y + 13, escape(r.modelName()), LABEL_WIDTH, y, width, BAR_HEIGHT, COLORS[i % COLORS.length],
          LABEL_WIDTH + width + 6, y + 13, value));
    }
    return svg.append("</svg></figure>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
