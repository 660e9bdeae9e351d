package dev.recstream.app;

import dev.recstream.trainer.sequence.EpochListener;
import java.io.PrintWriter;

/**
 * A sequence model's training on stderr: a bar through each epoch's batches, redrawn in place,
 * and one line per epoch with its loss and validation NDCG@10 beside the best so far.
 */
final class ConsoleEpochs implements EpochListener {
  private final PrintWriter err;
  private int lastPercent = -1;

  ConsoleEpochs(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void onBatch(int epoch, int done, int total) {
    int percent = (int) (100L * done / total);
    if (percent != lastPercent) {
      lastPercent = percent;
      err.printf("\repoch %3d [%s] %3d%%", epoch, "#".repeat(percent / 4) + ".".repeat(25 - percent / 4), percent);
      err.flush();
    }
  }

  @Override
  public void onEpoch(EpochSummary s) {
    lastPercent = -1;
    err.printf("\r%-10s epoch %3d/%d  loss %.4f  validation NDCG@10 %.4f  (best %.4f at epoch %d)  %.1f s%n",
        s.model(), s.epoch(), s.maxEpochs(), s.loss(), s.validationNdcg(), s.bestNdcg(), s.bestEpoch(), s.seconds());
    err.flush();
  }
}
