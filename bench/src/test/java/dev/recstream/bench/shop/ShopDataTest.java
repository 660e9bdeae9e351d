package dev.recstream.bench.shop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.EvaluationResult;
import dev.recstream.model.eval.ProgressListener;
import dev.recstream.trainer.OfflineEvaluation;
import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import dev.recstream.trainer.data.ReaderOptions;
import dev.recstream.trainer.report.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@DisplayName("The shop data generator")
class ShopDataTest {
  /** The small shop of the brief: big enough for the models to tell signal from noise, fast to evaluate. */
  private static final int USERS = 2_000;
  private static final int ITEMS = 500;
  private static final long EVENTS = 40_000;

  private static ShopOptions small(Path dir, DatasetFormat format) {
    String name = format == DatasetFormat.SEQUENCES ? "sequences.txt" : "events.csv";
    return ShopOptions.of(USERS, ITEMS, EVENTS, format, dir.resolve(name));
  }

  private static SequenceDataset read(ShopOptions options) throws IOException {
    return DatasetReaders.read(options.out(), options.format(), ReaderOptions.DEFAULTS);
  }

  @Test
  @DisplayName("writes the same bytes for the same options and other bytes for another seed")
  void deterministic(@TempDir Path dir) throws IOException {
    for (DatasetFormat format : List.of(DatasetFormat.SEQUENCES, DatasetFormat.EVENTS_CSV)) {
      ShopOptions first = ShopOptions.of(300, 200, 6_000, format, dir.resolve("a").resolve("data"));
      ShopOptions again = first.withOut(dir.resolve("b").resolve("data"));
      ShopOptions otherSeed = first.withSeed(43).withOut(dir.resolve("c").resolve("data"));
      ShopData.generate(first);
      ShopData.generate(again);
      ShopData.generate(otherSeed);

      byte[] bytes = Files.readAllBytes(first.out());
      assertArrayEquals(bytes, Files.readAllBytes(again.out()), format.wireName());
      assertFalse(Arrays.equals(bytes, Files.readAllBytes(otherSeed.out())), format.wireName());
    }
    Path attributes = dir.resolve("a").resolve(SequencesFile.ATTRIBUTES_FILE);
    assertArrayEquals(Files.readAllBytes(attributes), Files.readAllBytes(dir.resolve("b").resolve(SequencesFile.ATTRIBUTES_FILE)));
  }

  @Test
  @DisplayName("writes a sequences file the project's reader reads with every user, every event and its categories")
  void sequencesReadBack(@TempDir Path dir) throws IOException {
    ShopOptions options = small(dir, DatasetFormat.SEQUENCES);
    ShopSummary summary = ShopData.generate(options);
    SequenceDataset data = read(options);

    assertEquals(USERS, data.users().size());
    assertEquals(EVENTS, data.actions());
    assertEquals(EVENTS, summary.events());
    // Items are drawn, not enumerated: the least popular may never come up. Here 2 % may be missing.
    assertTrue(data.items().size() <= ITEMS && data.items().size() >= ITEMS * 0.98, "items: " + data.items().size());
    assertEquals(summary.itemsSeen(), data.items().size());
    assertTrue(data.users().stream().allMatch(u -> u.length() >= ShopOptions.MIN_EVENTS_PER_USER));
    // item2attributes.json beside the file: one category of the default ITEMS / 100 per item
    assertEquals(data.items().size(), data.itemAttributes().size());
    assertTrue(data.itemAttributes().values().stream().allMatch(a -> a.length == 1 && a[0] >= 1 && a[0] <= ITEMS / 100));
  }

  @Test
  @DisplayName("writes an events-csv file of the same events, with times increasing per user and a view-heavy mix of types")
  void eventsCsvReadBack(@TempDir Path dir) throws IOException {
    SequenceDataset csv = read(generated(small(dir, DatasetFormat.EVENTS_CSV)));
    SequenceDataset sequences = read(generated(small(dir, DatasetFormat.SEQUENCES)));

    assertEquals(USERS, csv.users().size());
    assertEquals(EVENTS, csv.actions());
    for (int u = 0; u < USERS; u++) {
      UserSequence user = csv.users().get(u);
      assertEquals(ids(sequences, sequences.users().get(u)), ids(csv, user), "user " + user.userId());
      for (int i = 1; i < user.length(); i++) {
        assertTrue(user.timestamps()[i] > user.timestamps()[i - 1], "user " + user.userId() + " event " + i);
      }
    }
    Map<String, Integer> types = new HashMap<>();
    csv.users().forEach(u -> Arrays.stream(u.types()).forEach(t -> types.merge(t, 1, Integer::sum)));
    assertEquals(List.of("add_to_cart", "click", "purchase", "view"), types.keySet().stream().sorted().toList());
    assertTrue(types.get("view") > types.get("click") && types.get("click") > types.get("add_to_cart")
        && types.get("add_to_cart") > types.get("purchase"), types.toString());
    assertEquals(csv.items().size(), csv.itemAttributes().size(), "every item has its category");
  }

