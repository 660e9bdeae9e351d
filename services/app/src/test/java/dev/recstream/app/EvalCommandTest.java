package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("recstream eval")
class EvalCommandTest {
  private final Cli cli = new Cli();

  @Test
  @DisplayName("compares the baselines and the default model and writes report.json, report.md and report.html")
  void writesReports(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("reports");
    assertEquals(0, cli.run("eval", "--data", Cli.chains(dir, 300, 50, 6, 7).toString(), "--format", "sequences", "--out", reports.toString()), cli.err.toString());

    JsonObject json = new JsonObject(Files.readString(reports.resolve("report.json")));
    assertEquals("leave-one-out", json.getString("protocol"));
    assertEquals(300, json.getJsonObject("dataset").getInteger("users"));
    JsonObject models = json.getJsonObject("models");
    assertEquals(List.of("pop", "markov", "cooc", "default"), List.copyOf(models.fieldNames()));
    for (String model : models.fieldNames()) {
      JsonObject full = models.getJsonObject(model).getJsonObject("full");
      for (String metric : List.of("HR@10", "NDCG@10", "MRR", "Precision@10", "Recall@10", "F1@10", "Coverage@10", "HR@20", "NDCG@20")) {
        assertTrue(full.containsKey(metric), model + " lacks " + metric);
      }
      assertTrue(models.getJsonObject(model).getJsonObject("sampled").containsKey("NDCG@10"));
    }
    // The chains are learnable: a transition model must beat popularity by far.
    assertTrue(models.getJsonObject("markov").getJsonObject("full").getDouble("HR@10")
        > 2 * models.getJsonObject("pop").getJsonObject("full").getDouble("HR@10"));

    assertTrue(Files.readString(reports.resolve("report.md")).contains("| markov |"));
    String html = Files.readString(reports.resolve("report.html"));
    assertTrue(html.contains("<svg") && html.contains("NDCG@10") && !html.contains("http"), "self-contained charts");
    assertTrue(cli.out.toString().contains("## Full ranking"));
  }

  @Test
  @DisplayName("an unknown model name is bad usage, named before any data is read")
  void unknownModel(@TempDir Path dir) {
    assertEquals(2, cli.run("eval", "--data", dir.resolve("missing.txt").toString(), "--format", "sequences", "--models", "pop,sasrec"));
    assertTrue(cli.err.toString().contains("unknown model 'sasrec'"), cli.err.toString());
  }
}
