package dev.recstream.app;

import dev.recstream.model.eval.ProgressListener;
import java.io.PrintWriter;

/** A one-line progress bar on stderr, redrawn in place. */
final class ConsoleProgress implements ProgressListener {
  private final PrintWriter err;
  private final String model;
  private int lastPercent = -1;

  ConsoleProgress(PrintWriter err, String model) {
    this.err = err;
    this.model = model;
  }

  @Override
  public void onProgress(int done, int total) {
    int percent = total == 0 ? 100 : (int) (100L * done / total);
    if (percent != lastPercent) {
      lastPercent = percent;
      String bar = "#".repeat(percent / 4) + ".".repeat(25 - percent / 4);
      err.printf("\r%-10s [%s] %3d%% of %,d users", model, bar, percent, total);
      if (done == total) {
        err.println();
      }
      err.flush();
    }
  }
}
