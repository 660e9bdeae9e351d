package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.twostage.TwoStagePackage;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("recstream train")
class TrainCommandTest {
  private final Cli cli = new Cli();

  @Test
  @DisplayName("writes a model package that opens again and recommends what follows an item")
  void writesAPackageThatServes(@TempDir Path dir) throws Exception {
    Path pkg = dir.resolve("model");
    assertEquals(0, cli.run("train", "--data", Cli.chains(dir, 400, 80, 7, 11).toString(), "--format", "sequences", "--out", pkg.toString()), cli.err.toString());
    assertTrue(cli.out.toString().contains("| two-stage |"), "prints the metrics table");

    JsonObject metadata = new JsonObject(Files.readString(pkg.resolve(TwoStagePackage.METADATA)));
    assertEquals(TwoStagePackage.KIND, metadata.getString("kind"));
    assertEquals(400, metadata.getJsonObject("training").getInteger("users"));
    assertTrue(metadata.getJsonObject("metrics").getJsonObject("full").containsKey("NDCG@10"));
    assertEquals(metadata.getJsonObject("input").getJsonArray("features").size(),
        metadata.getJsonObject("input").getJsonArray("features").stream().distinct().count());

    try (TwoStagePackage model = TwoStagePackage.open(pkg)) {
      List<Map.Entry<String, Float>> recs = model.recommend(List.of(List.of("10", "11", "12")), 5).get(0);
      assertFalse(recs.isEmpty());
      assertEquals("13", recs.get(0).getKey(), "the chain continues with 13: " + recs);
      assertFalse(recs.stream().anyMatch(e -> List.of("10", "11", "12").contains(e.getKey())), "never the user's own items");
    }
  }

  @Test
  @DisplayName("refuses data with nothing to learn, with a sentence saying why")
  void refusesDataWithoutSignal(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("repeats.txt");
    Files.writeString(file, "1 5 5 5 5\n2 6 6 6 6\n3 7 7 7\n");
    assertEquals(1, cli.run("train", "--data", file.toString(), "--format", "sequences", "--out", dir.resolve("m").toString()));
    assertTrue(cli.err.toString().contains("nothing to train the ranker on"), cli.err.toString());
  }

  @Test
  @DisplayName("refuses a training larger than its memory budget before it starts, with what it would need")
  void refusesWhatDoesNotFit(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("m");
    assertEquals(1, cli.run("train", "--data", Cli.chains(dir, 400, 80, 7, 11).toString(), "--format", "sequences",
        "--out", out.toString(), "--memory-budget", "64m"));
    String err = cli.err.toString();
    assertTrue(err.contains("needs about") && err.contains("more than the training budget of 64 MB"), err);
    assertFalse(err.contains("OutOfMemoryError") || err.contains("\tat "), "one sentence, no trace: " + err);
    assertFalse(Files.exists(out), "nothing written");
    assertFalse(cli.out.toString().contains("| two-stage |"), "refused before the evaluation");
  }

  @Test
  @DisplayName("names --model when it is not a model train can package")
  void badModel(@TempDir Path dir) throws Exception {
    assertBadUsage(dir, "--model", "cooc",
        "--model: must be two-stage, two-stage+sasrec, two-stage+gru4rec, sasrec, sasrec-N or gru4rec, was cooc");
  }

  @Test
  @DisplayName("refuses an ablation: its package would not serve as it was trained")
  void ablationIsNotAPackage(@TempDir Path dir) throws Exception {
    assertBadUsage(dir, "--model", "two-stage-without-tail", "--model: must be two-stage, two-stage+sasrec, "
        + "two-stage+gru4rec, sasrec, sasrec-N or gru4rec, was two-stage-without-tail");
  }

  @Test
  @DisplayName("names --memory-budget when it cannot read it")
  void badBudget(@TempDir Path dir) throws Exception {
    assertBadUsage(dir, "--memory-budget", "lots",
        "--memory-budget: must be a share of the heap such as 50% or a size such as 512m or 3g");
  }

  /** {@code train} on good data with {@code option value} is bad usage (exit 2) saying {@code sentence}. */
  private void assertBadUsage(Path dir, String option, String value, String sentence) throws Exception {
    assertEquals(2, cli.run("train", "--data", Cli.chains(dir, 40, 20, 7, 11).toString(), "--format", "sequences",
        "--out", dir.resolve("m").toString(), option, value));
    assertTrue(cli.err.toString().contains(sentence), cli.err.toString());
  }
}
