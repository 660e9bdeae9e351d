package dev.recstream.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.ProgressListener;
import dev.recstream.model.search.SearchBlend.Weights;
import dev.recstream.trainer.SearchQueries.Candidates;
import dev.recstream.trainer.report.SearchReport;
import dev.recstream.trainer.report.SearchReport.CandidateSetResult;
import dev.recstream.trainer.report.SearchReport.RankerResult;
import dev.recstream.trainer.report.SearchReport.SweepPoint;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search evaluation on a catalog small enough to rank by hand. Attributes: 10 lipstick, 20
 * brand A, 30 brand B, 40 nail. Items (index: attributes): 1 [10 20], 2 [10 30], 3 [10], 4 [10 20
 * 40], 5 [40], 6 [40 30], 7 none. Training counts (the sequences without their last item): 1:1,
 * 2:4, 3:6, 4:2, 5:3, 6:5, so popularity = count / 6.
 *
 * <p>Evaluated users (history → target): A [5 6] → 1, B [2 3] → 4, E [4 2] → 2 (a repeat), and D
 * [1 2] → 7, skipped because item 7 has no attributes. The ranks, worked out in the comments of
 * each test, never involve a tie.
 */
@DisplayName("SearchEvaluation")
class SearchEvaluationTest {
  private static final double EPS = 1e-12;
  private static final double LOG2_3 = Math.log(3) / Math.log(2);

  private static SequenceDataset shop() {
    ItemVocabulary items = new ItemVocabulary();
    for (int i = 1; i <= 7; i++) {
      items.add("i" + i);
    }
    List<UserSequence> users = List.of(
        UserSequence.of("A", 5, 6, 1), UserSequence.of("B", 2, 3, 4), UserSequence.of("D", 1, 2, 7),
        UserSequence.of("E", 4, 2, 2),
        // Not evaluated (fewer than 3 items), only shaping the training counts.
        UserSequence.of("f1", 3, 3), UserSequence.of("f2", 3, 3), UserSequence.of("f3", 3, 6),
        UserSequence.of("f4", 6, 6), UserSequence.of("f5", 6, 5), UserSequence.of("f6", 5, 2), UserSequence.of("f7", 4));
    Map<Integer, int[]> attributes = Map.of(1, new int[] {10, 20}, 2, new int[] {10, 30}, 3, new int[] {10},
        4, new int[] {10, 20, 40}, 5, new int[] {40}, 6, new int[] {40, 30});
    return new SequenceDataset("shop", items, users, attributes);
  }

  private static SearchReport run(SequenceDataset data, List<String> models, boolean validation, EvaluationOptions options) {
    return SearchEvaluation.run(data, models, options, name -> ProgressListener.NONE, validation, model -> {});
  }

  private static Map<String, Double> row(SearchReport report, String set, String ranker) {
    CandidateSetResult result = report.sets().stream().filter(s -> s.name().equals(set)).findFirst().orElseThrow();
    return result.rankers().stream().filter(r -> r.ranker().equals(ranker)).findFirst().orElseThrow().metrics();
  }

  private static void assertMetrics(double mrr, double ndcg, double hr, Map<String, Double> actual) {
    assertEquals(List.of("MRR", "NDCG@10", "HR@10"), List.copyOf(actual.keySet()));
    assertEquals(mrr, actual.get("MRR"), EPS, "MRR");
    assertEquals(ndcg, actual.get("NDCG@10"), EPS, "NDCG@10");
    assertEquals(hr, actual.get("HR@10"), EPS, "HR@10");
  }

  @Test
  @DisplayName("a candidate set holds the matching items minus the history, and always the target")
  void candidateSets() {
    SearchQueries queries = new SearchQueries(shop().itemAttributes(), 7);
    SearchQueries.Matcher matcher = queries.matcher();

    SearchQueries.Match a = matcher.match(new int[] {5, 6}, 1);
    assertEquals("a10 a20", a.query());
    assertArrayEquals(new int[] {1, 4}, sorted(a.all()), "all: items carrying 10 and 20");
    assertArrayEquals(new int[] {1, 2, 3, 4}, sorted(a.any()), "any: items carrying 10 or 20");

    SearchQueries.Match historyExcluded = matcher.match(new int[] {3, 4}, 1);
    assertArrayEquals(new int[] {1}, sorted(historyExcluded.all()));
    assertArrayEquals(new int[] {1, 2}, sorted(historyExcluded.any()));

    SearchQueries.Match repeat = matcher.match(new int[] {4, 2}, 2);
    assertArrayEquals(new int[] {2}, sorted(repeat.all()), "the target stays a candidate though it is in the history");
    assertArrayEquals(new int[] {1, 2, 3, 6}, sorted(repeat.any()));

    assertFalse(queries.hasQuery(7));
    assertThrows(IllegalArgumentException.class, () -> matcher.match(new int[] {1}, 7));
  }

