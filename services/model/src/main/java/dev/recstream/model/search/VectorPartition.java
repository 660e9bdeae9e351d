package dev.recstream.model.search;

import java.util.Arrays;
import java.util.Random;

/**
 * An inverted-file partition of unit vectors (IVF, as FAISS's {@code IndexIVFFlat}): {@code lists}
 * centroids found by spherical k-means, and for each centroid the rows of the vectors nearest it.
 * A search scores the centroids, then compares the query with the rows of the nearest few lists
 * only — a quarter of the lists instead of all of them — at the price of missing a neighbour that
 * sits in a list not probed.
 *
 * <p>Not thread-safe: {@link VectorIndex} guards it.
 */
final class VectorPartition {
  /** Sample points per centroid that k-means learns from (FAISS warns below 39; quality flattens above). */
  static final int SAMPLE_PER_LIST = 40;
  static final int ITERATIONS = 8;

  private final int dimensions;
  private final int lists;
  private final float[] centroids;
  private final int[][] members;
  private final int[] sizes;
  /** Each row's list, -1 for rows not assigned. */
  private int[] listOfRow = new int[0];

  private VectorPartition(int dimensions, float[] centroids) {
    this.dimensions = dimensions;
    this.lists = centroids.length / dimensions;
    this.centroids = centroids;
    this.members = new int[lists][];
    this.sizes = new int[lists];
    Arrays.setAll(members, i -> new int[16]);
  }

  /**
   * Learns {@code lists} centroids from a seeded sample of the first {@code rows} vectors (row-major
   * in {@code vectors}) and assigns every one of those rows to its nearest centroid.
   */
  static VectorPartition train(float[] vectors, int rows, int dimensions, int lists, long seed) {
    if (lists < 1 || rows < lists) {
      throw new IllegalArgumentException("lists: must be between 1 and the " + rows + " rows, was " + lists);
    }
    Random random = new Random(seed);
    int[] order = new int[rows];
    Arrays.setAll(order, i -> i);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int samples = Math.min(rows, lists * SAMPLE_PER_LIST);
    float[] centroids = new float[lists * dimensions];
    for (int c = 0; c < lists; c++) {
      System.arraycopy(vectors, order[c] * dimensions, centroids, c * dimensions, dimensions);
    }
    int[] assigned = new int[samples];
    float[] sums = new float[lists * dimensions];
    int[] counts = new int[lists];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      for (int s = 0; s < samples; s++) {
        assigned[s] = nearestCentroid(centroids, lists, dimensions, vectors, order[s] * dimensions);
      }
      Arrays.fill(sums, 0);
      Arrays.fill(counts, 0);
      for (int s = 0; s < samples; s++) {
        int c = assigned[s];
        counts[c]++;
        int from = order[s] * dimensions;
        for (int d = 0; d < dimensions; d++) {
          sums[c * dimensions + d] += vectors[from + d];
        }
      }
      for (int c = 0; c < lists; c++) {
        if (counts[c] == 0) {
          // An empty cluster restarts at a random sample point.
          System.arraycopy(vectors, order[random.nextInt(samples)] * dimensions, sums, c * dimensions, dimensions);
        }
        normalize(sums, c * dimensions, dimensions);
      }
      System.arraycopy(sums, 0, centroids, 0, sums.length);
    }
    VectorPartition partition = new VectorPartition(dimensions, centroids);
    for (int row = 0; row < rows; row++) {
      partition.assign(row, vectors);
    }
    return partition;
  }

  int lists() {
    return lists;
  }

  /** Puts the row in the list of its vector's nearest centroid, taking it out of its former list. */
  void assign(int row, float[] vectors) {
    if (row >= listOfRow.length) {
      int old = listOfRow.length;
      listOfRow = Arrays.copyOf(listOfRow, Math.max(row + 1, old * 2 + 16));
      Arrays.fill(listOfRow, old, listOfRow.length, -1);
    }
    int list = nearestCentroid(centroids, lists, dimensions, vectors, row * dimensions);
    int former = listOfRow[row];
    if (former == list) {
      return;
    }
    if (former >= 0) {
      int[] m = members[former];
      for (int i = 0; i < sizes[former]; i++) {
        if (m[i] == row) {
          m[i] = m[--sizes[former]];
          break;
        }
      }
    }
    if (sizes[list] == members[list].length) {
      members[list] = Arrays.copyOf(members[list], sizes[list] * 2);
    }
    members[list][sizes[list]++] = row;
    listOfRow[row] = list;
  }

  /**
   * The rows of the lists nearest the query, nearest list first, probing {@code probes} lists and
   * then more until at least {@code minRows} rows are in (or every list is).
   */
  int[] candidates(float[] query, int probes, int minRows) {
    float[] scores = new float[lists];
    Integer[] byScore = new Integer[lists];
    for (int c = 0; c < lists; c++) {
      scores[c] = VectorIndex.dot(query, 0, centroids, c * dimensions, dimensions);
      byScore[c] = c;
    }
    Arrays.sort(byScore, (a, b) -> Float.compare(scores[b], scores[a]));
    int total = 0;
    int used = 0;
    while (used < lists && (used < probes || total < minRows)) {
      total += sizes[byScore[used++]];
    }
    int[] rows = new int[total];
    int at = 0;
    for (int i = 0; i < used; i++) {
      int list = byScore[i];
      System.arraycopy(members[list], 0, rows, at, sizes[list]);
      at += sizes[list];
    }
    return rows;
  }

  private static int nearestCentroid(float[] centroids, int lists, int dimensions, float[] vectors, int from) {
    int best = 0;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < lists; c++) {
      float s = VectorIndex.dot(vectors, from, centroids, c * dimensions, dimensions);
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    return best;
  }

  private static void normalize(float[] v, int from, int length) {
    double norm = 0;
    for (int i = 0; i < length; i++) {
      norm += v[from + i] * v[from + i];
    }
    if (norm > 0) {
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < length; i++) {
        v[from + i] *= scale;
      }
    }
  }
}
