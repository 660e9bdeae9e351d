package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.UserSample;
import dev.recstream.model.embed.EmbeddingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrainingExamples builds the ranker's rows (one positive and candidate negatives per user) and the tail model's")
class TrainingExamplesTest {
  private static final EmbeddingOptions OPTIONS = EmbeddingOptions.defaults().withDimension(8);
  private static final int USERS = 200;
  private static final int CHAIN_ITEMS = 60;
  private static final List<int[]> CHAINS = noisyChains(USERS, CHAIN_ITEMS, 0.85, 11);
  private static final TrainingExamples EXAMPLES = build(CHAINS, CHAIN_ITEMS, 5);

  /** Each user starts anywhere and mostly steps to the next item (wrapping round), else jumps at random. */
  private static List<int[]> noisyChains(int users, int numItems, double follow, long seed) {
    Random random = new Random(seed);
    List<int[]> sequences = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int[] s = new int[4 + random.nextInt(8)];
      s[0] = 1 + random.nextInt(numItems);
      for (int i = 1; i < s.length; i++) {
        s[i] = random.nextDouble() < follow ? s[i - 1] % numItems + 1 : 1 + random.nextInt(numItems);
      }
      sequences.add(s);
    }
    return sequences;
  }

  private static TrainingExamples build(List<int[]> sequences, int numItems, long seed) {
    return TrainingExamples.build(sequences, numItems, Map.of(), OPTIONS, Set.of(), seed);
  }

  private static TrainingExamples buildWithTail(List<int[]> sequences, int numItems, long seed) {
    return TrainingExamples.build(sequences, numItems, Map.of(), OPTIONS, Set.of(), true, seed);
  }

  /** The number of negatives after each positive, in row order. */
  private static List<Integer> negativesPerUser(boolean[] labels) {
    List<Integer> blocks = new ArrayList<>();
    for (boolean positive : labels) {
      if (positive) {
        blocks.add(0);
      } else {
        assertTrue(!blocks.isEmpty(), "a negative row before any positive");
        blocks.set(blocks.size() - 1, blocks.get(blocks.size() - 1) + 1);
      }
    }
    return blocks;
  }

  @Test
  @DisplayName("every user adds nothing, or one positive followed by at most NEGATIVES negatives")
  void oneBlockPerUser() {
    boolean[] labels = EXAMPLES.labels();
    assertEquals(labels.length, EXAMPLES.rows().length);
    List<Integer> blocks = negativesPerUser(labels);
    assertTrue(blocks.size() <= USERS);
    assertEquals(blocks.size(), EXAMPLES.candidateRecall() * USERS, 1e-9, "one positive per user whose target is a candidate");
    for (int negatives : blocks) {
      assertTrue(negatives >= 1 && negatives <= TrainingExamples.NEGATIVES, negatives + " negatives");
    }
  }

  @Test
  @DisplayName("samples users: all when they are at most the limit, else exactly the limit, the same ones for a seed")
  void userSample() {
    boolean[] all = UserSample.choose(USERS, USERS, 1);
    assertEquals(USERS, count(all));
    boolean[] some = UserSample.choose(USERS, 50, 1);
    assertEquals(50, count(some));
    assertArrayEquals(some, UserSample.choose(USERS, 50, 1));
    assertTrue(!java.util.Arrays.equals(some, UserSample.choose(USERS, 50, 2)), "another seed, another sample");
  }

  @Test
  @DisplayName("rows from a sample of users: at most the limit's positives, and a limit above the users changes nothing")
  void rowsFromSampledUsers() {
    TrainingExamples sampled = TrainingExamples.build(CHAINS, CHAIN_ITEMS, Map.of(), OPTIONS, Set.of(), true, 40, 5);
    assertTrue(negativesPerUser(sampled.labels()).size() <= 40);
    assertTrue(sampled.rows().length < EXAMPLES.rows().length, sampled.rows().length + " rows");
    TrainingExamples unsampled = TrainingExamples.build(CHAINS, CHAIN_ITEMS, Map.of(), OPTIONS, Set.of(), false, USERS, 5);
    assertArrayEquals(EXAMPLES.labels(), unsampled.labels());
    assertArrayEquals(EXAMPLES.rows(), unsampled.rows());
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean flag : flags) {
      n += flag ? 1 : 0;
    }
    return n;
  }

  @Test
  @DisplayName("every row has Features.COUNT finite columns")
  void rowWidth() {
    for (float[] row : EXAMPLES.rows()) {
      assertEquals(Features.COUNT, row.length);
      for (float value : row) {
        assertTrue(Float.isFinite(value));
      }
    }
  }

  @Test
  @DisplayName("candidate recall is a share, and well above 0 on learnable chains")
  void candidateRecall() {
    double recall = EXAMPLES.candidateRecall();
    assertTrue(recall >= 0 && recall <= 1, "recall " + recall);
    assertTrue(recall > 0.5, "recall " + recall);
  }

  @Test
  @DisplayName("the same data and seed give the same rows and labels")
  void deterministic() {
    TrainingExamples again = build(CHAINS, CHAIN_ITEMS, 5);
    assertArrayEquals(EXAMPLES.labels(), again.labels());
    assertArrayEquals(EXAMPLES.rows(), again.rows());
    assertEquals(EXAMPLES.candidateRecall(), again.candidateRecall());
  }

  @Test
  @DisplayName("users with many candidates are capped at exactly NEGATIVES negatives")
  void negativesAreCapped() {
    // 400 items visited at random: the candidate union of a user is far larger than NEGATIVES + 1
    TrainingExamples wide = build(noisyChains(150, 400, 0.0, 3), 400, 5);
    List<Integer> blocks = negativesPerUser(wide.labels());
    assertTrue(!blocks.isEmpty());
    assertEquals(TrainingExamples.NEGATIVES, blocks.stream().mapToInt(Integer::intValue).max().orElseThrow());
  }

  @Test
  @DisplayName("one-item users and users whose target is already in their history add no rows but count as users")
  void usersWithoutExamples() {
    // [k, k+1, k+2, k]: the target k is a history item, so it is never a candidate; [3] has no target
    List<int[]> sequences = new ArrayList<>();
    sequences.add(new int[] {3});
    for (int k = 1; k <= 55; k++) {
      sequences.add(new int[] {k, k + 1, k + 2, k});
    }
    TrainingExamples none = build(sequences, 60, 5);
    assertEquals(0, none.rows().length);
    assertEquals(0, none.labels().length);
    assertEquals(0.0, none.candidateRecall());
  }

  @Test
  @DisplayName("the tail rows leave the ranker's rows as they are, and exist only on request")
  void tailRowsLeaveRankerRowsAlone() {
    TrainingExamples withTail = buildWithTail(CHAINS, CHAIN_ITEMS, 5);
    assertArrayEquals(EXAMPLES.labels(), withTail.labels());
    assertArrayEquals(EXAMPLES.rows(), withTail.rows());
    assertEquals(0, EXAMPLES.tailRows().length);
    assertEquals(0, EXAMPLES.tailLabels().length);
  }

  @Test
  @DisplayName("tail rows: one positive per user whose target is outside their candidates, then random negatives")
  void tailRowBlocks() {
    // 400 items visited at random: most targets are outside the candidates, and many items are left to draw
    List<int[]> sequences = noisyChains(150, 400, 0.0, 3);
    TrainingExamples wide = buildWithTail(sequences, 400, 5);
    boolean[] labels = wide.tailLabels();
    float[][] rows = wide.tailRows();
    assertEquals(labels.length, rows.length);
    for (float[] row : rows) {
      assertEquals(TailFeatures.COUNT, row.length);
      for (float value : row) {
        assertTrue(Float.isFinite(value));
      }
    }
    List<Integer> blocks = negativesPerUser(labels);
    assertTrue(blocks.size() > 0);
    assertTrue(blocks.size() <= Math.round((1 - wide.candidateRecall()) * sequences.size()),
        blocks.size() + " tail positives");
    for (int negatives : blocks) {
      assertEquals(TrainingExamples.TAIL_NEGATIVES, negatives);
    }
    TrainingExamples again = buildWithTail(sequences, 400, 5);
    assertArrayEquals(labels, again.tailLabels());
    assertArrayEquals(rows, again.tailRows());
  }
}
