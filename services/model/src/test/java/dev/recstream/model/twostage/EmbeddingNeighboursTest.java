package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Precomputed embedding neighbours")
class EmbeddingNeighboursTest {
  private static final int ITEMS = 120;

  private static ItemEmbeddings embeddings() {
    Random random = new Random(3);
    List<int[]> sequences = new ArrayList<>();
    for (int u = 0; u < 600; u++) {
      int start = 1 + random.nextInt(ITEMS - 6);
      sequences.add(new int[] {start, start + 1, start + 2, start + 3, start + 4});
    }
    return ItemEmbeddings.train(sequences, ITEMS, EmbeddingOptions.defaults().withDimension(8));
  }

  @Test
  @DisplayName("of an item are the same as a full scan, minus the excluded ones")
  void sameAsFullScan() {
    ItemEmbeddings embeddings = embeddings();
    EmbeddingNeighbours neighbours = neighbours(embeddings);
    int[] scanned = embeddings.nearest(embeddings.vector(50), 10, other -> other == 50 || other == 51);
    assertArrayEquals(scanned, neighbours.of(50, 10, other -> other == 51));
  }

  @Test
  @DisplayName("of a mean vector come from the recent items' neighbourhoods, best first, none excluded")
  void meanNeighbours() {
    ItemEmbeddings embeddings = embeddings();
    EmbeddingNeighbours neighbours = neighbours(embeddings);
    int[] history = {40, 41, 42};
    float[] mean = embeddings.meanOf(history, null);
    int[] top = neighbours.ofMean(history, 3, mean, 5, item -> Arrays.stream(history).anyMatch(h -> h == item));
    assertTrue(top.length > 0);
    for (int i = 1; i < top.length; i++) {
      assertTrue(dot(embeddings, mean, top[i - 1]) >= dot(embeddings, mean, top[i]), "best first");
    }
    for (int item : top) {
      assertFalse(Arrays.stream(history).anyMatch(h -> h == item), "history excluded");
    }
    // A second call gives the same answer: the scratch state was reset.
    assertArrayEquals(top, neighbours.ofMean(history, 3, mean, 5, item -> Arrays.stream(history).anyMatch(h -> h == item)));
  }

  private static EmbeddingNeighbours neighbours(ItemEmbeddings embeddings) {
    ItemEmbeddings.Neighbours nearest = embeddings.nearestOfEvery(ItemLists.NEIGHBOURS);
    return new EmbeddingNeighbours(embeddings, ItemLists.TopLists.of(nearest.items(), nearest.cosines()), ITEMS);
  }

  private static float dot(ItemEmbeddings embeddings, float[] mean, int item) {
    float[] v = embeddings.vector(item);
    float sum = 0f;
    for (int i = 0; i < v.length; i++) {
      sum += mean[i] * v[i];
    }
    return sum;
  }
}
