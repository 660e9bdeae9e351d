package dev.recstream.model.twostage;

import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the two-stage model derives from a list of sequences before any ranker: the statistics,
 * the item embeddings and every item's candidate lists. The costliest part of a fit (on 10 million
 * events: about 30 s of statistics, 120 s of embeddings and 60 s of neighbours), built once per
 * list of sequences: a fit builds it twice, for its rankers' examples (every sequence without its
 * last item) and for serving (every sequence).
 *
 * <p>{@link Cache} lets a second fit reuse the first's: {@code recstream train} evaluates on
 * sequences without their test item and then fits on whole sequences, so the evaluation fit's
 * serving side is exactly the final fit's examples side.
 */
public final class SequenceDerivatives {
  private static final Logger LOG = LoggerFactory.getLogger(SequenceDerivatives.class);

  final SequenceStatistics stats;
  final ItemEmbeddings embeddings;
  final ItemLists lists;

  private SequenceDerivatives(SequenceStatistics stats, ItemEmbeddings embeddings, ItemLists lists) {
    this.stats = stats;
    this.embeddings = embeddings;
    this.lists = lists;
  }

  /** Derives everything from {@code sequences}; blocking and CPU-bound. */
  public static SequenceDerivatives of(List<int[]> sequences, int numItems, EmbeddingOptions options) {
    // Embeddings first: their counting and SVD matrices are the largest transient structures, and
    // the statistics, counted after, need not sit beside them (at 20M events that was 5.8 GB live).
    ItemEmbeddings embeddings = ItemEmbeddings.train(sequences, numItems, options);
    SequenceStatistics stats = SequenceStatistics.of(sequences, numItems);
    return new SequenceDerivatives(stats, embeddings, ItemLists.of(stats, embeddings));
  }

  /** The item embeddings. */
  public ItemEmbeddings embeddings() {
    return embeddings;
  }

  /**
   * Holds the derivatives last built, keyed by a fingerprint of their sequences, item count and
   * options, so that a fit asking again for the same sequences gets them without the work. It
   * lets go of the held ones before building others, so it never keeps two. Share one between
   * fits of one process that follow each other; thread-safe.
   */
  public static final class Cache {
    private long key;
    private SequenceDerivatives held;

    /** The derivatives of {@code sequences}: the held ones when they match, else newly built (and held). */
    public synchronized SequenceDerivatives of(List<int[]> sequences, int numItems, EmbeddingOptions options) {
      long wanted = fingerprint(sequences, numItems, options);
      if (held != null && wanted == key) {
        LOG.info("sequence derivatives reused sequences={} items={}", sequences.size(), numItems);
        return held;
      }
      held = null;
      held = SequenceDerivatives.of(sequences, numItems, options);
      key = wanted;
      return held;
    }

    /** Lets go of the held derivatives. */
    public synchronized void clear() {
      held = null;
    }

    /** A 64-bit hash of every item of every sequence (with the lengths), the item count and the options. */
    static long fingerprint(List<int[]> sequences, int numItems, EmbeddingOptions options) {
      long h = 1125899906842597L ^ numItems;
      for (int[] sequence : sequences) {
        h = mix(h, sequence.length);
        for (int item : sequence) {
          h = mix(h, item);
        }
      }
      return mix(h, Objects.hashCode(options));
    }

    private static long mix(long h, long value) {
      long x = (h ^ value) * 0x9E3779B97F4A7C15L;
      return x ^ (x >>> 29);
    }
  }
}
