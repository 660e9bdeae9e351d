package dev.recstream.model.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Embeddings of a small or sparse catalog")
class SmallCatalogEmbeddingsTest {

  static List<Object[]> catalogs() {
    return List.of(
        new Object[] {new int[] {5, 6, 7}, 60},
        new Object[] {range(1, 40), 200},
        new Object[] {range(1, 10), 100});
  }

  @ParameterizedTest(name = "items {0} of {1}")
  @MethodSource("catalogs")
  @DisplayName("are built even when only low item indices co-occur (QR alone gives up there)")
  void buildsWhereQrFails(int[] sequence, int numItems) {
    ItemEmbeddings embeddings = ItemEmbeddings.train(List.of(sequence, sequence), numItems, EmbeddingOptions.defaults().withDimension(8));
    float[] first = embeddings.vector(sequence[0]);
    double norm = 0;
    for (float x : first) {
      norm += x * x;
    }
    assertEquals(1.0, norm, 1e-4, "a co-occurring item has a unit vector");
    assertTrue(embeddings.cosine(sequence[0], sequence[1]) > 0, "neighbours in the sequence point the same way");
  }

  private static int[] range(int from, int to) {
    return java.util.stream.IntStream.rangeClosed(from, to).toArray();
  }
}
