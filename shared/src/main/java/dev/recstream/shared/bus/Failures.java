package dev.recstream.shared.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Failure codes carried by {@link io.vertx.core.eventbus.ReplyException#failureCode()} between
 * services, so the edge can map them to HTTP statuses without parsing messages. A handler served
 * through {@link Bus#serve} fails its future with one of the factories below.
 */
public final class Failures {
  private Failures() {}

  /** The request was invalid; the message names the field and the rule. HTTP 400. */
  public static final int BAD_REQUEST = 400;

  /** The thing asked for does not exist. HTTP 404. */
  public static final int NOT_FOUND = 404;

  /** The request is valid but the thing cannot be done in its current state. HTTP 409. */
  public static final int CONFLICT = 409;

  /** The service is overloaded or its dependency (database, broker) is down: retry later. HTTP 503. */
  public static final int UNAVAILABLE = 503;

  public static ReplyException badRequest(String message) {
    return coded(BAD_REQUEST, message);
  }

  public static ReplyException notFound(String message) {
    return coded(NOT_FOUND, message);
  }

  public static ReplyException conflict(String message) {
    return coded(CONFLICT, message);
  }

  public static ReplyException unavailable(String message) {
    return coded(UNAVAILABLE, message);
  }

  /** Whether {@code e} carries one of these codes (a failure to pass on as it is), not an accident. */
  public static boolean isCoded(Throwable e) {
    return e instanceof ReplyException reply && reply.failureCode() > 0;
  }

  private static ReplyException coded(int code, String message) {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, code, message);
  }
}
