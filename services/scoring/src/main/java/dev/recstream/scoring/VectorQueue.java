package dev.recstream.scoring;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The vector searches waiting for the search pool, at most {@code limit} of them. A search that
 * finds the queue full is not queued: its query is answered from its text matches alone. Past a
 * few searches waiting, the pool is behind (a burst of new queries, as when a catalog change
 * empties the retrieval cache), and one more in line would only start late and push every search
 * behind it later still: without the bound, such a burst left searches waiting for seconds in
 * the search bench. Bounded by how many wait, not how long, so an idle pool never refuses one
 * however slowly a busy machine wakes its threads.
 *
 * <p>A search also does not run once nobody wants its answer ({@link Ticket#unwanted()}): the text
 * search, answered first, found enough items holding every word.
 *
 * <p>Thread-safe: searches enter on the verticle's thread and start on the pool's.
 */
final class VectorQueue {
  private final int limit;
  private final AtomicInteger waiting = new AtomicInteger();

  VectorQueue(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: must be 1 or more, was " + limit);
    }
    this.limit = limit;
  }

  /** A place in the queue, or null when {@code limit} searches already wait. */
  Ticket enter() {
    if (waiting.incrementAndGet() > limit) {
      waiting.decrementAndGet();
      return null;
    }
    return new Ticket();
  }

  /** How many searches wait for a pool thread now. */
  int waiting() {
    return waiting.get();
  }

  /** One queued search. */
  final class Ticket {
    private volatile boolean unwanted;
    private boolean started;

    private Ticket() {}

    /** The answer is no longer needed: the search is skipped if it has not started. */
    void unwanted() {
      unwanted = true;
    }

    /** Called once by the pool thread that takes the search: it leaves the queue, and runs unless unwanted. */
    boolean start() {
      if (started) {
        throw new IllegalStateException("a queued vector search starts once");
      }
      started = true;
      waiting.decrementAndGet();
      return !unwanted;
    }
  }
}
