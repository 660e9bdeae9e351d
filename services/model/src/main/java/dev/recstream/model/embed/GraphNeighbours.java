package dev.recstream.model.embed;

import dev.recstream.model.TopItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every item's approximate nearest neighbours through a hierarchical navigable small-world graph
 * (Lucene's HNSW), for catalogs where the exact pass of {@link ItemEmbeddings#nearestOfEvery}, which
 * grows with the square of the items, would take minutes (about 6.5 min for 200,000 items on 2
 * cores). The graph is built once, single-threaded and seeded, so equal embeddings give equal
 * neighbours; each item's own vector is then searched in parallel, with a beam wider than the
 * neighbours wanted, and the results are re-scored with the exact cosine.
 *
 * <p>Items whose vector is zero (never seen beside another item) are left out of the graph and get
 * no neighbours: every item is equally far from them.
 */
final class GraphNeighbours {
  private static final Logger LOG = LoggerFactory.getLogger(GraphNeighbours.class);
  /** Links per node (Lucene's default). */
  static final int MAX_CONNECTIONS = 16;
  /** Candidates kept while inserting a node (Lucene's default). */
  static final int BUILD_BEAM = 100;
  /** The smallest beam a search keeps, however few neighbours are wanted. */
  static final int MIN_SEARCH_BEAM = 100;
  private static final long SEED = 42L;
  /** Items searched per task: enough to amortise a scorer copy, few enough to balance 2 cores. */
  private static final int CHUNK = 512;

  private GraphNeighbours() {}

  static ItemEmbeddings.Neighbours of(ItemEmbeddings embeddings, int k) {
    long start = System.nanoTime();
    int numItems = embeddings.numItems();
    List<float[]> vectors = new ArrayList<>();
    List<Integer> itemsOfOrd = new ArrayList<>();
    for (int item = 1; item <= numItems; item++) {
      float[] vector = embeddings.vector(item);
      if (!isZero(vector)) {
        vectors.add(vector);
        itemsOfOrd.add(item);
      }
    }
    int[] itemOf = itemsOfOrd.stream().mapToInt(Integer::intValue).toArray();
    int[][] items = new int[numItems + 1][0];
    float[][] cosines = new float[numItems + 1][0];
    if (itemOf.length < 2 || k == 0) {
      return new ItemEmbeddings.Neighbours(items, cosines);
    }
    try {
      RandomVectorScorerSupplier scorers = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
          VectorSimilarityFunction.DOT_PRODUCT, RandomAccessVectorValues.fromFloats(vectors, embeddings.dimension()));
      OnHeapHnswGraph graph = HnswGraphBuilder.create(scorers, MAX_CONNECTIONS, BUILD_BEAM, SEED).build(itemOf.length);
      long built = System.nanoTime();
      int beam = Math.max(MIN_SEARCH_BEAM, 2 * (k + 1));
      int chunks = (itemOf.length + CHUNK - 1) / CHUNK;
      IntStream.range(0, chunks).parallel().forEach(chunk -> {
        try {
          RandomVectorScorerSupplier own = scorers.copy();
          for (int ord = chunk * CHUNK; ord < Math.min(itemOf.length, (chunk + 1) * CHUNK); ord++) {
            ScoreDoc[] found = HnswGraphSearcher.search(own.scorer(ord), beam, graph, null, Integer.MAX_VALUE)
                .topDocs().scoreDocs;
            keepNearest(embeddings, itemOf[ord], found, itemOf, k, items, cosines);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      LOG.info("embedding neighbours found approximately items={} inGraph={} buildMillis={} searchMillis={}",
          numItems, itemOf.length, (built - start) / 1_000_000, (System.nanoTime() - built) / 1_000_000);
    } catch (IOException e) {
      // The vectors are on the heap: Lucene's signatures allow I/O, these calls do none.
      throw new UncheckedIOException(e);
    }
    return new ItemEmbeddings.Neighbours(items, cosines);
  }

  /** The k best of {@code found} other than the query itself, by exact cosine, ties to the lower index. */
  private static void keepNearest(ItemEmbeddings embeddings, int query, ScoreDoc[] found, int[] itemOf, int k,
      int[][] items, float[][] cosines) {
    TopItems top = new TopItems(k);
    for (ScoreDoc doc : found) {
      int item = itemOf[doc.doc];
      if (item != query) {
        top.offer(item, embeddings.cosine(query, item));
      }
    }
    items[query] = top.drainBestFirst();
    cosines[query] = new float[items[query].length];
    for (int i = 0; i < items[query].length; i++) {
      cosines[query][i] = embeddings.cosine(query, items[query][i]);
    }
  }

  private static boolean isZero(float[] vector) {
    for (float v : vector) {
      if (v != 0f) {
        return false;
      }
    }
    return true;
  }
}
