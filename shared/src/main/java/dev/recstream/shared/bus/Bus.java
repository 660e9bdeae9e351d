package dev.recstream.shared.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.ReplyException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Typed use of the event bus: every call names an {@link Address}, so the request and reply
 * types are checked by the compiler and mapped in one place. A service calls {@link #install}
 * once when it starts (it is idempotent per Vert.x instance), which registers the codec of every
 * message type in {@link Addresses#ALL}.
 *
 * <p>Failures travel as {@link ReplyException}s carrying a {@link Failures} code: a handler
 * fails its future with one of {@link Failures}' factories, and anything else it fails with is
 * passed on as {@link Failures#UNAVAILABLE}.
 */
public final class Bus {
  private static final Map<Vertx, Boolean> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

  private Bus() {}

  /** Registers the codecs of every address's message types on this Vert.x instance, once. */
  public static void install(Vertx vertx) {
    synchronized (INSTALLED) {
      if (INSTALLED.containsKey(vertx)) {
        return;
      }
      EventBus bus = vertx.eventBus();
      java.util.Set<Class<?>> done = new java.util.HashSet<>();
      for (Address<?, ?> address : Addresses.ALL) {
        register(bus, address.request(), done);
        register(bus, address.reply(), done);
      }
      INSTALLED.put(vertx, true);
    }
  }

  private static <T> void register(EventBus bus, Wire<T> wire, java.util.Set<Class<?>> done) {
    MessageCodec<T, T> codec = wire.codec();
    if (codec != null && done.add(wire.type())) {
      bus.registerDefaultCodec(wire.type(), codec);
    }
  }

  /** Sends a request and maps the reply; fails with the responder's {@link ReplyException}. */
  public static <Req, Rep> Future<Rep> request(Vertx vertx, Address<Req, Rep> address, Req body, DeliveryOptions options) {
    return vertx.eventBus().<Rep>request(address.name(), body, options).map(Message::body);
  }

  /** {@link #request(Vertx, Address, Object, DeliveryOptions)} with the default 30 s timeout. */
  public static <Req, Rep> Future<Rep> request(Vertx vertx, Address<Req, Rep> address, Req body) {
    return vertx.eventBus().<Rep>request(address.name(), body).map(Message::body);
  }

  /** Delivers to one consumer of a one-way address. */
  public static <M> void send(Vertx vertx, Address<M, Void> address, M body) {
    vertx.eventBus().send(address.name(), body);
  }

  /** Delivers to every consumer of a one-way address, on every node. */
  public static <M> void publish(Vertx vertx, Address<M, Void> address, M body) {
    vertx.eventBus().publish(address.name(), body);
  }

  /**
   * Serves a request/reply address: the handler's result is the reply, its failure the coded
   * failure the requester sees. Completes when the consumer is registered (cluster-wide).
   */
  public static <Req, Rep> Future<Void> serve(Vertx vertx, Address<Req, Rep> address, Function<Req, Future<Rep>> handler) {
    return vertx.eventBus().<Req>consumer(address.name(), message -> answer(message, handler)).completion();
  }

  /** Consumes a one-way address. Completes when the consumer is registered. */
  public static <M> Future<Void> listen(Vertx vertx, Address<M, Void> address, Consumer<M> handler) {
    return vertx.eventBus().<M>consumer(address.name(), message -> handler.accept(message.body())).completion();
  }

  private static <Req, Rep> void answer(Message<Req> message, Function<Req, Future<Rep>> handler) {
    Future<Rep> reply;
    try {
      reply = handler.apply(message.body());
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(done -> {
      if (done.succeeded()) {
        message.reply(done.result());
      } else {
        fail(message, done.cause());
      }
    });
  }

  /** Passes a coded failure on as it is; anything else means the service is unavailable. */
  private static void fail(Message<?> message, Throwable e) {
    if (Failures.isCoded(e)) {
      message.fail(((ReplyException) e).failureCode(), e.getMessage());
    } else {
      message.fail(Failures.UNAVAILABLE, String.valueOf(e.getMessage()));
    }
  }
}
