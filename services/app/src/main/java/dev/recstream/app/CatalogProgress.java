package dev.recstream.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A catalog import's progress on stderr: items through the embedding step (or written, without
 * vectors) out of all, how many were embedded and written, the rate and the time left. On a
 * terminal one bar redrawn in place, at most five times a second; elsewhere (a log file, a CI
 * console) one line every ten seconds, so a log gets a few readable lines instead of carriage
 * returns. Updated from the importing thread and from the database's callbacks.
 */
final class CatalogProgress {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LINE_NANOS = 10_000_000_000L;
  private static final int WIDTH = 25;

  private final PrintWriter err;
  private final boolean inPlace;
  private final boolean vectors;
  private final long total;
  private final long started;
  private long ready;
  private long embedded;
  private long written;
  private long lastDrawn;
  private int lastLength;
  /** What the last line drawn showed: ready + written, or -1 before the first. */
  private long drawnCounts = -1;

  /**
   * @param inPlace redraw one line with carriage returns (a terminal) rather than print lines
   * @param vectors whether items are embedded: then the bar follows the embedding, the slow step
   */
  CatalogProgress(PrintWriter err, boolean inPlace, boolean vectors, long total) {
    this.err = err;
    this.inPlace = inPlace;
    this.vectors = vectors;
    this.total = total;
    this.started = System.nanoTime();
    this.lastDrawn = started;
  }

  /** {@code items} more are through the embedding step, {@code computed} of them embedded now (the rest kept theirs). */
  synchronized void embedded(int items, int computed) {
    ready += items;
    embedded += computed;
    maybeDraw();
  }

  synchronized void written(int items) {
    written += items;
    maybeDraw();
  }

  /** Draws the final state, unless the last line drawn shows it, and ends the line. */
  synchronized void finish() {
    if (drawnCounts != ready + written) {
      draw(System.nanoTime());
    }
    if (inPlace) {
      err.println();
      err.flush();
    }
  }

  private void maybeDraw() {
    long now = System.nanoTime();
    if (now - lastDrawn >= (inPlace ? REDRAW_NANOS : LINE_NANOS)) {
      draw(now);
    }
  }

  private void draw(long now) {
    lastDrawn = now;
    drawnCounts = ready + written;
    String text = line(now - started);
    if (inPlace) {
      // Spaces over whatever a longer previous line left behind.
      err.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
      lastLength = text.length();
    } else {
      err.println(text);
    }
    err.flush();
  }

  /** The progress after {@code elapsedNanos}, in one line. */
  synchronized String line(long elapsedNanos) {
    long done = vectors ? ready : written;
    int percent = total == 0 ? 100 : (int) (100 * done / total);
    double seconds = Math.max(1e-9, elapsedNanos / 1e9);
    double rate = done / seconds;
    String left = done == 0 ? "--:--" : clock(Math.round((total - done) / rate));
    StringBuilder line = new StringBuilder();
    if (inPlace) {
      int filled = percent * WIDTH / 100;
      line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    } else {
      line.append("catalog: ");
    }
    line.append(String.format("%3d%% %,d / %,d items", percent, done, total));
    if (vectors) {
      line.append(String.format(", embedded %,d", embedded));
    }
    line.append(String.format(", written %,d, %,.0f items/s, %s left", written, rate, left));
    return line.toString();
  }

  private static String clock(long seconds) {
    return seconds >= 3600
        ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format("%d:%02d", seconds / 60, seconds % 60);
  }

  /**
   * Whether this process's stderr is a terminal: on Linux what file descriptor 2 points to; else
   * whether Java sees a console (which also needs stdin and stdout on one).
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
