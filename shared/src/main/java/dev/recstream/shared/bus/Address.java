package dev.recstream.shared.bus;

import java.util.Objects;

/**
 * One event-bus address and the types that travel on it: what a sender puts on it ({@code Req})
 * and what comes back ({@code Rep}; {@link Void} for addresses that are sent or published to
 * without a reply). Callers go through {@link Bus}, so the compiler checks both ends and nobody
 * reads a reply's fields by name.
 *
 * @param <Req> the request, sent or published message
 * @param <Rep> the reply
 */
public final class Address<Req, Rep> {
  private final String name;
  private final Wire<Req> request;
  private final Wire<Rep> reply;

  private Address(String name, Wire<Req> request, Wire<Rep> reply) {
    this.name = Objects.requireNonNull(name, "name");
    this.request = Objects.requireNonNull(request, "request");
    this.reply = Objects.requireNonNull(reply, "reply");
  }

  /** An address served by one consumer per request (the bus balances them over the nodes). */
  public static <Req, Rep> Address<Req, Rep> requestReply(String name, Wire<Req> request, Wire<Rep> reply) {
    return new Address<>(name, request, reply);
  }

  /** An address that is sent or published to, with no reply. */
  public static <M> Address<M, Void> oneWay(String name, Wire<M> message) {
    return new Address<>(name, message, Wire.NONE);
  }

  public String name() {
    return name;
  }

  public Wire<Req> request() {
    return request;
  }

  public Wire<Rep> reply() {
    return reply;
  }

  @Override
  public String toString() {
    return name;
  }
}