  @Test
  @DisplayName("the text score is the share of query tokens carried over 1 + ln(the item's attributes)")
  void textScore() {
    SearchQueries.Match b = new SearchQueries(shop().itemAttributes(), 7).matcher().match(new int[] {2, 3}, 4);
    Map<Integer, Double> text = new HashMap<>();
    for (int i = 0; i < b.any().size(); i++) {
      text.put(b.any().items()[i], b.any().text()[i]);
    }
    assertEquals(Map.of(1, (2 / 3.0) / (1 + Math.log(2)), 4, 1 / (1 + Math.log(3)), 5, 1 / 3.0, 6, (1 / 3.0) / (1 + Math.log(2))),
        text);
  }

  @Test
  @DisplayName("text, popularity and text+popularity score as worked out by hand, and the user without a query is skipped")
  void nonPersonalRankers() {
    SearchReport report = run(shop(), List.of(), false, EvaluationOptions.defaults());

    assertEquals(3, report.setup().scoredUsers());
    assertEquals(1, report.setup().skippedUsers(), "D's target has no attributes");
    // all: A {1, 4}, B {4}, E {2}. The target always has the best text score (it is the shortest
    // document carrying every token): text ranks 0, 0, 0. Popularity: A's 4 (2/6) beats 1 (1/6).
    assertMetrics(1, 1, 1, row(report, "all", "text"));
    assertMetrics((0.5 + 1 + 1) / 3, (1 / LOG2_3 + 2) / 3, 1, row(report, "all", "popularity"));
    assertMetrics(1, 1, 1, row(report, "all", "text+popularity"));
    // any: A {1,2,3,4}, B {1,4,5,6}, E {1,2,3,6}. Popularity ranks the targets 3, 2, 2.
    // text+popularity for A: 3 scores (1+ln2)/2 + 0.2 = 1.0466 over the target's 1 + 0.2/6 = 1.0333;
    // B and E keep their targets first.
    assertMetrics(1, 1, 1, row(report, "any", "text"));
    assertMetrics((1 / 4.0 + 1 / 3.0 + 1 / 3.0) / 3, (1 / (Math.log(5) / Math.log(2)) + 2 * 0.5) / 3, 1,
        row(report, "any", "popularity"));
    assertMetrics((0.5 + 1 + 1) / 3, (1 / LOG2_3 + 2) / 3, 1, row(report, "any", "text+popularity"));

    CandidateSetResult all = report.sets().get(0);
    assertEquals(1, all.medianCandidates(), EPS);
    assertEquals(4 / 3.0, all.meanCandidates(), EPS);
    assertEquals(1, all.meanTextTies(), EPS, "no two candidates share an attribute set");
    assertEquals(4, report.sets().get(1).medianCandidates(), EPS);
    assertEquals(4, report.sets().get(1).meanCandidates(), EPS);
    assertTrue(report.sweep().isEmpty(), "the sweep runs on validation items only");
  }

  @Test
  @DisplayName("a personal ranker blends the model's min–max scaled scores with the default weights, as worked out by hand")
  void personalRanker() {
    SearchReport report = run(shop(), List.of("pop"), false, EvaluationOptions.defaults());

    // pop's score is the training count; scaled over the candidates, it adds 0.2 × (c − min)/(max − min).
    // all: A's 4 scores 0.8068 + 0.2 + 0.0667 = 1.0735 over the target's 1 + 0 + 0.0333: ranks 1, 0, 0.
    assertMetrics((0.5 + 1 + 1) / 3, (1 / LOG2_3 + 2) / 3, 1, row(report, "all", "personal:pop"));
    // any: A's 3 scores 0.8466 + 0.2 + 0.2 = 1.2466 over the target's 1.0333; B's target 1 + 0.05 +
    // 0.0667 = 1.1167 beats 6's 0.4132 + 0.2 + 0.1667; E's target 1 + 0.12 + 0.1333 = 1.2533 just beats 3's 1.2466.
    assertMetrics((0.5 + 1 + 1) / 3, (1 / LOG2_3 + 2) / 3, 1, row(report, "any", "personal:pop"));
    assertEquals(List.of("text", "popularity", "text+popularity", "personal:pop"),
        report.sets().get(1).rankers().stream().map(RankerResult::ranker).toList());
  }

