package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  @DisplayName("a model that fails gets a row with its reason, the others are reported, and the exit status is 1")
  void oneFailingModelCostsOnlyItsRow(@TempDir Path dir) throws Exception {
    // No item is shared between users: the baselines rank (badly), while the two-stage model has
    // no user whose next item is among the candidates of their history, so it cannot be trained.
    StringBuilder lines = new StringBuilder();
    for (int user = 1; user <= 60; user++) {
      lines.append("u").append(user);
      for (String item : List.of("a", "b", "c", "d")) {
        lines.append(" u").append(user).append('-').append(item);
      }
      lines.append('\n');
    }
    Path data = Files.writeString(dir.resolve("disjoint.txt"), lines);
    Path reports = dir.resolve("reports");

    int status = cli.run("eval", "--data", data.toString(), "--format", "sequences", "--models", "pop,markov,default,cooc",
        "--out", reports.toString());

    assertEquals(1, status, cli.err.toString());
    String reason = "no user's last item is among the candidates of their history";
    String table = cli.out.toString();
    for (String model : List.of("pop", "markov", "cooc")) {
      assertEquals(2, table.lines().filter(line -> line.matches("\\| " + model + " \\| \\d\\.\\d{4} \\|.* \\|  \\|")).count(),
          model + " has a row of figures, its 'failed because' cell empty, in each table:\n" + table);
    }
    List<String> failedRows = table.lines().filter(line -> line.startsWith("| default |")).toList();
    assertEquals(2, failedRows.size(), "a row in each protocol's table:\n" + table);
    failedRows.forEach(row -> assertTrue(row.startsWith("| default | – |") && row.contains(reason), row));
    assertTrue(table.contains("| failed because |"), table);
    assertTrue(cli.err.toString().contains("1 of 4 models failed (default)"), cli.err.toString());
    assertFalse(cli.err.toString().contains("\tat "), "no stack trace on the console:\n" + cli.err);

    JsonObject models = new JsonObject(Files.readString(reports.resolve("report.json"))).getJsonObject("models");
    assertEquals(List.of("pop", "markov", "cooc", "default"), List.copyOf(models.fieldNames()));
    assertTrue(models.getJsonObject("cooc").getJsonObject("full").containsKey("NDCG@10"));
    assertTrue(models.getJsonObject("default").getString("error").contains(reason), models.encode());
    assertTrue(Files.readString(reports.resolve("report.md")).contains("| default | – |"));
    String html = Files.readString(reports.resolve("report.html"));
    assertTrue(html.contains("<td>default</td><td>" + reason), html);
    String trace = Files.readString(reports.resolve("failed-default.txt"));
    assertTrue(trace.contains("IllegalStateException") && trace.contains("\tat dev.recstream."), trace);
  }

  @Test
  @DisplayName("an unknown model name is bad usage, named before any data is read")
  void unknownModel(@TempDir Path dir) {
    assertEquals(2, cli.run("eval", "--data", dir.resolve("missing.txt").toString(), "--format", "sequences", "--models", "pop,bert4rec"));
    assertTrue(cli.err.toString().contains("unknown model 'bert4rec'"), cli.err.toString());
  }

  @Test
  @DisplayName("--task search ranks attribute queries with the served blend and writes report.json and report.md")
  void search(@TempDir Path dir) throws Exception {
    Path data = Cli.chains(dir, 300, 50, 6, 7);
    StringBuilder attributes = new StringBuilder("{");
    for (int item = 1; item <= 50; item++) {
      // Ten items per category, and five share each (category, brand): text alone cannot find the target.
      attributes.append(item == 1 ? "" : ",").append('"').append(item).append("\": [").append(100 + item % 5).append(", ")
          .append(200 + item % 2).append(']');
    }
    Files.writeString(dir.resolve("item2attributes.json"), attributes.append('}'));
    Path reports = dir.resolve("reports");

    assertEquals(0, cli.run("eval", "--task", "search", "--data", data.toString(), "--format", "sequences", "--models", "pop,cooc",
        "--out", reports.toString()), cli.err.toString());

    JsonObject json = new JsonObject(Files.readString(reports.resolve("report.json")));
    assertEquals("search-attribute-queries", json.getString("protocol"));
    JsonObject rankers = json.getJsonObject("candidateSets").getJsonObject("any").getJsonObject("rankers");
    assertEquals(List.of("text", "popularity", "text+popularity", "personal:pop", "personal:cooc"), List.copyOf(rankers.fieldNames()));
    assertTrue(rankers.getJsonObject("personal:cooc").getDouble("MRR") > rankers.getJsonObject("text+popularity").getDouble("MRR"),
        "the chains are learnable, so history must help:\n" + cli.out);
    assertTrue(Files.exists(reports.resolve("report.md")));
    assertFalse(Files.exists(reports.resolve("report.html")));
    String table = cli.out.toString();
    assertTrue(table.contains("## Candidates: all") && table.contains("## Candidates: any") && table.contains("| personal:cooc |"), table);
    assertTrue(table.contains("report.{json,md}"), table);
  }

  @Test
  @DisplayName("an unknown --task is bad usage, named before any data is read")
  void unknownTask(@TempDir Path dir) {
    assertEquals(2, cli.run("eval", "--task", "serch", "--data", dir.resolve("missing.txt").toString(), "--format", "sequences"));
    assertTrue(cli.err.toString().contains("--task: unknown task 'serch'; known: rec, search"), cli.err.toString());
  }
}
