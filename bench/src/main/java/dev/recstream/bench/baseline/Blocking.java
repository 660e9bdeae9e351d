package dev.recstream.bench.baseline;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting for a Vert.x future on the calling thread — the command line's or a test's, never an event loop. */
final class Blocking {
  private Blocking() {}

  /** The future's value, or its own failure (not wrapped), or a timeout after {@code seconds}. */
  static <T> T await(Future<T> future, long seconds) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
