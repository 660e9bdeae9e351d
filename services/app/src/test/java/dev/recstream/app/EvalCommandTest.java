package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("recstream eval")
class EvalCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** 300 users walking chains item k → k+1 → k+2 … with some noise: a learnable next item. */
  private static Path chains(Path dir) throws Exception {
    Random random = new Random(7);
    StringBuilder lines = new StringBuilder();
    for (int user = 1; user <= 300; user++) {
      lines.append(user);
      int item = 1 + random.nextInt(40);
      for (int step = 0; step < 6; step++) {
        lines.append(' ').append(random.nextInt(10) == 0 ? 1 + random.nextInt(50) : item);
        item = item % 50 + 1;
      }
      lines.append('\n');
    }
    Path file = dir.resolve("chains.txt");
    Files.writeString(file, lines);
    return file;
  }

  @Test
  @DisplayName("compares the baselines and the default model and writes report.json, report.md and report.html")
  void writesReports(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("reports");
    assertEquals(0, run("eval", "--data", chains(dir).toString(), "--format", "sequences", "--out", reports.toString()), err.toString());

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
    assertTrue(out.toString().contains("## Full ranking"));
  }

  @Test
  @DisplayName("an unknown model name is bad usage, named before any data is read")
  void unknownModel(@TempDir Path dir) {
    assertEquals(2, run("eval", "--data", dir.resolve("missing.txt").toString(), "--format", "sequences", "--models", "pop,sasrec"));
    assertTrue(err.toString().contains("unknown model 'sasrec'"), err.toString());
  }
}
