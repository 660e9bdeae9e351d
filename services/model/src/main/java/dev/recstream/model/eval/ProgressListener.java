package dev.recstream.model.eval;

/** Told how far an evaluation has got, e.g. to log or show progress during a long run. */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores progress. */
  ProgressListener NONE = (usersDone, usersTotal) -> {};

  /**
   * Called from the evaluating thread about a hundred times per run and once at the end, when
   * {@code usersDone == usersTotal}. Keep it quick: it runs between users.
   */
  void onProgress(int usersDone, int usersTotal);
}
