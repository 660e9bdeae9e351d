package dev.recstream.model.embed;

import dev.recstream.model.TopItems;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every item's approximate nearest neighbours for catalogs where the exact pass of {@link
 * ItemEmbeddings#nearestOfEvery}, which grows with the square of the items, would take minutes.
 * The items are clustered by spherical k-means (about {@link #ITEMS_PER_CLUSTER} per cluster,
 * centroids learned on a seeded sample, then every item assigned to its nearest). Each item then
 * looks for its neighbours exactly among the members of the {@link #PROBES} clusters whose
 * centroids are nearest its vector, read from a copy of the vectors laid out cluster after cluster.
 * A neighbour is missed only when it sits in a cluster outside those: on the 2M-event shop (49,465
 * items, 123 clusters) 10% of the 60 nearest were, 5% of the 10 nearest.
 *
 * <p>Why not a graph index from a library: Lucene's HNSW (9.12, the last line on Java 17, which has
 * no vector API) took 29 s for 49,465 items of 64 dimensions on 2 cores where the exact pass took
 * 24 s, and 210 s for 200,000 items against about 390 s (bench/RESULTS.md).
 *
 * <p>Items whose vector is zero (never seen beside another item) are in no cluster and get no
 * neighbours: every item is equally far from them. Equal embeddings give equal neighbours.
 */
final class ClusteredNeighbours {
  private static final Logger LOG = LoggerFactory.getLogger(ClusteredNeighbours.class);
  /** Items per cluster on average: the scan per item is about {@link #PROBES} times this. */
  static final int ITEMS_PER_CLUSTER = 400;
  /** Clusters whose members are searched for the items of one cluster (its own included). */
  static final int PROBES = 24;
  /** Items the centroids are learned on; every item is then assigned once. */
  private static final int SAMPLE = 40_000;
  private static final int ITERATIONS = 10;
  private static final long SEED = 42L;

  private ClusteredNeighbours() {}

  static ItemEmbeddings.Neighbours of(ItemEmbeddings embeddings, float[] vectors, int k) {
    return of(embeddings, vectors, k, ITEMS_PER_CLUSTER, PROBES);
  }

  static ItemEmbeddings.Neighbours of(ItemEmbeddings embeddings, float[] vectors, int k, int itemsPerCluster, int probes) {
    long start = System.nanoTime();
    int numItems = embeddings.numItems();
    int dimension = embeddings.dimension();
    int[][] items = new int[numItems + 1][0];
    float[][] cosines = new float[numItems + 1][0];
    int[] ids = nonZeroItems(vectors, numItems, dimension);
    if (ids.length < 2 || k == 0) {
      return new ItemEmbeddings.Neighbours(items, cosines);
    }
    int clusters = Math.max(1, ids.length / itemsPerCluster);
    float[] centroids = centroids(vectors, dimension, ids, clusters);
    int[] clusterOf = assign(vectors, dimension, ids, centroids, clusters);
    int[][] members = members(ids, clusterOf, clusters);
    // The vectors again, cluster after cluster, so that a probed cluster is one sequential read.
    int[] clusterStart = new int[clusters + 1];
    for (int c = 0; c < clusters; c++) {
      clusterStart[c + 1] = clusterStart[c] + members[c].length;
    }
    int[] packedItems = concat(members, IntStream.range(0, clusters).toArray());
    float[] packed = new float[packedItems.length * dimension];
    for (int p = 0; p < packedItems.length; p++) {
      System.arraycopy(vectors, packedItems[p] * dimension, packed, p * dimension, dimension);
    }
    int probed = Math.min(probes, clusters);
    long clustered = System.nanoTime();
    IntStream.range(0, packedItems.length).parallel().forEach(p -> {
      int query = packedItems[p];
      TopItems top = new TopItems(k);
      for (int c : nearestClusters(packed, p * dimension, centroids, clusters, dimension, probed)) {
        for (int q = clusterStart[c]; q < clusterStart[c + 1]; q++) {
          int item = packedItems[q];
          if (item != query) {
            float score = dot(packed, p * dimension, packed, q * dimension, dimension);
            if (top.accepts(item, score)) {
              top.offer(item, score);
            }
          }
        }
      }
      items[query] = top.drainBestFirst();
      cosines[query] = new float[items[query].length];
      for (int i = 0; i < items[query].length; i++) {
        cosines[query][i] = embeddings.cosine(query, items[query][i]);
      }
    });
    LOG.info("embedding neighbours found by clusters items={} clustered={} clusters={} probes={} clusterMillis={} searchMillis={}",
        numItems, ids.length, clusters, probed, (clustered - start) / 1_000_000,
        (System.nanoTime() - clustered) / 1_000_000);
    return new ItemEmbeddings.Neighbours(items, cosines);
  }

  /** Four partial sums, so the CPU overlaps the additions a single sum would wait on. */
  private static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int j = 0;
    for (; j + 4 <= length; j += 4) {
      s0 += a[aOffset + j] * b[bOffset + j];
      s1 += a[aOffset + j + 1] * b[bOffset + j + 1];
      s2 += a[aOffset + j + 2] * b[bOffset + j + 2];
      s3 += a[aOffset + j + 3] * b[bOffset + j + 3];
    }
    for (; j < length; j++) {
      s0 += a[aOffset + j] * b[bOffset + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The {@code probes} clusters whose centroids are nearest the vector at {@code offset}. */
  private static int[] nearestClusters(float[] vectors, int offset, float[] centroids, int clusters, int dimension,
      int probes) {
    TopItems top = new TopItems(probes);
    for (int c = 0; c < clusters; c++) {
      top.offer(c, dot(vectors, offset, centroids, c * dimension, dimension));
    }
    return top.drainBestFirst();
  }

  private static int[] nonZeroItems(float[] vectors, int numItems, int dimension) {
    return IntStream.rangeClosed(1, numItems).filter(item -> {
      for (int j = 0, o = item * dimension; j < dimension; j++, o++) {
        if (vectors[o] != 0f) {
          return true;
        }
      }
      return false;
    }).toArray();
  }

  /** Spherical k-means on a seeded sample: unit centroids, each the normalised mean of its members. */
  private static float[] centroids(float[] vectors, int dimension, int[] ids, int clusters) {
    SplittableRandom random = new SplittableRandom(SEED);
    int[] shuffled = ids.clone();
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    int[] sample = java.util.Arrays.copyOf(shuffled, Math.min(shuffled.length, Math.max(SAMPLE, clusters)));
    float[] centroids = new float[clusters * dimension];
    for (int c = 0; c < clusters; c++) {
      System.arraycopy(vectors, sample[c] * dimension, centroids, c * dimension, dimension);
    }
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      int[] assigned = assign(vectors, dimension, sample, centroids, clusters);
      float[] sums = new float[clusters * dimension];
      for (int i = 0; i < sample.length; i++) {
        int o = sample[i] * dimension;
        int co = assigned[i] * dimension;
        for (int j = 0; j < dimension; j++) {
          sums[co + j] += vectors[o + j];
        }
      }
      for (int c = 0; c < clusters; c++) {
        double norm = 0;
        for (int j = 0; j < dimension; j++) {
          norm += sums[c * dimension + j] * sums[c * dimension + j];
        }
        if (norm > 0) { // an empty cluster keeps its centroid
          float inverse = (float) (1 / Math.sqrt(norm));
          for (int j = 0; j < dimension; j++) {
            centroids[c * dimension + j] = sums[c * dimension + j] * inverse;
          }
        }
      }
    }
    return centroids;
  }

  /** Each item's nearest centroid (highest dot product; ties to the lower cluster). */
  private static int[] assign(float[] vectors, int dimension, int[] ids, float[] centroids, int clusters) {
    int[] assigned = new int[ids.length];
    IntStream.range(0, ids.length).parallel().forEach(i -> {
      int o = ids[i] * dimension;
      int best = 0;
      float bestScore = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < clusters; c++) {
        float s = 0;
        for (int j = 0, co = c * dimension; j < dimension; j++, co++) {
          s += vectors[o + j] * centroids[co];
        }
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assigned[i] = best;
    });
    return assigned;
  }

  private static int[][] members(int[] ids, int[] clusterOf, int clusters) {
    int[] counts = new int[clusters];
    for (int c : clusterOf) {
      counts[c]++;
    }
    int[][] members = new int[clusters][];
    for (int c = 0; c < clusters; c++) {
      members[c] = new int[counts[c]];
      counts[c] = 0;
    }
    for (int i = 0; i < ids.length; i++) {
      int c = clusterOf[i];
      members[c][counts[c]++] = ids[i];
    }
    return members;
  }

  private static int[] concat(int[][] members, int[] clusters) {
    int size = 0;
    for (int c : clusters) {
      size += members[c].length;
    }
    int[] all = new int[size];
    int at = 0;
    for (int c : clusters) {
      System.arraycopy(members[c], 0, all, at, members[c].length);
      at += members[c].length;
    }
    return all;
  }
}