  @Test
  @DisplayName("on validation items, the sweep's weight 0 is text+popularity and its 0.6 the default personal ranker")
  void validationSweep() {
    SearchReport report = run(shop(), List.of("pop"), true, EvaluationOptions.defaults());

    assertEquals(2 * SearchEvaluation.PERSONAL_SWEEP.size(), report.sweep().size());
    for (SweepPoint point : report.sweep()) {
      if (point.personalWeight() == 0) {
        assertEquals(row(report, point.candidateSet(), "text+popularity"), point.metrics(), point.toString());
      }
      if (point.personalWeight() == Weights.DEFAULT.personal()) {
        assertEquals(row(report, point.candidateSet(), "personal:pop"), point.metrics(), point.toString());
      }
    }
    JsonObject sweep = report.toJson().getJsonObject("personalWeightSweep");
    assertEquals(Set.of("0.0", "0.2", "0.6", "1.0", "2.0", "5.0"), sweep.getJsonObject("pop").getJsonObject("any").fieldNames());
    assertTrue(report.toMarkdown().contains("## Personal weight (validation items)"));
  }

  @Test
  @DisplayName("tied candidates fall in a seeded random order, the same for every weighting")
  void ties() {
    // Two candidates with equal text and popularity: text and popularity alone tie them.
    Candidates twins = new Candidates(new int[] {1, 2}, new double[] {0.5, 0.5});
    SearchRanker ranker = new SearchRanker(new double[] {0, 0.5, 0.5});
    Set<Integer> seen = new HashSet<>();
    for (long seed = 0; seed < 64; seed++) {
      int[] ranks = ranker.ranks(twins, 1, "a1", null, List.of(SearchEvaluation.TEXT, SearchEvaluation.POPULARITY), seed);
      assertEquals(ranks[0], ranks[1], "the same order under both weightings");
      seen.add(ranks[0]);
      assertArrayEquals(ranks, ranker.ranks(twins, 1, "a1", null, List.of(SearchEvaluation.TEXT, SearchEvaluation.POPULARITY), seed));
    }
    assertEquals(Set.of(0, 1), seen, "either order, depending on the seed");
  }

  @Test
  @DisplayName("the results do not depend on the number of threads")
  void threads() {
    SequenceDataset data = randomShop(400, 60, 11);
    EvaluationOptions options = EvaluationOptions.defaults().withSeed(5);
    SearchReport one = run(data, List.of("cooc"), false, options.withThreads(1));
    SearchReport four = run(data, List.of("cooc"), false, options.withThreads(4));
    assertEquals(one.toJson().getJsonObject("candidateSets"), four.toJson().getJsonObject("candidateSets"));
  }

  @Test
  @DisplayName("writes report.json and report.md, the latter with what the protocol can and cannot show")
  void writesReports(@TempDir Path dir) throws Exception {
    run(shop(), List.of("pop"), false, EvaluationOptions.defaults()).writeTo(dir);

    JsonObject json = new JsonObject(Files.readString(dir.resolve("report.json")));
    assertEquals(SearchReport.PROTOCOL, json.getString("protocol"));
    assertEquals("test", json.getString("view"));
    assertEquals(1, json.getJsonObject("users").getInteger("skippedNoAttributes"));
    assertEquals(List.of("all", "any"), List.copyOf(json.getJsonObject("candidateSets").fieldNames()));
    assertTrue(json.getJsonObject("models").getJsonObject("pop").containsKey("trainSeconds"));
    String md = Files.readString(dir.resolve("report.md"));
    assertTrue(md.contains("## Candidates: all") && md.contains("## Candidates: any") && md.contains("| personal:pop |"), md);
    assertTrue(md.contains("cannot measure query understanding"), md);
  }

  @Test
  @DisplayName("a dataset without item attributes is refused with a sentence")
  void noAttributes() {
    SequenceDataset shop = shop();
    SequenceDataset bare = new SequenceDataset("bare", shop.items(), shop.users());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(bare, List.of(), false,
        EvaluationOptions.defaults()));
    assertTrue(e.getMessage().contains("no search query can be built"), e.getMessage());
  }

  /** Users walking random items of a catalog whose items carry 1–4 of 12 attributes. */
  private static SequenceDataset randomShop(int users, int items, long seed) {
    Random random = new Random(seed);
    ItemVocabulary vocabulary = new ItemVocabulary();
    Map<Integer, int[]> attributes = new HashMap<>();
    for (int i = 1; i <= items; i++) {
      vocabulary.add("i" + i);
      attributes.put(i, random.ints(1 + random.nextInt(4), 1, 13).toArray());
    }
    UserSequence[] sequences = new UserSequence[users];
    for (int u = 0; u < users; u++) {
      sequences[u] = UserSequence.of("u" + u, random.ints(3 + random.nextInt(5), 1, items + 1).toArray());
    }
    return new SequenceDataset("random", vocabulary, Arrays.asList(sequences), attributes);
  }

  private static int[] sorted(Candidates candidates) {
    int[] items = candidates.items().clone();
    Arrays.sort(items);
    return items;
  }
}
