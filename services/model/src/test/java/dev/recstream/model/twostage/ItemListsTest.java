package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SparseItemMatrix;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ItemLists: each item's precomputed lists, and candidates merged from them")
class ItemListsTest {
  /** A small random catalog: rows are shorter than the lists, so merging them must be exact. */
  private static final int ITEMS = 80;
  private static final List<int[]> RANDOM = randomSequences(400, 3, 12, 11);
  private static final SequenceStatistics RANDOM_STATS = SequenceStatistics.of(RANDOM, ITEMS);
  private static final ItemEmbeddings RANDOM_EMBEDDINGS =
      ItemEmbeddings.train(RANDOM, ITEMS, EmbeddingOptions.defaults().withDimension(8));

  private static List<int[]> randomSequences(int users, int minLength, int maxLength, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> sequences = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int[] s = new int[random.nextInt(minLength, maxLength + 1)];
      int item = random.nextInt(1, ITEMS + 1);
      for (int i = 0; i < s.length; i++) {
        // mostly a walk to nearby items, sometimes a jump: rows of uneven weights
        item = random.nextInt(4) == 0 ? random.nextInt(1, ITEMS + 1) : Math.floorMod(item + random.nextInt(-3, 4), ITEMS) + 1;
        s[i] = item;
      }
      sequences.add(s);
    }
    return sequences;
  }

  private static int[] entries(ItemLists.TopLists lists, int item) {
    return IntStream.range(lists.start(item), lists.end(item)).map(lists::item).toArray();
  }

  @Test
  @DisplayName("a row's list holds its heaviest entries best first, ties to the lower index, cut at the length")
  void rowListsAreTheHeaviestEntries() {
    SparseItemMatrix m = new SparseItemMatrix(6);
    m.add(1, 2, 1f);
    m.add(1, 3, 5f);
    m.add(1, 4, 1f);
    m.add(1, 5, 3f);
    m.add(1, 6, 0.5f);
    m.add(2, 1, 2f);
    m.freeze((a, b, w) -> w);
    ItemLists.TopLists lists = ItemLists.TopLists.ofRows(m, 6, 4);
    assertArrayEquals(new int[] {3, 5, 2, 4}, entries(lists, 1));
    assertEquals(5f, lists.score(lists.start(1)));
    assertEquals(1f, lists.score(lists.start(1) + 3));
    assertArrayEquals(new int[] {1}, entries(lists, 2));
    assertArrayEquals(new int[0], entries(lists, 3));
    assertArrayEquals(new int[0], entries(lists, 0));
  }

  @Test
  @DisplayName("an item's neighbours are what a full scan finds, with their cosines")
  void neighboursMatchAFullScan() {
    ItemLists lists = ItemLists.of(RANDOM_STATS, RANDOM_EMBEDDINGS);
    for (int item = 1; item <= ITEMS; item++) {
      int self = item;
      int[] scanned = RANDOM_EMBEDDINGS.nearest(RANDOM_EMBEDDINGS.vector(item), ItemLists.NEIGHBOURS, other -> other == self);
      assertArrayEquals(scanned, entries(lists.neighbours, item), "item " + item);
      for (int e = lists.neighbours.start(item); e < lists.neighbours.end(item); e++) {
        assertEquals(RANDOM_EMBEDDINGS.cosine(item, lists.neighbours.item(e)), lists.neighbours.score(e), 0f);
      }
    }
  }

  @Test
  @DisplayName("merged candidates from the lists equal the top n of all items the full rows touch (hand-made chains)")
  void mergedListsEqualAFullScanOnChains() {
    assertMergeIsExact(ChainData.candidates(), ChainData.NUM_ITEMS, List.of(
        new int[] {5, 6, 7}, IntStream.rangeClosed(7, 19).toArray(), new int[] {30, 8, 30}, new int[] {60}, new int[0]));
  }

  @Test
  @DisplayName("merged candidates from the lists equal the top n of all items the full rows touch (random walks)")
  void mergedListsEqualAFullScanOnRandomWalks() {
    assertMergeIsExact(new Candidates(RANDOM_STATS, RANDOM_EMBEDDINGS), ITEMS, RANDOM.subList(0, 200));
  }

  /** For each history: each generator's ranked list is the straightforward top n over the full sums. */
  static void assertMergeIsExact(Candidates c, int numItems, List<int[]> histories) {
    for (int[] history : histories) {
      c.generate(history);
      String what = Arrays.toString(history);
      assertArrayEquals(c.cooc.top(Candidates.COOC_N, c::excluded), ranked(c.rankCooc, numItems), "cooc " + what);
      assertArrayEquals(c.transitions.top(Candidates.TRANSITION_N, c::excluded), ranked(c.rankTransitions, numItems),
          "transitions " + what);
      assertArrayEquals(c.userCooc.top(Candidates.USER_COOC_N, c::excluded), ranked(c.rankUserCooc, numItems),
          "user cooc " + what);
    }
  }

  /** The items with a rank, in rank order. */
  static int[] ranked(int[] ranks, int numItems) {
    int[] byRank = new int[Candidates.ABSENT_RANK];
    int count = 0;
    for (int item = 1; item <= numItems; item++) {
      if (ranks[item] != Candidates.ABSENT_RANK) {
        byRank[ranks[item]] = item;
        count++;
      }
    }
    for (int r = 0; r < count; r++) {
      assertTrue(byRank[r] != 0, "ranks are 0.." + (count - 1));
    }
    return Arrays.copyOf(byRank, count);
  }
}
