package dev.recstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.EvaluationResult;
import dev.recstream.model.eval.ProgressListener;
import dev.recstream.trainer.data.EventRowsDataset;
import dev.recstream.trainer.report.EvaluationReport;
import dev.recstream.trainer.report.ModelFailure;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("OfflineEvaluation")
class OfflineEvaluationTest {
  private static final String TWO_STAGE_REASON = "no user's last item is among the candidates of their history";

  /**
   * Users that share no item: the baselines rank (badly), the two-stage model has nothing to train
   * on. (With three items each, the catalog is small enough that some unseen targets still become
   * candidates by filling the popular list.)
   */
  private static SequenceDataset disjoint(int users, int length) {
    EventRowsDataset rows = new EventRowsDataset();
    for (int u = 0; u < users; u++) {
      for (int t = 0; t < length; t++) {
        rows.add("u" + u, "u" + u + "-i" + t, "view", t, null);
      }
    }
    return rows.build("disjoint");
  }

  /** Users walking a ring of items: every model can learn it. */
  private static SequenceDataset ring(int users, int items) {
    EventRowsDataset rows = new EventRowsDataset();
    for (int u = 0; u < users; u++) {
      for (int t = 0; t < 6; t++) {
        rows.add("u" + u, "i" + (u + t) % items, "view", t, null);
      }
    }
    return rows.build("ring");
  }

  private static EvaluationReport run(SequenceDataset data, List<String> models) {
    return OfflineEvaluation.run(data, models, EvaluationOptions.defaults(), model -> ProgressListener.NONE);
  }

  @Test
  @DisplayName("reports the models that worked and the one that failed, with its reason, in every report")
  void failedModelCostsOnlyItsRow(@TempDir Path dir) throws Exception {
    EvaluationReport report = run(disjoint(60, 4), List.of("pop", "default", "cooc"));

    assertEquals(List.of("pop", "cooc"), report.results().stream().map(EvaluationResult::modelName).toList());
    assertEquals(1, report.failures().size());
    ModelFailure failure = report.failures().get(0);
    assertEquals("default", failure.modelName());
    assertTrue(failure.reason().startsWith(TWO_STAGE_REASON), failure.reason());
    assertTrue(failure.cause() instanceof IllegalStateException, failure.cause().toString());

    JsonObject models = report.toJson().getJsonObject("models");
    assertEquals(List.of("pop", "cooc", "default"), List.copyOf(models.fieldNames()));
    assertEquals(failure.reason(), models.getJsonObject("default").getString("error"));
    assertTrue(models.getJsonObject("pop").getJsonObject("full").containsKey("HR@10"));

    String markdown = report.toMarkdown();
    assertEquals(2, markdown.lines().filter(line -> line.startsWith("| default | – |") && line.endsWith(failure.reason() + " |")).count(),
        markdown);
    assertTrue(markdown.contains("failed-default.txt"), markdown);
    assertTrue(report.toHtml().contains("<td>default</td><td>" + TWO_STAGE_REASON), report.toHtml());

    report.writeTo(dir);
    String trace = Files.readString(dir.resolve("failed-default.txt"));
    assertTrue(trace.startsWith("model: default\nreason: " + failure.reason()), trace);
    assertTrue(trace.contains("at dev.recstream.trainer.TwoStageModel.fit"), trace);
  }

  @Test
  @DisplayName("adds no failure column when every model worked")
  void noFailureColumnWhenAllWorked() {
    EvaluationReport report = run(ring(40, 30), List.of("pop", "markov"));

    assertTrue(report.failures().isEmpty());
    assertFalse(report.toMarkdown().contains("failed"), report.toMarkdown());
    assertFalse(report.toHtml().contains("Failed"));
  }

  @Test
  @DisplayName("stops once, before any model, when no user has enough items to be evaluated")
  void unusableDataStopsOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(disjoint(10, 2), List.of("pop", "cooc")));
    assertEquals("data: no user has at least 3 items, so there is nothing to evaluate", e.getMessage());
  }
}
