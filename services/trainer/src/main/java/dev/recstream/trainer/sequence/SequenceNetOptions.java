package dev.recstream.trainer.sequence;

/**
 * How a sequence network is built and trained. Start from {@link #sasrec()} or {@link
 * #gru4rec()} and change what differs.
 *
 * @param architecture {@code sasrec} (a causal Transformer encoder) or {@code gru4rec} (a GRU)
 * @param maxLength L, the newest items the network sees
 * @param dimension d, the width of embeddings and hidden states
 * @param blocks Transformer blocks (sasrec; ignored by gru4rec)
 * @param heads attention heads, dividing d (sasrec)
 * @param dropout the dropout rate in training
 * @param negatives the loss's sampled softmax: each step ranks every position's next item against
 *     this many items drawn uniformly for the batch (an item equal to the target masked); 0, or at
 *     least the catalog, for the full softmax over every item
 * @param learningRate Adam's step size
 * @param batchSize users per step
 * @param maxEpochs at most this many passes over the users
 * @param patience stop after this many epochs without a better validation NDCG@10
 * @param validationUsers validate on at most this many users (a seeded sample)
 * @param seed seeds initialisation, dropout and the order of batches
 * @param threads PyTorch's intra-op threads; the first training in a process fixes them. One by
 *     default: on two, MKL's products are not reproducible from run to run and trainings from
 *     one seed drift apart (one thread costs about 1.6× the time on Beauty)
 * @param refitEpochs after early stopping, this many more epochs that also learn each
 *     sequence's validation item — the newest behaviour, which early stopping had to hold out;
 *     0 keeps the best epoch as it is
 */
public record SequenceNetOptions(String architecture, int maxLength, int dimension, int blocks, int heads,
    double dropout, int negatives, double learningRate, int batchSize, int maxEpochs, int patience, int validationUsers, long seed,
    int threads, int refitEpochs) {

  public static final String SASREC = "sasrec";
  public static final String GRU4REC = "gru4rec";
  /**
   * Sampled negatives per step by default: the full softmax over 12,101 Beauty items cost 47 s an
   * epoch on 2 threads (every step writes several logits matrices of rows × items), 2,048 about 7 s.
   */
  public static final int DEFAULT_NEGATIVES = 2_048;

  /**
   * Epochs after early stopping that also learn each sequence's newest item. Chosen on Amazon
   * Beauty's validation split (every sequence without its test and validation items; early
   * stopping on the item before): sasrec's NDCG@10 on the validation items 0.0464 with none,
   * 0.0541 with 2 — the newest behaviour is what predicts the next.
   */
  public static final int DEFAULT_REFIT_EPOCHS = 2;

  /** Checks every field, naming the one it rejects. */
  public SequenceNetOptions {
    if (!SASREC.equals(architecture) && !GRU4REC.equals(architecture)) {
      throw new IllegalArgumentException("architecture: must be sasrec or gru4rec, was " + architecture);
    }
    positive("maxLength", maxLength);
    positive("dimension", dimension);
    positive("blocks", blocks);
    positive("heads", heads);
    if (dimension % heads != 0) {
      throw new IllegalArgumentException("heads: must divide dimension " + dimension + ", was " + heads);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout: must be in [0, 1), was " + dropout);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate: must be a finite number > 0, was " + learningRate);
    }
    if (negatives < 0) {
      throw new IllegalArgumentException("negatives: must be 0 (the full softmax) or more, was " + negatives);
    }
    positive("batchSize", batchSize);
    positive("maxEpochs", maxEpochs);
    positive("patience", patience);
    positive("validationUsers", validationUsers);
    positive("threads", threads);
    if (refitEpochs < 0) {
      throw new IllegalArgumentException("refitEpochs: must be 0 or more, was " + refitEpochs);
    }
  }

  /**
   * SASRec: L = 50, d = 64, 2 blocks, 1 head, dropout 0.5, 2,048 sampled negatives, Adam 1e-3,
   * batches of 128, up to 200 epochs, patience 10, one thread, then 2 epochs that learn the
   * validation items too ({@link #DEFAULT_REFIT_EPOCHS}).
   */
  public static SequenceNetOptions sasrec() {
    return new SequenceNetOptions(SASREC, 50, 64, 2, 1, 0.5, DEFAULT_NEGATIVES, 1e-3, 128, 200, 10, 5_000, 42L, 1,
        DEFAULT_REFIT_EPOCHS);
  }

  /**
   * GRU4Rec over the same inputs: one GRU layer of d = 64, dropout 0.3, otherwise as {@link
   * #sasrec()} but without the refit epochs (not measured for it yet).
   */
  public static SequenceNetOptions gru4rec() {
    return new SequenceNetOptions(GRU4REC, 50, 64, 1, 1, 0.3, DEFAULT_NEGATIVES, 1e-3, 128, 200, 10, 5_000, 42L, 1, 0);
  }

  public SequenceNetOptions withBlocks(int count) {
    return new SequenceNetOptions(architecture, maxLength, dimension, count, heads, dropout, negatives, learningRate, batchSize,
        maxEpochs, patience, validationUsers, seed, threads, refitEpochs);
  }

  public SequenceNetOptions withDimension(int width) {
    return new SequenceNetOptions(architecture, maxLength, width, blocks, heads, dropout, negatives, learningRate, batchSize,
        maxEpochs, patience, validationUsers, seed, threads, refitEpochs);
  }

  public SequenceNetOptions withDropout(double rate) {
    return new SequenceNetOptions(architecture, maxLength, dimension, blocks, heads, rate, negatives, learningRate, batchSize,
        maxEpochs, patience, validationUsers, seed, threads, refitEpochs);
  }

  public SequenceNetOptions withMaxLength(int length) {
    return new SequenceNetOptions(architecture, length, dimension, blocks, heads, dropout, negatives, learningRate, batchSize,
        maxEpochs, patience, validationUsers, seed, threads, refitEpochs);
  }

  public SequenceNetOptions withEpochs(int max, int patienceEpochs) {
    return new SequenceNetOptions(architecture, maxLength, dimension, blocks, heads, dropout, negatives, learningRate, batchSize,
        max, patienceEpochs, validationUsers, seed, threads, refitEpochs);
  }

  public SequenceNetOptions withLearningRate(double rate) {
    return new SequenceNetOptions(architecture, maxLength, dimension, blocks, heads, dropout, negatives, rate,
        batchSize, maxEpochs, patience, validationUsers, seed, threads, refitEpochs);
  }

  public SequenceNetOptions withNegatives(int count) {
    return new SequenceNetOptions(architecture, maxLength, dimension, blocks, heads, dropout, count, learningRate,
        batchSize, maxEpochs, patience, validationUsers, seed, threads, refitEpochs);
  }

  public SequenceNetOptions withRefitEpochs(int count) {
    return new SequenceNetOptions(architecture, maxLength, dimension, blocks, heads, dropout, negatives, learningRate,
        batchSize, maxEpochs, patience, validationUsers, seed, threads, count);
  }

  private static void positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + ": must be at least 1, was " + value);
    }
  }
}
