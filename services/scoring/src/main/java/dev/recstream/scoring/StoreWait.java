package dev.recstream.scoring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up requests to the store, which may run in another process that has not joined the
 * cluster yet. A scoring node that gave up on the first try would serve an empty model while the
 * registry names another, so while nobody answers (no handler on the bus, or no reply in time)
 * the request is sent again after a pause that doubles up to {@link #MAX_PAUSE_MS}. A store that
 * answered with a failure did answer: that failure is passed on at once.
 *
 * <p>Used on the scoring verticle's event loop only; the pauses are Vert.x timers.
 */
final class StoreWait {
  private static final Logger LOG = LoggerFactory.getLogger(StoreWait.class);

  static final long FIRST_PAUSE_MS = 250;
  static final long MAX_PAUSE_MS = 5_000;

  private final Vertx vertx;
  /** What start-up is waiting for now, with the attempts made so far, for the readiness page. */
  private final Map<String, Integer> waiting = new LinkedHashMap<>();

  StoreWait(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Sends {@code request} until the store answers it.
   *
   * @param what what the request reads or writes, for the log and the readiness page ("the model registry")
   */
  <T> Future<T> untilAnswered(String what, Supplier<Future<T>> request) {
    return attempt(what, request, 1, FIRST_PAUSE_MS);
  }

  private <T> Future<T> attempt(String what, Supplier<Future<T>> request, int attempt, long pauseMs) {
    return request.get()
        .andThen(done -> waiting.remove(what))
        .recover(e -> {
          if (!notAnswered(e)) {
            return Future.failedFuture(e);
          }
          waiting.put(what, attempt);
          LOG.info("waiting for the store: {} did not answer attempt={} retryInMillis={} reason={}", what, attempt, pauseMs,
              e.getMessage());
          return vertx.timer(pauseMs, TimeUnit.MILLISECONDS)
              .compose(fired -> attempt(what, request, attempt + 1, Math.min(MAX_PAUSE_MS, pauseMs * 2)));
        });
  }

  /** Nobody took the request, or nobody replied in time: the store is not there (yet). */
  static boolean notAnswered(Throwable e) {
    return e instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureType() == ReplyFailure.TIMEOUT);
  }

  /** What start-up waits for, as a sentence; empty when it waits for nothing. */
  Optional<String> waiting() {
    if (waiting.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sentence = new StringBuilder("waiting for the store (is a node with the store service running?): ");
    waiting.forEach((what, attempts) -> sentence.append(what).append(" has not answered ").append(attempts)
        .append(attempts == 1 ? " request; " : " requests; "));
    sentence.setLength(sentence.length() - 2);
    return Optional.of(sentence.toString());
  }
}
