package dev.recstream.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("UserRanker ranks one user's target")
class UserRankerTest {
  private static final SplittableRandom RNG = new SplittableRandom(7);

  private static float[] scores(int numItems, float base) {
    float[] scores = new float[numItems + 1];
    Arrays.fill(scores, base);
    return scores;
  }

  @Nested
  @DisplayName("under full ranking")
  class FullRanking {

    @Test
    @DisplayName("a model that scores history items highest still ranks a target it scores next highest first")
    void excludesHistory() {
      UserRanker ranker = new UserRanker(10, 3);
      float[] scores = scores(10, 0f);
      for (int item = 1; item <= 4; item++) {
        scores[item] = 10f;
      }
      scores[5] = 5f;
      ranker.begin(new int[] {1, 2, 3, 4}, 5);
      assertEquals(0, ranker.fullRank(scores, RNG));
    }

    @Test
    @DisplayName("the rank counts the candidates scoring strictly higher than the target")
    void countsHigher() {
      UserRanker ranker = new UserRanker(10, 3);
      float[] scores = scores(10, 0f);
      scores[5] = 1f;
      scores[7] = 2f;
      scores[9] = 3f;
      scores[1] = 9f; // history: not a candidate
      ranker.begin(new int[] {1}, 5);
      assertEquals(2, ranker.fullRank(scores, RNG));
    }

    @Test
    @DisplayName("NaN scores count as minus infinity, for the candidates and for the target")
    void nanIsMinusInfinity() {
      UserRanker ranker = new UserRanker(10, 3);
      float[] scores = scores(10, Float.NaN);
      scores[5] = -1000f;
      ranker.begin(new int[] {1}, 5);
      assertEquals(0, ranker.fullRank(scores, RNG), "every NaN candidate is below any number");
      float[] nanTarget = scores(10, 0f);
      nanTarget[5] = Float.NaN;
      ranker.begin(new int[] {1}, 5);
      assertEquals(8, ranker.fullRank(nanTarget, RNG), "a NaN target is below all 8 other candidates");
    }

    @Test
    @DisplayName("a target the user had before stays a candidate")
    void repeatedTargetIsCandidate() {
      UserRanker ranker = new UserRanker(10, 3);
      float[] scores = scores(10, 0f);
      scores[5] = -1f;
      ranker.begin(new int[] {1, 2, 5}, 5);
      assertEquals(7, ranker.fullRank(scores, RNG), "below items 3, 4, 6..10");
    }

    @Test
    @DisplayName("a constant model gets a uniformly drawn rank with mean (n - 1) / 2 over its n candidates")
    void tiesAreDrawnUniformly() {
      UserRanker ranker = new UserRanker(101, 10);
      float[] scores = scores(101, 0f);
      int[] counts = new int[100];
      SplittableRandom rng = new SplittableRandom(1);
      int draws = 100_000;
      long sum = 0;
      for (int i = 0; i < draws; i++) {
        ranker.begin(new int[] {1}, 2); // 100 candidates: items 2..101
        int rank = ranker.fullRank(scores, rng);
        counts[rank]++;
        sum += rank;
      }
      assertEquals(49.5, (double) sum / draws, 0.5);
      assertTrue(IntStream.of(counts).allMatch(c -> c > 800 && c < 1200), "each rank ≈ 1000 times");
    }

    @Test
    @DisplayName("the top items are best first, skip the history, and put the lower index first on ties")
    void topItems() {
      UserRanker ranker = new UserRanker(10, 4);
      float[] scores = scores(10, 0f);
      scores[1] = 9f; // history
      scores[8] = 5f;
      scores[3] = 4f;
      scores[6] = 4f;
      scores[10] = Float.NaN;
      ranker.begin(new int[] {1}, 2);
      ranker.fullRank(scores, RNG);
      assertArrayEquals(new int[] {8, 3, 6, 2}, ranker.topItems());
    }

    @Test
    @DisplayName("the top list is shorter than K when there are fewer candidates")
    void shortTopList() {
      UserRanker ranker = new UserRanker(4, 10);
      ranker.begin(new int[] {1, 2}, 3);
      ranker.fullRank(scores(4, 0f), RNG);
      assertArrayEquals(new int[] {3, 4}, ranker.topItems());
    }
  }

