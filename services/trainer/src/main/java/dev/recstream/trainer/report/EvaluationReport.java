package dev.recstream.trainer.report;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.eval.EvaluationResult;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@code recstream eval} run: several models on the same split, written as
 * {@code report.json} (the shape of CONTRACT §7), {@code report.md} and a self-contained
 * {@code report.html} with a bar chart per metric.
 */
public final class EvaluationReport {
  private final String datasetName;
  private final long users;
  private final int items;
  private final long actions;
  private final List<EvaluationResult> results;

  public EvaluationReport(SequenceDataset dataset, List<EvaluationResult> results) {
    this.datasetName = dataset.name();
    this.users = dataset.users().size();
    this.items = dataset.items().size();
    this.actions = dataset.actions();
    this.results = List.copyOf(results);
  }

  public List<EvaluationResult> results() {
    return results;
  }

  /** The JSON of CONTRACT §7: dataset summary, protocol, and an entry per model. */
  public JsonObject toJson() {
    Map<String, Object> models = new LinkedHashMap<>();
    results.forEach(r -> models.put(r.modelName(), r.asReportEntry()));
    return new JsonObject()
        .put("dataset", new JsonObject().put("name", datasetName).put("users", users).put("items", items).put("actions", actions))
        .put("protocol", "leave-one-out")
        .put("models", new JsonObject(models));
  }

  /** Markdown tables, one per protocol, a row per model. */
  public String toMarkdown() {
    return MarkdownTables.render(datasetName, users, items, actions, results);
  }

  /** A self-contained HTML page (no network) with a bar chart per metric. */
  public String toHtml() {
    return HtmlCharts.render(datasetName, users, items, actions, results);
  }

  /** Writes report.json, report.md and report.html into {@code dir} (created if missing). */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"), toJson().encodePrettily(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), toMarkdown(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.html"), toHtml(), StandardCharsets.UTF_8);
  }
}
