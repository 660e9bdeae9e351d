package dev.recstream.trainer.sequence;

/** Told how a sequence network's training goes, e.g. to draw a progress bar. */
public interface EpochListener {

  /** A listener that ignores everything. */
  EpochListener NONE = new EpochListener() {};

  /** Within an epoch: {@code done} of {@code total} batches. Called from the training thread. */
  default void onBatch(int epoch, int done, int total) {}

  /** After each epoch's validation. */
  default void onEpoch(EpochSummary summary) {}

  /**
   * @param epoch 1-based
   * @param loss the epoch's mean cross-entropy per predicted position
   * @param validationNdcg NDCG@10 on the validation items after the epoch (full ranking)
   * @param bestEpoch the epoch of the best validation NDCG@10 so far
   * @param bestNdcg that NDCG@10
   * @param seconds the epoch's time, validation included
   */
  record EpochSummary(String model, int epoch, int maxEpochs, double loss, double validationNdcg, int bestEpoch,
      double bestNdcg, double seconds) {}
}
