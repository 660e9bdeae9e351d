package dev.recstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recstream.model.twostage.TwoStagePackage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A package written before the per-item lists existed (commit 2ca894b: {@code recstream train} on
 * 400 noisy chains over 120 items, in test resources) opens and serves what that code served. Its
 * expected lists were printed by that code's {@code TwoStagePackage.recommend}: each line is a
 * history, then {@code ->}, then the top 10 as {@code id:probability}.
 */
@DisplayName("A two-stage package written by earlier code")
class TwoStagePackageCompatibilityTest {
  private static final String PACKAGE = "/two-stage-package-2ca894b";

  @Test
  @DisplayName("opens, derives its per-item lists, and recommends the same top 10 with the same probabilities")
  void servesWhatItServedBefore() throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getResource(PACKAGE).toURI());
    List<List<String>> histories = new ArrayList<>();
    List<String[]> expected = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("expected-top10.txt"))) {
      String[] parts = line.split(" -> ");
      histories.add(Arrays.asList(parts[0].split(" ")));
      expected.add(parts[1].split(" "));
    }
    try (TwoStagePackage model = TwoStagePackage.open(dir)) {
      List<List<Map.Entry<String, Float>>> lists = model.recommend(histories, 10);
      for (int u = 0; u < histories.size(); u++) {
        List<Map.Entry<String, Float>> list = lists.get(u);
        assertEquals(expected.get(u).length, list.size(), "list length for " + histories.get(u));
        for (int i = 0; i < list.size(); i++) {
          String[] idAndScore = expected.get(u)[i].split(":");
          String what = "item " + i + " for " + histories.get(u);
          assertEquals(idAndScore[0], list.get(i).getKey(), what);
          assertEquals(Float.parseFloat(idAndScore[1]), list.get(i).getValue(), 1e-5, what);
        }
      }
    }
  }
}
