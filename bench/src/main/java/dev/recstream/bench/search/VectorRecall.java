package dev.recstream.bench.search;

import dev.recstream.model.search.MiniLmEmbedder;
import dev.recstream.model.search.QueryText;
import dev.recstream.model.search.VectorIndex;
import dev.recstream.model.search.VectorIndex.Hit;
import dev.recstream.shared.catalog.CatalogItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What the partitioned vector index costs in recall and saves in time, on real item vectors: the
 * seeded beauty catalog of {@code bench/search.sh} embedded by MiniLM, searched with the same
 * query mix's queries embedded the same way, exact ({@link VectorIndex#nearestExact}) against
 * partitioned ({@link VectorIndex#nearest}). Prints a Markdown table.
 *
 * <p>Usage: {@code bench/vector-recall.sh [items=12000] [queries=500]}
 */
public final class VectorRecall {
  private static final long SEED = 42;
  private static final int BATCH = 64;

  private VectorRecall() {}

  public static void main(String[] args) {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    MiniLmEmbedder embedder = new MiniLmEmbedder();

    List<BeautyCatalog.Product> catalog = BeautyCatalog.generate(items, SEED);
    long started = System.nanoTime();
    VectorIndex index = new VectorIndex(MiniLmEmbedder.DIMENSIONS);
    for (int from = 0; from < catalog.size(); from += BATCH) {
      List<BeautyCatalog.Product> batch = catalog.subList(from, Math.min(catalog.size(), from + BATCH));
      List<float[]> vectors = embedder.embedAll(batch.stream().map(VectorRecall::embeddingText).toList());
      for (int i = 0; i < batch.size(); i++) {
        index.put(batch.get(i).itemId(), vectors.get(i));
      }
    }
    System.err.printf("embedded %d items in %.1f s%n", items, (System.nanoTime() - started) / 1e9);

    QueryMix mix = new QueryMix(catalog, SEED);
    List<float[]> asked = new ArrayList<>(queries);
    for (int q = 0; q < queries; q++) {
      asked.add(embedder.embed(QueryText.normalize(mix.next().text())));
    }

    long partitionStarted = System.nanoTime();
    if (!index.partition(SEED)) {
      throw new IllegalStateException("items: " + items + " are too few to partition (at least " + VectorIndex.PARTITION_MIN + ")");
    }
    double partitionSeconds = (System.nanoTime() - partitionStarted) / 1e9;

    // Twice each: the first pass warms the JIT, the second is timed.
    long[] exactNanos = time(asked, q -> index.nearestExact(q, 100));
    exactNanos = time(asked, q -> index.nearestExact(q, 100));
    long[] partitionedNanos = time(asked, q -> index.nearest(q, 100));
    partitionedNanos = time(asked, q -> index.nearest(q, 100));

    double recall10 = 0;
    double recall100 = 0;
    for (float[] q : asked) {
      List<Hit> exact = index.nearestExact(q, 100);
      List<Hit> approximate = index.nearest(q, 100);
      recall10 += overlap(exact.subList(0, 10), approximate.subList(0, Math.min(10, approximate.size()))) / 10.0;
      recall100 += overlap(exact, approximate) / 100.0;
    }
    System.out.printf("| items | lists | partition s | recall@10 | recall@100 | exact p50 µs | partitioned p50 µs | ratio |%n");
    System.out.printf("|---:|---:|---:|---:|---:|---:|---:|---:|%n");
    double exactP50 = median(exactNanos) / 1e3;
    double partitionedP50 = median(partitionedNanos) / 1e3;
    System.out.printf("| %,d | %d | %.2f | %.3f | %.3f | %,.0f | %,.0f | %.1f× |%n", items, index.lists(), partitionSeconds,
        recall10 / queries, recall100 / queries, exactP50, partitionedP50, exactP50 / partitionedP50);
  }

  private static String embeddingText(BeautyCatalog.Product p) {
    return new CatalogItem(p.itemId(), p.title(), p.brand(), p.category(), p.price(), p.available(), p.attributes())
        .embeddingText();
  }

  private static long[] time(List<float[]> queries, Function<float[], List<Hit>> search) {
    long[] nanos = new long[queries.size()];
    for (int i = 0; i < nanos.length; i++) {
      long t = System.nanoTime();
      search.apply(queries.get(i));
      nanos[i] = System.nanoTime() - t;
    }
    return nanos;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long overlap(List<Hit> expected, List<Hit> found) {
    Set<String> ids = new HashSet<>();
    expected.forEach(h -> ids.add(h.itemId()));
    return found.stream().filter(h -> ids.contains(h.itemId())).count();
  }
}
