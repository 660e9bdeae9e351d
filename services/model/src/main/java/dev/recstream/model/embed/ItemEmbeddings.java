package dev.recstream.model.embed;

import dev.recstream.model.TopItems;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One unit-length vector per item, learned from which items appear near each other in users'
 * sequences: window co-occurrence weighted 1/d ({@link CooccurrenceCounts}) → positive PMI
 * ({@link PositivePmi}) → randomized SVD ({@link RandomizedSvd}) → rows of U·√S, each
 * L2-normalised. Items are 1-based indices; index 0 (padding) and every item whose PPMI row is
 * empty (never seen, or never beside another item) have the zero vector, so their dot product
 * with anything is 0.
 *
 * <p>Immutable and thread-safe once built. The vectors are held in one flat row-major {@code
 * float[]} so that {@link #scoreAll}, the serving hot path, is a single tight loop.
 */
public final class ItemEmbeddings {
  private static final Logger LOG = LoggerFactory.getLogger(ItemEmbeddings.class);

  private final int numItems;
  private final int dimension;
  private final float[] vectors;
  /** Stands in for an absent query in {@link #dot5}: its sums stay +0, as a null query's dot is. */
  private final float[] zero;

  /** {@code vectors}: row-major (numItems + 1) × dimension, row 0 zero; not copied. */
  ItemEmbeddings(int numItems, int dimension, float[] vectors) {
    if (vectors.length != (numItems + 1) * dimension) {
      throw new IllegalArgumentException("vectors: expected (numItems + 1) × dimension floats");
    }
    this.numItems = numItems;
    this.dimension = dimension;
    this.zero = new float[dimension];
    this.vectors = vectors;
  }

  /**
   * Learns embeddings from {@code sequences}. Blocking and CPU-bound (≈ 1–1.5 s for Amazon Beauty's
   * 12k items on 2 cores); the sparse products run on the common fork-join pool.
   *
   * @param sequences per user, item indices in time order (0 is padding and is skipped)
   * @param numItems items are 1..numItems
   * @param options the recipe's parameters; {@link EmbeddingOptions#defaults()} is the recipe
   * @throws IllegalArgumentException when an item lies outside 0..numItems
   */
  public static ItemEmbeddings train(List<int[]> sequences, int numItems, EmbeddingOptions options) {
    Objects.requireNonNull(sequences, "sequences");
    Objects.requireNonNull(options, "options");
    if (numItems < 1) {
      throw new IllegalArgumentException("numItems: must be at least 1, was " + numItems);
    }
    long start = System.nanoTime();
    // The counts are garbage once PPMI is taken from them: no local keeps them alive beside it.
    CsrMatrix ppmi = PositivePmi.of(CooccurrenceCounts.count(sequences, numItems, options.window()),
        options.contextSmoothing());
    RandomizedSvd.Factors factors =
        RandomizedSvd.leftFactors(
            ppmi, ppmi.transpose(), options.dimension(), options.oversample(),
            options.powerIterations(), options.seed());
    float[] vectors = normalisedRows(factors, ppmi, options.dimension());
    long millis = (System.nanoTime() - start) / 1_000_000;
    LOG.info(
        "item embeddings built items={} dimension={} ppmiNonZeros={} millis={}",
        numItems, options.dimension(), ppmi.nonZeros(), millis);
    return new ItemEmbeddings(numItems, options.dimension(), vectors);
  }

  /**
   * Rows of U·√S scaled to unit length. Rows whose PPMI row is empty stay zero (QR can leave
   * rounding noise there); components beyond the rank the matrix allows stay zero.
   */
  private static float[] normalisedRows(RandomizedSvd.Factors factors, CsrMatrix ppmi, int dimension) {
    double[] u = factors.u().data;
    int k = factors.singularValues().length;
    double[] scale = new double[k];
    for (int j = 0; j < k; j++) {
      scale[j] = Math.sqrt(factors.singularValues()[j]);
    }
    float[] out = new float[ppmi.rows() * dimension];
    double[] row = new double[k];
    for (int item = 1; item < ppmi.rows(); item++) {
      if (ppmi.rowLength(item) == 0) {
        continue;
      }
      double norm = 0;
      for (int j = 0; j < k; j++) {
        row[j] = u[item * k + j] * scale[j];
        norm += row[j] * row[j];
      }
      double inverse = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (int j = 0; j < k; j++) {
        out[item * dimension + j] = (float) (row[j] * inverse);
      }
    }
    return out;
  }

  /** The length of every vector. */
  public int dimension() {
    return dimension;
  }

  /** Items are 1..numItems(). */
  public int numItems() {
    return numItems;
  }

  /** A copy of {@code item}'s vector (0 ≤ item ≤ numItems; item 0 is the zero padding vector). */
  public float[] vector(int item) {
    int offset = offset(item);
    return Arrays.copyOfRange(vectors, offset, offset + dimension);
  }

  /** The dot product of {@code query} with the item's vector, without copying it; 0 for a null query. */
  public float dot(float[] query, int item) {
    return query == null ? 0f : dot(query, 0, vectors, offset(item), dimension);
  }

  /**
   * The dot products of five queries with one item's vector, in one pass over that vector, into
   * {@code out[outOffset..outOffset+4]}; a null query gives 0. Each sum is taken in the same order
   * as {@link #dot(float[], int)} does it, so the results are bit-identical to five calls of it, but
   * the five independent sums let the CPU overlap their additions where a single sum waits on each
   * (the serving features take ten dot products per candidate).
   */
  public void dot5(float[] q0, float[] q1, float[] q2, float[] q3, float[] q4, int item, float[] out, int outOffset) {
    float[] zero = this.zero;
    float[] a = q0 == null ? zero : q0;
    float[] b = q1 == null ? zero : q1;
    float[] c = q2 == null ? zero : q2;
    float[] d = q3 == null ? zero : q3;
    float[] e = q4 == null ? zero : q4;
    float sa = 0;
    float sb = 0;
    float sc = 0;
    float sd = 0;
    float se = 0;
    for (int j = 0, o = offset(item); j < dimension; j++, o++) {
      float v = vectors[o];
      sa += a[j] * v;
      sb += b[j] * v;
      sc += c[j] * v;
      sd += d[j] * v;
      se += e[j] * v;
    }
    out[outOffset] = sa;
    out[outOffset + 1] = sb;
    out[outOffset + 2] = sc;
    out[outOffset + 3] = sd;
    out[outOffset + 4] = se;
  }

  /**
   * The dot products of {@code query} with the vectors of {@code items[0..count)}, into {@code
   * out[0..count)}: bit-identical to {@link #dot(float[], int)} for each, but four items per pass
   * over the query, whose four independent sums the CPU overlaps where one sum waits on each add.
   */
  public void dots(float[] query, int[] items, int count, float[] out) {
    int i = 0;
    for (; i + 4 <= count; i += 4) {
      int oa = offset(items[i]);
      int ob = offset(items[i + 1]);
      int oc = offset(items[i + 2]);
      int od = offset(items[i + 3]);
      float sa = 0;
      float sb = 0;
      float sc = 0;
      float sd = 0;
      for (int j = 0; j < dimension; j++) {
        float q = query[j];
        sa += q * vectors[oa + j];
        sb += q * vectors[ob + j];
        sc += q * vectors[oc + j];
        sd += q * vectors[od + j];
      }
      out[i] = sa;
      out[i + 1] = sb;
      out[i + 2] = sc;
      out[i + 3] = sd;
    }
    for (; i < count; i++) {
      out[i] = dot(query, items[i]);
    }
  }

  /**
   * The dot products of two queries with one item's vector, into {@code out[outOffset]} and {@code
   * out[outOffset + 1]}; bit-identical to two {@link #dot(float[], int)} calls, like {@link #dot5}.
   */
  public void dot2(float[] q0, float[] q1, int item, float[] out, int outOffset) {
    float[] a = q0 == null ? zero : q0;
    float[] b = q1 == null ? zero : q1;
    float sa = 0;
    float sb = 0;
    for (int j = 0, o = offset(item); j < dimension; j++, o++) {
      float v = vectors[o];
      sa += a[j] * v;
      sb += b[j] * v;
    }
    out[outOffset] = sa;
    out[outOffset + 1] = sb;
  }

  /**
   * The cosine similarity of two items, in [−1, 1]; 0 when either vector is zero. Vectors are
   * unit length, so this is their dot product.
   */
  public float cosine(int a, int b) {
    return dot(vectors, offset(a), vectors, offset(b), dimension);
  }

  /**
   * Σ weights[i] · vector(items[i]), scaled to unit length (the zero vector when the sum is zero).
   *
   * @param weights one per item, or null for equal weights
   */
  public float[] meanOf(int[] items, float[] weights) {
    if (weights != null && weights.length != items.length) {
      throw new IllegalArgumentException(
          "weights: " + weights.length + " weights for " + items.length + " items");
    }
    float[] mean = new float[dimension];
    for (int i = 0; i < items.length; i++) {
      float w = weights == null ? 1f : weights[i];
      int offset = offset(items[i]);
      for (int j = 0; j < dimension; j++) {
        mean[j] += w * vectors[offset + j];
      }
    }
    float norm = (float) Math.sqrt(dot(mean, 0, mean, 0, dimension));
    for (int j = 0; norm > 0 && j < dimension; j++) {
      mean[j] /= norm;
    }
    return mean;
  }

  /**
   * Writes the dot product of {@code query} with every item's vector into out[1..numItems]; out[0]
   * is left untouched.
   *
   * @param query length {@link #dimension()}
   * @param out length at least numItems + 1
   */
  public void scoreAll(float[] query, float[] out) {
    if (query.length != dimension || out.length <= numItems) {
      throw new IllegalArgumentException(
          "scoreAll: query needs " + dimension + " floats and out at least " + (numItems + 1));
    }
    for (int item = 1, offset = dimension; item <= numItems; item++, offset += dimension) {
      out[item] = dot(query, 0, vectors, offset, dimension);
    }
  }

  /**
   * The {@code n} items with the highest dot product with {@code query}, best first (ties: lower
   * index first); fewer when fewer items are not excluded.
   *
   * @param exclude items to leave out, or null to keep every item
   */
  public int[] nearest(float[] query, int n, IntPredicate exclude) {
    if (n < 0) {
      throw new IllegalArgumentException("n: must be 0 or more, was " + n);
    }
    float[] scores = new float[numItems + 1];
    scoreAll(query, scores);
    TopItems top = new TopItems(Math.min(n, numItems));
    for (int item = 1; item <= numItems; item++) {
      if (exclude == null || !exclude.test(item)) {
        top.offer(item, scores[item]);
      }
    }
    return top.drainBestFirst();
  }

  /**
   * Every item's {@code n} nearest other items, best first. On catalogs of at most {@link
   * #EXACT_NEIGHBOURS_UP_TO} items they are exactly those {@link #nearest} finds for the item's own
   * vector with the item itself excluded: the same scores (each dot product summed in the same
   * order, so ties break the same way), for all items in one pass. Queries are taken {@link
   * #QUERY_BLOCK} at a time so that each item's vector is read once per block, and blocks run on
   * the common fork-join pool. Blocking and CPU-bound: about a second for 12,000 items of 64
   * dimensions on 2 cores. Larger catalogs get approximate neighbours, as {@link
   * #nearestOfEvery(int, int)} says.
   *
   * @return per item 0..numItems (row 0 empty), its neighbours' indices, and in {@code cosines} the
   *     matching similarities; an item whose vector is zero gets the lowest indices, as {@link
   *     #nearest} gives them
   */
  public Neighbours nearestOfEvery(int n) {
    return nearestOfEvery(n, EXACT_NEIGHBOURS_UP_TO);
  }

  /**
   * Catalogs up to this many items get the exact neighbours (30 s for 49,465 items on 2 cores);
   * larger ones approximate neighbours found within clusters ({@link ClusteredNeighbours}), since
   * the exact pass grows with the square of the items (about 6.5 min at 200,000). At 49,465 items
   * the clustered search took 19.7 s where the exact pass took 50.6 s (same loaded run), and found
   * 90% of the 60 exact neighbours (95% of the top 10).
   */
  public static final int EXACT_NEIGHBOURS_UP_TO = 50_000;

  /**
   * As {@link #nearestOfEvery(int)}, exact when the catalog has at most {@code exactUpTo} items and
   * approximate above: then each list holds, best first, the nearest items among those of the
   * clusters nearest the item's own (most of the true ones; see {@link ClusteredNeighbours}), and
   * an item whose vector is zero gets none.
   */
  public Neighbours nearestOfEvery(int n, int exactUpTo) {
    if (n < 0) {
      throw new IllegalArgumentException("n: must be 0 or more, was " + n);
    }
    int k = Math.min(n, numItems - 1);
    if (numItems > exactUpTo) {
      return ClusteredNeighbours.of(this, vectors, k);
    }
    int[][] items = new int[numItems + 1][0];
    float[][] cosines = new float[numItems + 1][0];
    int blocks = (numItems + QUERY_BLOCK - 1) / QUERY_BLOCK;
    java.util.stream.IntStream.range(0, blocks).parallel().forEach(b -> nearestOfBlock(1 + b * QUERY_BLOCK, k, items, cosines));
    return new Neighbours(items, cosines);
  }

  /** Per item, its nearest other items (best first) and their cosines; row 0 is empty. */
  public record Neighbours(int[][] items, float[][] cosines) {}

  static final int QUERY_BLOCK = 4;

  private void nearestOfBlock(int first, int k, int[][] items, float[][] cosines) {
    int count = Math.min(QUERY_BLOCK, numItems + 1 - first);
    TopItems[] tops = new TopItems[QUERY_BLOCK];
    float[] sums = new float[QUERY_BLOCK];
    for (int q = 0; q < count; q++) {
      tops[q] = new TopItems(k);
    }
    int oa = first * dimension;
    int ob = (first + Math.min(1, count - 1)) * dimension;
    int oc = (first + Math.min(2, count - 1)) * dimension;
    int od = (first + Math.min(3, count - 1)) * dimension;
    for (int item = 1, o = dimension; item <= numItems; item++, o += dimension) {
      float sa = 0;
      float sb = 0;
      float sc = 0;
      float sd = 0;
      for (int j = 0; j < dimension; j++) {
        float v = vectors[o + j];
        sa += vectors[oa + j] * v;
        sb += vectors[ob + j] * v;
        sc += vectors[oc + j] * v;
        sd += vectors[od + j] * v;
      }
      sums[0] = sa;
      sums[1] = sb;
      sums[2] = sc;
      sums[3] = sd;
      for (int q = 0; q < count; q++) {
        if (item != first + q && tops[q].accepts(item, sums[q])) {
          tops[q].offer(item, sums[q]);
        }
      }
    }
    for (int q = 0; q < count; q++) {
      int query = first + q;
      items[query] = tops[q].drainBestFirst();
      cosines[query] = new float[items[query].length];
      for (int i = 0; i < items[query].length; i++) {
        cosines[query][i] = cosine(query, items[query][i]);
      }
    }
  }

  private int offset(int item) {
    if (item < 0 || item > numItems) {
      throw new IllegalArgumentException("item: must be in 0.." + numItems + ", was " + item);
    }
    return item * dimension;
  }

  /**
   * Plain dot product. On 12k × 64 floats scoreAll is bound by memory bandwidth (≈ 0.3 ms on the
   * development machine); a single accumulator measured faster than four, and a column-major
   * layout only ≈ 13% faster, so the simple row-major loop stays.
   */
  private static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float sum = 0;
    for (int j = 0; j < length; j++) {
      sum += a[aOffset + j] * b[bOffset + j];
    }
    return sum;
  }
}
