package dev.recstream.model.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Approximate embedding neighbours (clustered search)")
class ClusteredNeighboursTest {
  private static final int ITEMS = 4_000;
  private static final int DIMENSION = 16;
  private static final int K = 20;
  /** Every 97th item has the zero vector, as an item never seen beside another has. */
  private static final int ZERO_EVERY = 97;

  private static ItemEmbeddings embeddings;
  private static float[] vectors;
  private static ItemEmbeddings.Neighbours exact;
  private static ItemEmbeddings.Neighbours approximate;

  /** Unit vectors around 50 random directions, like the clusters real item vectors form. */
  @BeforeAll
  static void build() {
    Random random = new Random(11);
    float[][] centres = new float[50][DIMENSION];
    for (float[] centre : centres) {
      for (int j = 0; j < DIMENSION; j++) {
        centre[j] = (float) random.nextGaussian();
      }
    }
    vectors = new float[(ITEMS + 1) * DIMENSION];
    for (int item = 1; item <= ITEMS; item++) {
      if (item % ZERO_EVERY == 0) {
        continue;
      }
      float[] centre = centres[random.nextInt(centres.length)];
      double norm = 0;
      for (int j = 0; j < DIMENSION; j++) {
        float v = centre[j] + 0.6f * (float) random.nextGaussian();
        vectors[item * DIMENSION + j] = v;
        norm += v * v;
      }
      for (int j = 0; j < DIMENSION; j++) {
        vectors[item * DIMENSION + j] /= (float) Math.sqrt(norm);
      }
    }
    embeddings = new ItemEmbeddings(ITEMS, DIMENSION, vectors);
    exact = embeddings.nearestOfEvery(K, ITEMS);
    // 40 clusters of about 100 items; each item searches its 4 nearest, a tenth of the catalog.
    approximate = ClusteredNeighbours.of(embeddings, vectors, K, 100, 4);
  }

  private static float[] vectorsOf(ItemEmbeddings e) {
    float[] all = new float[(ITEMS + 1) * DIMENSION];
    for (int item = 0; item <= ITEMS; item++) {
      System.arraycopy(e.vector(item), 0, all, item * DIMENSION, DIMENSION);
    }
    return all;
  }

  @Test
  @DisplayName("find at least 95% of the exact neighbours")
  void recall() {
    long found = 0;
    long wanted = 0;
    for (int item = 1; item <= ITEMS; item++) {
      if (item % ZERO_EVERY == 0) {
        continue;
      }
      Set<Integer> truth = Arrays.stream(exact.items()[item]).boxed().collect(Collectors.toSet());
      found += Arrays.stream(approximate.items()[item]).filter(truth::contains).count();
      wanted += truth.size();
    }
    double recall = (double) found / wanted;
    assertTrue(recall >= 0.95, "recall@" + K + " was " + recall);
  }

  @Test
  @DisplayName("are k other items, best first by exact cosine, with those cosines")
  void orderedByExactCosine() {
    for (int item = 1; item <= ITEMS; item += 7) {
      if (item % ZERO_EVERY == 0) {
        continue;
      }
      int[] items = approximate.items()[item];
      float[] cosines = approximate.cosines()[item];
      assertEquals(K, items.length, "item " + item);
      for (int i = 0; i < items.length; i++) {
        assertTrue(items[i] != item && items[i] % ZERO_EVERY != 0, "item " + item + " lists " + items[i]);
        assertEquals(embeddings.cosine(item, items[i]), cosines[i], "item " + item);
        assertTrue(i == 0 || cosines[i - 1] >= cosines[i], "best first for item " + item);
      }
    }
  }

  @Test
  @DisplayName("are none for an item whose vector is zero, and the same on every build")
  void zeroVectorsAndRepeatability() {
    assertEquals(0, approximate.items()[ZERO_EVERY].length);
    assertEquals(0, approximate.items()[0].length);
    ItemEmbeddings.Neighbours again = embeddings.nearestOfEvery(K, 0);
    ItemEmbeddings.Neighbours defaults = ClusteredNeighbours.of(embeddings, vectorsOf(embeddings), K);
    for (int item = 1; item <= ITEMS; item++) {
      assertArrayEquals(defaults.items()[item], again.items()[item], "item " + item);
    }
  }

  @Test
  @DisplayName("are exact up to the catalog size that switches")
  void exactUpToTheThreshold() {
    ItemEmbeddings.Neighbours byDefault = embeddings.nearestOfEvery(K);
    assertTrue(ITEMS <= ItemEmbeddings.EXACT_NEIGHBOURS_UP_TO);
    for (int item = 1; item <= ITEMS; item++) {
      assertArrayEquals(exact.items()[item], byDefault.items()[item], "item " + item);
    }
  }
}