  @Nested
  @DisplayName("under the sampled protocol")
  class Sampled {

    /** 1000 items: rejection sampling; 200: shuffling; 151: exactly 100 eligible, all taken. */
    @Test
    @DisplayName("draws exactly 100 distinct negatives outside the history and other than the target")
    void negativesAvoidHistoryAndTarget() {
      for (int numItems : new int[] {1000, 200, 151}) {
        UserRanker ranker = new UserRanker(numItems, 10);
        int[] history = IntStream.rangeClosed(1, 50).map(i -> 2 * i).toArray(); // 2, 4, …, 100
        for (int seed = 0; seed < 50; seed++) {
          ranker.begin(history, 3);
          int[] negatives = ranker.sampleNegatives(100, new SplittableRandom(seed));
          assertEquals(100, negatives.length, "numItems " + numItems);
          Set<Integer> distinct = new HashSet<>();
          for (int item : negatives) {
            assertTrue(item >= 1 && item <= numItems);
            assertTrue(item % 2 == 1 || item > 100, "history item " + item + " drawn");
            assertTrue(item != 3, "the target was drawn");
            distinct.add(item);
          }
          assertEquals(100, distinct.size(), "negatives are drawn without replacement");
        }
      }
    }

    @Test
    @DisplayName("uses every eligible item, in index order, when the catalog has fewer than 100 of them")
    void smallCatalogUsesAllEligible() {
      UserRanker ranker = new UserRanker(12, 10);
      ranker.begin(new int[] {1, 2, 3, 3}, 4);
      int[] negatives = ranker.sampleNegatives(100, new SplittableRandom(1));
      assertArrayEquals(new int[] {5, 6, 7, 8, 9, 10, 11, 12}, negatives);
    }

    @Test
    @DisplayName("draws every eligible item about equally often, whichever way it samples")
    void negativesAreUniform() {
      for (int numItems : new int[] {2000, 200}) {
        UserRanker ranker = new UserRanker(numItems, 10);
        int[] counts = new int[numItems + 1];
        SplittableRandom rng = new SplittableRandom(3);
        int users = 4000;
        for (int u = 0; u < users; u++) {
          ranker.begin(new int[] {1, 2, 3}, 4);
          for (int item : ranker.sampleNegatives(100, rng)) {
            counts[item]++;
          }
        }
        double expected = users * 100.0 / (numItems - 4);
        for (int item = 5; item <= numItems; item++) {
          assertEquals(expected, counts[item], expected * 0.35, "item " + item + " of " + numItems);
        }
        assertFalse(IntStream.rangeClosed(1, 4).anyMatch(item -> counts[item] > 0));
      }
    }

    @Test
    @DisplayName("ranks the target among itself and the negatives, counting strictly higher scores")
    void sampledRank() {
      UserRanker ranker = new UserRanker(10, 3);
      float[] scores = scores(10, 0f);
      scores[1] = 5f;
      scores[6] = 2f;
      scores[7] = Float.NaN;
      scores[8] = 3f;
      scores[2] = 1f; // the target
      ranker.begin(new int[] {1}, 2);
      assertEquals(2, ranker.sampledRank(scores, new int[] {6, 7, 8, 9}, RNG));
      assertEquals(0, ranker.sampledRank(scores, new int[] {7, 9, 10}, RNG));
    }

    @Test
    @DisplayName("a constant model's rank among 100 negatives is drawn uniformly from 0..100")
    void sampledTies() {
      UserRanker ranker = new UserRanker(500, 10);
      float[] scores = scores(500, 0f);
      SplittableRandom rng = new SplittableRandom(5);
      long sum = 0;
      int draws = 50_000;
      for (int i = 0; i < draws; i++) {
        ranker.begin(new int[] {1}, 2);
        sum += ranker.sampledRank(scores, ranker.sampleNegatives(100, rng), rng);
      }
      assertEquals(50.0, (double) sum / draws, 0.5);
    }
  }
}
