package dev.recstream.model.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ItemEmbeddings")
class ItemEmbeddingsTest {
  /** Items 1..15 form one community and 16..40 another; 41..45 never occur. */
  private static final int SMALL_LAST = 15;
  private static final int LARGE_LAST = 40;
  private static final int NUM_ITEMS = 45;
  private static final EmbeddingOptions OPTIONS = new EmbeddingOptions(8, 5, 6, 4, 42L, 1.0);

  /** Sequences that only ever mix items of one community. */
  private static List<int[]> twoCommunities() {
    Random random = new Random(3);
    List<int[]> sequences = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sequences.add(randomSequence(random, 1, SMALL_LAST));
      sequences.add(randomSequence(random, SMALL_LAST + 1, LARGE_LAST));
    }
    return sequences;
  }

  private static int[] randomSequence(Random random, int first, int last) {
    int[] sequence = new int[10];
    for (int i = 0; i < sequence.length; i++) {
      sequence[i] = first + random.nextInt(last - first + 1);
    }
    return sequence;
  }

  private static float norm(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += v * v;
    }
    return (float) Math.sqrt(sum);
  }

  /** Three hand-made 2-d vectors: item 1 = (1, 0), item 2 = (0, 1), item 3 = (0.6, 0.8). */
  private static ItemEmbeddings handMade() {
    return new ItemEmbeddings(3, 2, new float[] {0, 0, 1, 0, 0, 1, 0.6f, 0.8f});
  }

  @Test
  @DisplayName("an item's nearest neighbours all come from its own community")
  void neighboursStayInTheirCommunity() {
    ItemEmbeddings embeddings = ItemEmbeddings.train(twoCommunities(), NUM_ITEMS, OPTIONS);
    for (int item : new int[] {3, 10, 20, 37}) {
      boolean small = item <= SMALL_LAST;
      int[] neighbours = embeddings.nearest(embeddings.vector(item), 8, other -> other == item);
      assertEquals(8, neighbours.length);
      for (int neighbour : neighbours) {
        assertEquals(small, neighbour <= SMALL_LAST, "neighbour " + neighbour + " of item " + item);
        assertTrue(neighbour <= LARGE_LAST, "unseen item " + neighbour + " next to item " + item);
      }
    }
  }

  @Test
  @DisplayName("vectors are unit length, and zero for padding and items never seen")
  void vectorsAreUnitOrZero() {
    ItemEmbeddings embeddings = ItemEmbeddings.train(twoCommunities(), NUM_ITEMS, OPTIONS);
    assertEquals(8, embeddings.dimension());
    assertEquals(NUM_ITEMS, embeddings.numItems());
    for (int item = 1; item <= LARGE_LAST; item++) {
      assertEquals(1f, norm(embeddings.vector(item)), 1e-5f, "item " + item);
    }
    for (int item : new int[] {0, LARGE_LAST + 1, NUM_ITEMS}) {
      assertEquals(0f, norm(embeddings.vector(item)), "item " + item);
    }
  }

  @Test
  @DisplayName("the same data and seed give identical vectors")
  void sameSeedSameVectors() {
    ItemEmbeddings first = ItemEmbeddings.train(twoCommunities(), NUM_ITEMS, OPTIONS);
    ItemEmbeddings second = ItemEmbeddings.train(twoCommunities(), NUM_ITEMS, OPTIONS);
    for (int item = 0; item <= NUM_ITEMS; item++) {
      assertArrayEquals(first.vector(item), second.vector(item), "item " + item);
    }
  }

  @Test
  @DisplayName("a catalog smaller than the dimension pads the vectors with zero components")
  void tinyCatalogKeepsTheDimension() {
    ItemEmbeddings embeddings =
        ItemEmbeddings.train(List.of(new int[] {1, 2, 3}), 3, EmbeddingOptions.defaults());
    assertEquals(64, embeddings.dimension());
    assertEquals(1f, norm(embeddings.vector(2)), 1e-5f);
  }

  @Test
  @DisplayName("the mean of items is their weighted sum scaled to unit length")
  void weightedMean() {
    ItemEmbeddings embeddings = handMade();
    float root10 = (float) Math.sqrt(10);
    assertArrayEquals(new float[] {3 / root10, 1 / root10}, embeddings.meanOf(new int[] {1, 2}, new float[] {3, 1}), 1e-6f);
    float half = (float) Math.sqrt(0.5);
    assertArrayEquals(new float[] {half, half}, embeddings.meanOf(new int[] {1, 2}, null), 1e-6f);
    assertArrayEquals(new float[] {0, 0}, embeddings.meanOf(new int[] {0}, null));
    assertThrows(IllegalArgumentException.class, () -> embeddings.meanOf(new int[] {1, 2}, new float[] {1}));
  }

  @Test
  @DisplayName("scoreAll writes every item's dot product and leaves slot 0 alone")
  void scoreAll() {
    float[] out = {42, 0, 0, 0};
    handMade().scoreAll(new float[] {1, 0}, out);
    assertArrayEquals(new float[] {42, 1, 0, 0.6f}, out);
    assertEquals(0.8f, handMade().cosine(2, 3), 1e-6f);
  }

  @Test
  @DisplayName("nearest returns the best items first and leaves out the excluded ones")
  void nearestExcludesAndOrders() {
    ItemEmbeddings embeddings = handMade();
    float[] query = {1, 0};
    assertArrayEquals(new int[] {1, 3, 2}, embeddings.nearest(query, 3, null));
    assertArrayEquals(new int[] {1, 3}, embeddings.nearest(query, 2, null));
    assertArrayEquals(new int[] {3, 2}, embeddings.nearest(query, 5, item -> item == 1));
    assertArrayEquals(new int[] {}, embeddings.nearest(query, 0, null));
  }
}
