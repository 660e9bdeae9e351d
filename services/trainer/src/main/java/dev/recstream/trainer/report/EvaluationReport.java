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
 * {@code report.html} with a bar chart per metric. Models that failed are listed after those that
 * worked, each with its reason, so a failure never hides the others' results.
 */
public final class EvaluationReport {
  private final String datasetName;
  private final long users;
  private final int items;
  private final long actions;
  private final List<EvaluationResult> results;
  private final List<ModelFailure> failures;

  /** A report of models that all worked. */
  public EvaluationReport(SequenceDataset dataset, List<EvaluationResult> results) {
    this(dataset, results, List.of());
  }

  /**
   * @param results the models that worked, in the order they were asked for
   * @param failures the models that failed, in the order they were asked for
   */
  public EvaluationReport(SequenceDataset dataset, List<EvaluationResult> results, List<ModelFailure> failures) {
    this.datasetName = dataset.name();
    this.users = dataset.users().size();
    this.items = dataset.items().size();
    this.actions = dataset.actions();
    this.results = List.copyOf(results);
    this.failures = List.copyOf(failures);
  }

  /** The models that worked. */
  public List<EvaluationResult> results() {
    return results;
  }

  /** The models that failed, each with its reason; empty when all worked. */
  public List<ModelFailure> failures() {
    return failures;
  }

  /**
   * The JSON of CONTRACT §7: dataset summary, protocol, and an entry per model; a model that
   * failed has the entry {@code {"error": "<reason>"}} instead of metrics.
   */
  public JsonObject toJson() {
    Map<String, Object> models = new LinkedHashMap<>();
    results.forEach(r -> models.put(r.modelName(), r.asReportEntry()));
    failures.forEach(f -> models.put(f.modelName(), Map.of("error", f.reason())));
    return new JsonObject()
        .put("dataset", new JsonObject().put("name", datasetName).put("users", users).put("items", items).put("actions", actions))
        .put("protocol", "leave-one-out")
        .put("models", new JsonObject(models));
  }

  /** Markdown tables, one per protocol, a row per model. */
  public String toMarkdown() {
    return MarkdownTables.render(datasetName, users, items, actions, results, failures);
  }

  /** A self-contained HTML page (no network) with a bar chart per metric. */
  public String toHtml() {
    return HtmlCharts.render(datasetName, users, items, actions, results, failures);
  }

  /**
   * Writes report.json, report.md and report.html into {@code dir} (created if missing), and
   * each failed model's stack trace as {@link ModelFailure#stackTraceFile()}.
   */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"), toJson().encodePrettily(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), toMarkdown(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.html"), toHtml(), StandardCharsets.UTF_8);
    for (ModelFailure failure : failures) {
      Files.writeString(dir.resolve(failure.stackTraceFile()), failure.stackTrace(), StandardCharsets.UTF_8);
    }
  }
}
