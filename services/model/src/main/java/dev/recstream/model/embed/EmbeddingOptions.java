package dev.recstream.model.embed;

/**
 * How {@link ItemEmbeddings#train} builds the embeddings.
 *
 * @param dimension length of each item vector (the SVD rank)
 * @param window largest distance d between two positions of a sequence that still co-occur; a
 *     pair at distance d adds 1/d
 * @param oversample extra random directions beyond {@code dimension} in the randomized SVD
 * @param powerIterations subspace (power) iterations of the randomized SVD; each sharpens the
 *     spectrum's decay at the cost of two sparse products
 * @param seed seed of the Gaussian test matrix; equal seeds give identical embeddings
 * @param contextSmoothing exponent α applied to the context counts in PMI, in (0, 1]; 1 is plain
 *     PMI, 0.75 is the "context distribution smoothing" of Levy, Goldberg and Dagan (2015). On
 *     the Amazon Beauty validation split 0.75 measured the same as 1 (embedding-only NDCG@10
 *     .0374 vs .0375), so the default is 1.
 */
public record EmbeddingOptions(
    int dimension, int window, int oversample, int powerIterations, long seed, double contextSmoothing) {

  /** Checks every field and names the first one out of range. */
  public EmbeddingOptions {
    requireAtLeast("dimension", dimension, 1);
    requireAtLeast("window", window, 1);
    requireAtLeast("oversample", oversample, 0);
    requireAtLeast("powerIterations", powerIterations, 0);
    if (!(contextSmoothing > 0 && contextSmoothing <= 1)) {
      throw new IllegalArgumentException(
          "contextSmoothing: must be in (0, 1], was " + contextSmoothing);
    }
  }

  /** The recipe's settings: 64 dimensions, window 5, oversample 10, 4 power iterations, seed 42, no smoothing. */
  public static EmbeddingOptions defaults() {
    return new EmbeddingOptions(64, 5, 10, 4, 42L, 1.0);
  }

  /** These options with another {@code dimension}. */
  public EmbeddingOptions withDimension(int newDimension) {
    return new EmbeddingOptions(newDimension, window, oversample, powerIterations, seed, contextSmoothing);
  }

  /** These options with another {@code contextSmoothing} exponent. */
  public EmbeddingOptions withContextSmoothing(double alpha) {
    return new EmbeddingOptions(dimension, window, oversample, powerIterations, seed, alpha);
  }

  private static void requireAtLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + ": must be at least " + min + ", was " + value);
    }
  }
}
