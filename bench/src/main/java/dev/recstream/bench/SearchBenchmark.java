package dev.recstream.bench;

import dev.recstream.bench.search.BeautyCatalog;
import dev.recstream.model.search.MiniLmEmbedder;
import dev.recstream.model.search.SearchBlend;
import dev.recstream.model.search.SearchBlend.Candidate;
import dev.recstream.model.search.VectorIndex;
import dev.recstream.shared.bus.ScoredItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of one search request that cost CPU inside recstream (issue #14), each alone:
 *
 * <ul>
 *   <li>{@code embedQuery}: {@link MiniLmEmbedder#embed} of one short query, rotating over 50
 *       queries of one to four words;
 *   <li>{@code embedTitlesPerTitle}: {@link MiniLmEmbedder#embedAll} of 32 catalog titles (the
 *       search load's beauty catalog), reported per title: what computing the item vectors costs;
 *   <li>{@code nearest100}: {@link VectorIndex#nearest} of 100 over {@code items} random unit
 *       vectors of 384 dimensions (seeded): 12,000, the target's catalog, and 100,000 for scale;
 *   <li>{@code blendRank}: {@link SearchBlend#rank} of 200 candidates to the best 10.
 * </ul>
 *
 * Uses only the public API of the search classes. Run: {@code bench/search-jmh.sh [jmh options]}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SearchBenchmark {
  private static final int BATCH = 32;
  private static final int CANDIDATES = 200;
  private static final int K = 10;
  private static final long SEED = 42;

  /** What shoppers type: one to four words. */
  private static final String[] QUERIES = {
      "lipstick", "mascara", "shampoo", "moisturizer", "serum", "nail polish", "eyeliner", "foundation",
      "concealer", "sunscreen", "red lipstick", "matte lipstick", "nude lip gloss", "waterproof mascara",
      "black eyeliner", "liquid eyeliner", "vitamin c serum", "retinol night cream", "dry shampoo", "hair mask",
      "curly hair cream", "coral blush", "rose perfume", "vanilla body lotion", "face oil", "clay mask",
      "spf 50 sunscreen", "tinted moisturizer", "gel nail polish", "quick dry top coat", "matte liquid eyeliner",
      "hydrating face serum", "sulfate free shampoo", "long wear foundation", "ruby red lipstick",
      "volumizing waterproof mascara", "hyaluronic acid serum", "eyeshadow palette smoky", "brow pencil dark brown",
      "makeup brush set", "matte red liquid lipstick", "shampoo for colored hair", "moisturizer for oily skin",
      "gentle cleanser sensitive skin", "long lasting nail polish", "lip balm with spf", "glitter nail polish gold",
      "beauty sponge latex free", "argan oil hair mask", "eau de parfum floral"};

  /** The embedding model and what it embeds. */
  @State(Scope.Benchmark)
  public static class Texts {
    MiniLmEmbedder embedder;
    List<List<String>> batches;
    int nextQuery;
    int nextBatch;

    @Setup(Level.Trial)
    public void load() {
      embedder = new MiniLmEmbedder();
      List<String> titles = BeautyCatalog.titles(BATCH * 8, SEED);
      batches = new ArrayList<>();
      for (int from = 0; from < titles.size(); from += BATCH) {
        batches.add(titles.subList(from, from + BATCH));
      }
    }
  }

  /** An index of random unit vectors and queries to search it with. */
  @State(Scope.Benchmark)
  public static class Index {
    @Param({"12000", "100000"})
    public int items;

    VectorIndex index;
    float[][] queries;
    int next;

    @Setup(Level.Trial)
    public void fill() {
      Random random = new Random(SEED);
      index = new VectorIndex(MiniLmEmbedder.DIMENSIONS);
      for (int i = 0; i < items; i++) {
        index.put("item-" + i, unitVector(random));
      }
      queries = new float[64][];
      for (int q = 0; q < queries.length; q++) {
        queries[q] = unitVector(random);
      }
    }
  }

  /** Candidate lists shaped like a search's: fused retrieval ranks, personal scores for most, thin evidence. */
  @State(Scope.Benchmark)
  public static class Candidates {
    List<List<Candidate>> lists;
    int next;

    @Setup(Level.Trial)
    public void build() {
      Random random = new Random(SEED);
      lists = new ArrayList<>();
      for (int l = 0; l < 16; l++) {
        List<Candidate> candidates = new ArrayList<>(CANDIDATES);
        for (int r = 0; r < CANDIDATES; r++) {
          double retrieval = 1.0 / (60 + r + 1) + (random.nextDouble() < 0.3 ? 1.0 / (60 + random.nextInt(CANDIDATES) + 1) : 0);
          Double personal = random.nextDouble() < 0.7 ? random.nextGaussian() : null;
          double evidence = random.nextDouble() < 0.1 ? 0.3 * random.nextDouble() : 0;
          double popularity = Math.pow(random.nextDouble(), 3);
          candidates.add(new Candidate("item-" + random.nextInt(12_000), retrieval, "matches \"red lipstick\"",
              personal, evidence, popularity));
        }
        lists.add(List.copyOf(candidates));
      }
    }
  }

  @Benchmark
  public float[] embedQuery(Texts s) {
    String query = QUERIES[s.nextQuery];
    s.nextQuery = (s.nextQuery + 1) % QUERIES.length;
    return s.embedder.embed(query);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<float[]> embedTitlesPerTitle(Texts s) {
    List<String> batch = s.batches.get(s.nextBatch);
    s.nextBatch = (s.nextBatch + 1) % s.batches.size();
    return s.embedder.embedAll(batch);
  }

  @Benchmark
  public List<VectorIndex.Hit> nearest100(Index s) {
    float[] query = s.queries[s.next];
    s.next = (s.next + 1) % s.queries.length;
    return s.index.nearest(query, 100);
  }

  @Benchmark
  public List<ScoredItem> blendRank(Candidates s) {
    List<Candidate> candidates = s.lists.get(s.next);
    s.next = (s.next + 1) % s.lists.size();
    return SearchBlend.rank(candidates, SearchBlend.Weights.DEFAULT, K, "red lipstick");
  }

  private static float[] unitVector(Random random) {
    float[] v = new float[MiniLmEmbedder.DIMENSIONS];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }
}
