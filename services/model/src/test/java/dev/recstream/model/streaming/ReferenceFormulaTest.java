package dev.recstream.model.streaming;

import static dev.recstream.model.streaming.StreamingCooccurrenceRecommender.FOLLOWS_REASON;
import static dev.recstream.model.streaming.StreamingCooccurrenceRecommender.MAX_NEIGHBOURS;
import static dev.recstream.model.streaming.StreamingCooccurrenceRecommender.POPULARITY_HALF_LIFE;
import static dev.recstream.model.streaming.StreamingCooccurrenceRecommender.POPULAR_REASON;
import static dev.recstream.model.streaming.StreamingCooccurrenceRecommender.RECENCY;
import static dev.recstream.model.streaming.StreamingCooccurrenceRecommender.SCORED_RECENT;
import static dev.recstream.model.streaming.StreamingCooccurrenceRecommender.TRANSITION;
import static dev.recstream.model.streaming.StreamingCooccurrenceRecommender.WINDOW;
import static dev.recstream.model.streaming.StreamingCooccurrenceRecommender.WINDOW_DECAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays a seeded, Zipf-skewed stream into the model and into {@link Reference}, a plain
 * String-keyed-maps reading of the documented formula, and asks for the very same lists: ids,
 * scores (bit for bit: both sum the terms in the formula's order) and reasons.
 */
@DisplayName("The model's lists equal a maps-based reference of the documented formula")
class ReferenceFormulaTest {
  private static final Comparator<Map.Entry<String, Double>> BEST_FIRST =
      Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

  @ParameterizedTest(name = "{0} items, {1} users, {2} events")
  @CsvSource({
      // At most 500 learned items: the cached popular list is always fresh, so fillers are compared too.
      "300, 60, 4000, false",
      // Rows overflow 2 × MAX_NEIGHBOURS and are pruned, and the popular list is cached (the
      // reference does not model its refresh rules), so only the personal part is compared.
      "3000, 400, 20000, true"})
  @DisplayName("on a seeded skewed stream")
  void sameListsAsTheReference(int catalog, int users, int events, boolean large) {
    StreamingCooccurrenceRecommender model = new StreamingCooccurrenceRecommender();
    Reference reference = new Reference();
    Random random = new Random(7);
    double[] zipf = zipfCdf(catalog);
    List<List<String>> recentByUser = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      recentByUser.add(List.of());
    }
    int compared = 0;
    for (int e = 0; e < events; e++) {
      int user = random.nextInt(users);
      String item = "i" + draw(zipf, random);
      List<String> recent = new ArrayList<>(List.of(item));
      List<String> previous = recentByUser.get(user);
      recent.addAll(previous.subList(0, Math.min(previous.size(), SequenceUpdate.RECENT_ITEMS - 1)));
      recentByUser.set(user, recent);
      model.learn(new SequenceUpdate("u" + user, "e" + e, item, "view", recent, e));
      reference.learn(item, recent);
      if (e % 7 == 0) {
        List<ScoredItem> expected = reference.recommend(recent, 10);
        List<ScoredItem> actual = model.recommend(recent, 10);
        if (large) {
          expected = personal(expected);
          actual = personal(actual);
        }
        assertEquals(expected, actual, "event " + e + ", recent " + recent);
        compared++;
      }
    }
    assertTrue(compared > 0);
    assertEquals(large, reference.pruned, "only the large catalog's rows overflow");
  }

  private static List<ScoredItem> personal(List<ScoredItem> list) {
    return list.stream().filter(s -> !POPULAR_REASON.equals(s.reason())).toList();
  }

  private static double[] zipfCdf(int n) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int rank = 1; rank <= n; rank++) {
      sum += 1.0 / rank;
      cdf[rank - 1] = sum;
    }
    for (int i = 0; i < n; i++) {
      cdf[i] /= sum;
    }
    return cdf;
  }

  private static int draw(double[] cdf, Random random) {
    int i = Arrays.binarySearch(cdf, random.nextDouble());
    return Math.min(i >= 0 ? i : -i - 1, cdf.length - 1);
  }

  /** The class Javadoc's formula over String-keyed maps, as directly as it can be written. */
  private static final class Reference {
    final Map<String, Map<String, Double>> cooccurrence = new HashMap<>();
    final Map<String, Map<String, Double>> transitions = new HashMap<>();
    final Map<String, Integer> counts = new HashMap<>();
    final Map<String, Double> popularity = new HashMap<>();
    double increment = 1.0;
    boolean pruned;
    /** RECENCY^j, as the model builds it: one multiplication per step. */
    final double[] recency = new double[SCORED_RECENT];

    Reference() {
      recency[0] = 1.0;
      for (int j = 1; j < SCORED_RECENT; j++) {
        recency[j] = recency[j - 1] * RECENCY;
      }
    }

    void learn(String item, List<String> recent) {
      counts.merge(item, 1, Integer::sum);
      popularity.merge(item, increment, Double::sum);
      increment *= Math.pow(2, 1 / POPULARITY_HALF_LIFE);
      double weight = 1.0;
      for (int j = 1; j <= Math.min(WINDOW, recent.size() - 1); j++, weight *= WINDOW_DECAY) {
        String previous = recent.get(j);
        if (!previous.equals(item)) {
          add(cooccurrence, previous, item, weight);
          add(cooccurrence, item, previous, weight);
          if (j == 1) {
            add(transitions, previous, item, 1.0);
          }
        }
      }
    }

    void add(Map<String, Map<String, Double>> matrix, String from, String to, double weight) {
      Map<String, Double> row = matrix.computeIfAbsent(from, f -> new HashMap<>());
      row.merge(to, weight, Double::sum);
      if (row.size() > 2 * MAX_NEIGHBOURS) {
        List<Map.Entry<String, Double>> strongest = row.entrySet().stream().sorted(BEST_FIRST)
            .limit(MAX_NEIGHBOURS).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        row.clear();
        strongest.forEach(entry -> row.put(entry.getKey(), entry.getValue()));
        pruned = true;
      }
    }

    /** The j-th recent item's term of c's score (the transition term belongs to the newest). */
    double term(List<String> recent, int j, String c) {
      String r = recent.get(j);
      double rNorm = counts.getOrDefault(r, 0) + 1.0;
      double cooc = cooccurrence.getOrDefault(r, Map.of()).getOrDefault(c, 0.0);
      return recency[j] * cooc / Math.sqrt(rNorm * (counts.getOrDefault(c, 0) + 1.0));
    }

    double transitionTerm(List<String> recent, String c) {
      double t = transitions.getOrDefault(recent.get(0), Map.of()).getOrDefault(c, 0.0);
      return TRANSITION * t / (counts.getOrDefault(recent.get(0), 0) + 1.0);
    }

    List<ScoredItem> recommend(List<String> recent, int k) {
      int scored = Math.min(SCORED_RECENT, recent.size());
      Set<String> candidates = new HashSet<>(transitions.getOrDefault(recent.get(0), Map.of()).keySet());
      recent.subList(0, scored).forEach(r -> candidates.addAll(cooccurrence.getOrDefault(r, Map.of()).keySet()));
      recent.forEach(candidates::remove);
      Map<String, Double> scores = new HashMap<>();
      for (String c : candidates) {
        double score = 0;
        for (int j = 0; j < scored; j++) {
          score += term(recent, j, c);
        }
        scores.put(c, score + transitionTerm(recent, c));
      }
      List<Map.Entry<String, Double>> top = scores.entrySet().stream().sorted(BEST_FIRST).limit(k).toList();
      List<ScoredItem> list = new ArrayList<>();
      top.forEach(e -> list.add(new ScoredItem(e.getKey(), e.getValue() / top.get(0).getValue(),
          FOLLOWS_REASON + strongest(recent, scored, e.getKey()))));
      // Popular fillers: below the last personal item (half its score), in popularity order.
      double scale = list.isEmpty() ? 1.0 : list.get(list.size() - 1).score() * 0.5;
      double maxPopularity = popularity.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
      popularity.entrySet().stream().filter(e -> !recent.contains(e.getKey()) && !scores.containsKey(e.getKey()))
          .sorted(BEST_FIRST).limit(k - list.size()).toList().forEach(e -> list.add(
              new ScoredItem(e.getKey(), scale * (e.getValue() / maxPopularity), POPULAR_REASON)));
      return list;
    }

    /** The recent item whose terms (summed over its occurrences) are largest; the newer wins a tie. */
    String strongest(List<String> recent, int scored, String c) {
      Map<String, Double> contributions = new HashMap<>();
      for (int j = 0; j < scored; j++) {
        contributions.merge(recent.get(j), term(recent, j, c) + (j == 0 ? transitionTerm(recent, c) : 0), Double::sum);
      }
      String best = null;
      for (int j = 0; j < scored; j++) {
        if (best == null || contributions.get(recent.get(j)) > contributions.get(best)) {
          best = recent.get(j);
        }
      }
      return best;
    }
  }
}