  @Test
  @DisplayName("gives the top 1 % of items over 20 times their share under Zipf 1.0 and about their share under Zipf 0, and a few users many events")
  void skew(@TempDir Path dir) throws IOException {
    ShopSummary zipf = ShopData.generate(small(dir, DatasetFormat.SEQUENCES));
    ShopSummary uniform = ShopData.generate(small(dir, DatasetFormat.SEQUENCES).withZipf(0));

    // 500 items, so the top 1 % are 5 items: about a third of the draws from popularity, fewer of
    // the related items' (spread over each category's head); larger catalogs have heavier heads.
    assertTrue(zipf.topShare() > 0.2, "Zipf 1.0: top 1 % share " + zipf.topShare());
    assertTrue(uniform.topShare() < 0.05, "Zipf 0: top 1 % share " + uniform.topShare());

    int[] perUser = read(small(dir, DatasetFormat.SEQUENCES)).users().stream().mapToInt(UserSequence::length).sorted().toArray();
    int median = perUser[perUser.length / 2];
    assertTrue(perUser[perUser.length - 1] >= 10 * median, "busiest " + perUser[perUser.length - 1] + ", median " + median);
    assertTrue(median < EVENTS / USERS, "median " + median + " below the mean " + EVENTS / USERS);
  }

  @Test
  @DisplayName("carries a co-occurrence signal with locality: cooc beats pop twice over at 0.9 and not at 0")
  void locality(@TempDir Path dir) throws IOException {
    ShopOptions local = small(dir, DatasetFormat.SEQUENCES).withLocality(0.9);
    double coocOverPop = coocOverPop(read(generated(local)));
    double coocOverPopWithout = coocOverPop(read(generated(local.withLocality(0))));

    // Measured: 0.45 against 0.16 at 0.9; 0.30 against 0.33 at 0 (pop is strong on 500 items).
    assertTrue(coocOverPop > 2, "locality 0.9: cooc NDCG@10 / pop NDCG@10 = " + coocOverPop);
    assertTrue(coocOverPopWithout < 1.1, "locality 0: cooc NDCG@10 / pop NDCG@10 = " + coocOverPopWithout);
  }

  @Test
  @DisplayName("refuses options it cannot honour with a sentence naming the option, exit status 2")
  void badOptions(@TempDir Path dir) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShopOptions.of(100, 50, 200, DatasetFormat.SEQUENCES, dir.resolve("x")));
    assertEquals("--events: must be at least 3 × --users (300), so that leave-one-out keeps every user, got 200", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> small(dir, DatasetFormat.SEQUENCES).withLocality(1.5));

    assertEquals(2, new CommandLine(new ShopData()).execute("--format", "pairs", "--out", dir.resolve("x").toString()));
    assertFalse(Files.exists(dir.resolve("x")));
  }

  private static ShopOptions generated(ShopOptions options) throws IOException {
    ShopData.generate(options);
    return options;
  }

  private static List<String> ids(SequenceDataset data, UserSequence user) {
    return Arrays.stream(user.items()).mapToObj(data.items()::idOf).toList();
  }

  private static double coocOverPop(SequenceDataset data) {
    EvaluationReport report = OfflineEvaluation.run(data, List.of("pop", "cooc"), EvaluationOptions.defaults(),
        model -> ProgressListener.NONE);
    assertTrue(report.failures().isEmpty(), report.failures().toString());
    Map<String, Double> ndcg = new HashMap<>();
    for (EvaluationResult result : report.results()) {
      ndcg.put(result.modelName(), result.full().get("NDCG@10"));
    }
    return ndcg.get("cooc") / ndcg.get("pop");
  }
}
