package dev.recstream.model.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.search.VectorIndex.Hit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("VectorIndex")
class VectorIndexTest {

  private static final float EPS = 1e-6f;
  /** A query at (0.8, 0.6, 0): unit length. */
  private static final float[] QUERY = {0.8f, 0.6f, 0f};

  /**
   * Four unit vectors and their dot products with {@link #QUERY}:
   * x (1, 0, 0) → 0.8; y (0, 1, 0) → 0.6; xy (0.6, 0.8, 0) → 0.48 + 0.48 = 0.96; yz (0, 0.6, 0.8) → 0.36.
   */
  private static VectorIndex fourItems() {
    VectorIndex index = new VectorIndex(3);
    index.put("x", new float[] {1, 0, 0});
    index.put("y", new float[] {0, 1, 0});
    index.put("xy", new float[] {0.6f, 0.8f, 0});
    index.put("yz", new float[] {0, 0.6f, 0.8f});
    return index;
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::itemId).toList();
  }

  @Test
  @DisplayName("returns the n items of largest dot product, largest first, with their similarity")
  void nearest() {
    List<Hit> hits = fourItems().nearest(QUERY, 3);

    assertEquals(List.of("xy", "x", "y"), ids(hits));
    assertEquals(0.96f, hits.get(0).similarity(), EPS);
    assertEquals(0.8f, hits.get(1).similarity(), EPS);
    assertEquals(0.6f, hits.get(2).similarity(), EPS);
  }

  @Test
  @DisplayName("returns every item, ordered, when n exceeds the size; nothing for n of 0 or less")
  void nLargerThanSize() {
    VectorIndex index = fourItems();

    List<Hit> hits = index.nearest(QUERY, 10);
    assertEquals(List.of("xy", "x", "y", "yz"), ids(hits));
    assertEquals(0.36f, hits.get(3).similarity(), EPS);
    assertEquals(List.of(), index.nearest(QUERY, 0));
    assertEquals(List.of(), index.nearest(QUERY, -1));
  }

  @Test
  @DisplayName("finds nothing in an empty index")
  void emptyIndex() {
    VectorIndex index = new VectorIndex(3);

    assertEquals(List.of(), index.nearest(QUERY, 5));
    assertEquals(0, index.size());
    assertFalse(index.contains("x"));
    assertNull(index.vectorOf("x"));
  }

  @Test
  @DisplayName("skips hidden items, which come back when unhidden and still count in size")
  void hiddenItems() {
    VectorIndex index = fourItems();

    index.hide("xy", true);
    assertEquals(List.of("x", "y"), ids(index.nearest(QUERY, 2)));
    assertEquals(List.of("x", "y", "yz"), ids(index.nearest(QUERY, 10)));
    assertEquals(4, index.size());
    assertTrue(index.contains("xy"));

    index.hide("xy", false);
    assertEquals(List.of("xy", "x"), ids(index.nearest(QUERY, 2)));
  }

  @Test
  @DisplayName("returns nothing when every item is hidden, and ignores hiding an unknown item")
  void allHidden() {
    VectorIndex index = fourItems();
    for (String id : List.of("x", "y", "xy", "yz")) {
      index.hide(id, true);
    }
    index.hide("unknown", true);

    assertEquals(List.of(), index.nearest(QUERY, 3));
    assertEquals(4, index.size());
    assertFalse(index.contains("unknown"));
  }

  @Test
  @DisplayName("replaces an item's vector on a second put, keeping one row")
  void putReplaces() {
    VectorIndex index = fourItems();

    index.put("yz", new float[] {1, 0, 0}); // now dot 0.8 with the query, as x
    assertEquals(4, index.size());
    assertArrayEquals(new float[] {1, 0, 0}, index.vectorOf("yz"));
    List<Hit> hits = index.nearest(QUERY, 4);
    assertEquals("xy", hits.get(0).itemId());
    assertEquals(0.8f, hits.get(1).similarity(), EPS);
    assertEquals(0.8f, hits.get(2).similarity(), EPS);
    assertEquals(List.of("x", "yz"), ids(hits.subList(1, 3)).stream().sorted().toList());
    assertEquals("y", hits.get(3).itemId());
  }

  @Test
  @DisplayName("copies vectors in and out, so callers cannot change the index")
  void copies() {
    VectorIndex index = new VectorIndex(3);
    float[] in = {1, 0, 0};
    index.put("x", in);
    in[0] = -1;
    float[] out = index.vectorOf("x");
    out[1] = 5;

    assertArrayEquals(new float[] {1, 0, 0}, index.vectorOf("x"));
  }

  @Test
  @DisplayName("rejects vectors of the wrong dimension, naming both counts")
  void dimensionMismatch() {
    VectorIndex index = fourItems();

    IllegalArgumentException put = assertThrows(IllegalArgumentException.class, () -> index.put("w", new float[2]));
    assertEquals("vector of w: 2 dimensions, the index has 3", put.getMessage());
    IllegalArgumentException query = assertThrows(IllegalArgumentException.class, () -> index.nearest(new float[4], 1));
    assertEquals("query vector: 4 dimensions, the index has 3", query.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new VectorIndex(0));
    assertEquals("dimensions: must be at least 1, was 0", none.getMessage());
    assertEquals(4, index.size());
    assertEquals(3, index.dimensions());
  }

  @Test
  @DisplayName("grows past 1,024 items and finds the same nearest items as a brute-force sort")
  void growsAndMatchesBruteForce() {
    int dims = 7;
    Random random = new Random(42);
    VectorIndex index = new VectorIndex(dims);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      float[] v = unit(random, dims);
      vectors.add(v);
      index.put("item-" + i, v);
    }
    for (int i = 0; i < 3_000; i += 7) {
      index.hide("item-" + i, true);
    }
    assertEquals(3_000, index.size());
    assertArrayEquals(vectors.get(0), index.vectorOf("item-0"));
    assertArrayEquals(vectors.get(2_999), index.vectorOf("item-2999"));

    for (int q = 0; q < 5; q++) {
      float[] query = unit(random, dims);
      List<Hit> expected = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        if (i % 7 != 0) {
          expected.add(new Hit("item-" + i, VectorIndex.dot(query, vectors.get(i), 0, dims)));
        }
      }
      expected.sort(Comparator.comparing(Hit::similarity).reversed());

      assertEquals(expected.subList(0, 50), index.nearest(query, 50));
    }
  }

  /** {@code count} unit vectors around {@code clusters} random centres: how item vectors of a catalog lie. */
  private static VectorIndex clustered(int count, int clusters, int dims, Random random, List<float[]> kept) {
    List<float[]> centres = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      centres.add(unit(random, dims));
    }
    VectorIndex index = new VectorIndex(dims);
    for (int i = 0; i < count; i++) {
      float[] centre = centres.get(random.nextInt(clusters));
      float[] v = new float[dims];
      double norm = 0;
      for (int d = 0; d < dims; d++) {
        v[d] = centre[d] + 0.15f * (float) random.nextGaussian();
        norm += v[d] * v[d];
      }
      for (int d = 0; d < dims; d++) {
        v[d] /= (float) Math.sqrt(norm);
      }
      index.put("item-" + i, v);
      kept.add(v);
    }
    return index;
  }

  @Test
  @DisplayName("a partition is due from 5,000 items, and again only once they have doubled; fewer are never partitioned")
  void partitionDue() {
    Random random = new Random(3);
    List<float[]> vectors = new ArrayList<>();
    VectorIndex small = clustered(VectorIndex.PARTITION_MIN - 1, 20, 16, random, vectors);
    assertFalse(small.partitionDue());
    assertFalse(small.partition(1), "too few items to partition");
    assertEquals(0, small.lists());

    small.put("one-more", unit(random, 16));
    assertTrue(small.partitionDue());
    assertTrue(small.partition(1));
    assertEquals(Math.round(Math.sqrt(VectorIndex.PARTITION_MIN)), small.lists(), "about √n lists");
    assertFalse(small.partitionDue(), "just partitioned");
  }

  @Test
  @DisplayName("partitioned, a search finds nearly all the exact nearest items (recall@50 ≥ 0.9 on clustered vectors)")
  void partitionedRecall() {
    Random random = new Random(11);
    List<float[]> vectors = new ArrayList<>();
    VectorIndex index = clustered(8_000, 60, 32, random, vectors);
    assertTrue(index.partition(7));

    double found = 0;
    int queries = 40;
    for (int q = 0; q < queries; q++) {
      // Queries near stored vectors, as a query embedding lies near the items it is about.
      float[] query = vectors.get(random.nextInt(vectors.size())).clone();
      query[random.nextInt(32)] += 0.3f;
      List<String> exact = ids(index.nearestExact(query, 50));
      List<String> approximate = ids(index.nearest(query, 50));
      assertEquals(50, approximate.size());
      found += approximate.stream().filter(exact::contains).count() / 50.0;
    }
    double recall = found / queries;
    assertTrue(recall >= 0.9, "recall@50 was " + recall);
  }

  @Test
  @DisplayName("partitioned, items put later and hidden items count like before")
  void partitionedPutAndHide() {
    Random random = new Random(5);
    List<float[]> vectors = new ArrayList<>();
    VectorIndex index = clustered(6_000, 40, 16, random, vectors);
    assertTrue(index.partition(3));
    float[] query = unit(random, 16);

    index.put("new", query.clone());
    assertEquals("new", index.nearest(query, 5).get(0).itemId(), "a new item lands in its nearest list");
    assertEquals(1f, index.nearest(query, 5).get(0).similarity(), EPS);

    index.hide("new", true);
    assertFalse(ids(index.nearest(query, 5)).contains("new"));

    // Moving an item's vector moves it between lists: found at its new place, not left at the old.
    index.hide("new", false);
    float[] elsewhere = unit(random, 16);
    index.put("new", elsewhere);
    assertEquals("new", index.nearest(elsewhere, 5).get(0).itemId());
    assertFalse(ids(index.nearest(query, 5)).contains("new"));
  }

  @Test
  @DisplayName("partitioned, every similarity found is the dot product with the item's current vector, as lists grow, rows move out and vectors change in place")
  void partitionedSimilaritiesStayExact() {
    Random random = new Random(9);
    List<float[]> vectors = new ArrayList<>();
    int dims = 16;
    VectorIndex index = clustered(6_000, 40, dims, random, vectors);
    assertTrue(index.partition(4));
    Map<String, float[]> current = new HashMap<>();
    for (int i = 0; i < vectors.size(); i++) {
      current.put("item-" + i, vectors.get(i));
    }
    for (int i = 0; i < 3_000; i++) {
      float[] v;
      String id;
      if (i % 3 == 0) {
        id = "late-" + i;  // new rows: lists grow
        v = unit(random, dims);
      } else if (i % 3 == 1) {
        id = "item-" + random.nextInt(6_000);  // a new vector: most move to another list
        v = unit(random, dims);
      } else {
        id = "item-" + random.nextInt(6_000);  // a nudge: most stay in their list, changed in place
        v = current.get(id).clone();
        v[random.nextInt(dims)] += 0.01f;
      }
      index.put(id, v);
      current.put(id, v.clone());
    }
    for (int q = 0; q < 50; q++) {
      float[] query = unit(random, dims);
      List<Hit> hits = index.nearest(query, 100);
      assertEquals(100, hits.size());
      for (Hit hit : hits) {
        assertEquals(VectorIndex.dot(query, current.get(hit.itemId()), 0, dims), hit.similarity(), 1e-5f, hit.itemId());
      }
    }
  }

  private static float[] unit(Random random, int dims) {
    float[] v = new float[dims];
    double norm = 0;
    for (int i = 0; i < dims; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < dims; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  @ParameterizedTest(name = "length {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 13})
  @DisplayName("dot adds every product, whether or not the length is a multiple of 4")
  void dotAnyLength(int length) {
    // q = 1, 2, …, length against m = 2, 2, …, 2 read from offset 3 (after three 100s):
    // 2·(1 + 2 + … + length) = length·(length + 1)
    float[] q = new float[length];
    float[] m = new float[length + 3];
    m[0] = m[1] = m[2] = 100;
    for (int i = 0; i < length; i++) {
      q[i] = i + 1;
      m[i + 3] = 2;
    }

    assertEquals(length * (length + 1), VectorIndex.dot(q, m, 3, length));
  }

  @Test
  @DisplayName("dot of a length-5 pair computed by hand")
  void dotByHand() {
    // 1·5 + (−2)·4 + 3·3 + 0.5·2 + 4·(−1) = 5 − 8 + 9 + 1 − 4 = 3
    assertEquals(3f, VectorIndex.dot(new float[] {1, -2, 3, 0.5f, 4}, new float[] {5, 4, 3, 2, -1}, 0, 5));
    assertEquals(0f, VectorIndex.dot(new float[0], new float[0], 0, 0));
  }
}
