package dev.recstream.gateway;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.Recommendations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WebSocket live feed (CONTRACT §3). Every gateway node listens to {@code recs.updated}, so a
 * client on any node gets its users' updates; messages of one user go out in the order scoring
 * published them. A client that does not read fast enough loses messages (counted) instead of
 * growing a buffer without bound.
 *
 * <p>Not thread-safe: owned by one gateway verticle's event loop.
 */
final class LiveFeed {
  /** Most users one connection may follow. */
  static final int MAX_SUBSCRIPTIONS = 1_000;

  private final Map<String, Set<ServerWebSocket>> subscribers = new HashMap<>();
  private final Map<ServerWebSocket, Set<String>> subscriptions = new HashMap<>();
  private final Set<ServerWebSocket> firehose = new LinkedHashSet<>();
  private long dropped;
  /** The newest pushes this gateway saw, newest last: the dashboard's first screen. */
  private final ArrayDeque<Recommendations> recent = new ArrayDeque<>(RECENT_KEPT);

  /** Pushes kept for {@link #recent}. */
  static final int RECENT_KEPT = 100;

  Future<Void> listen(Vertx vertx) {
    return Bus.listen(vertx, Addresses.RECS_UPDATED, this::deliver);
  }

  /** {@code GET /v1/stream?userId=U} or {@code ?firehose=true}: checks the query, then upgrades. */
  void upgrade(RoutingContext ctx) {
    String userId = ctx.queryParams().get("userId");
    boolean wantsFirehose = "true".equals(ctx.queryParams().get("firehose"));
    Future<String> checked = userId == null ? Future.succeededFuture(null) : Params.id(userId, "userId");
    checked
        .compose(id -> "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade")) ? Future.succeededFuture(id)
            : Future.failedFuture(new Params.BadRequest(
                "/v1/stream is a WebSocket: send a GET with Connection: Upgrade and Upgrade: websocket")))
        .compose(id -> ctx.request().toWebSocket().map(ws -> {
          open(ws, id, wantsFirehose);
          return ws;
        }))
        .onFailure(e -> {
          if (e instanceof Params.BadRequest) {
            Responses.error(ctx, 400, "bad_request", e.getMessage());
          } else if (!ctx.response().ended()) {
            Responses.error(ctx, 400, "bad_request", "the request is not a WebSocket upgrade: " + e.getMessage());
          }
        });
  }

  private void open(ServerWebSocket ws, String userId, boolean wantsFirehose) {
    subscriptions.put(ws, new HashSet<>());
    if (userId != null) {
      subscribe(ws, List.of(userId));
    }
    if (wantsFirehose) {
      firehose.add(ws);
    }
    ws.textMessageHandler(text -> onClientMessage(ws, text));
    ws.closeHandler(v -> close(ws));
    ws.exceptionHandler(e -> {
      // Over the message limit Vert.x reports "… to overflow max message size of …": say so (1009).
      boolean tooBig = String.valueOf(e.getMessage()).contains("max message size");
      ws.close(tooBig ? (short) 1009 : (short) 1011, tooBig ? "message too big (limit 64 KiB)" : "unexpected error");
    });
  }

  private void onClientMessage(ServerWebSocket ws, String text) {
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      sendError(ws, "message: must be a JSON object like {\"subscribe\": [\"u1\"]}");
      return;
    }
    List<String> problems = new ArrayList<>();
    for (String key : msg.fieldNames()) {
      if (!key.equals("subscribe") && !key.equals("unsubscribe")) {
        problems.add(key + ": unknown field");
      }
    }
    List<String> subscribe = userIds(msg, "subscribe", problems);
    List<String> unsubscribe = userIds(msg, "unsubscribe", problems);
    if (problems.isEmpty() && wouldFollow(ws, subscribe) > MAX_SUBSCRIPTIONS) {
      problems.add("subscribe: at most " + MAX_SUBSCRIPTIONS + " users per connection");
    }
    if (!problems.isEmpty()) {
      sendError(ws, String.join("; ", problems));
      return;
    }
    subscribe(ws, subscribe);
    unsubscribe(ws, unsubscribe);
    ws.writeTextMessage(new JsonObject().put("type", "subscriptions")
        .put("userIds", new JsonArray(new ArrayList<>(subscriptions.get(ws)))).encode());
  }

  /** How many users the connection would follow after subscribing to {@code more}. */
  private int wouldFollow(ServerWebSocket ws, List<String> more) {
    Set<String> after = new HashSet<>(subscriptions.get(ws));
    after.addAll(more);
    return after.size();
  }

  private static List<String> userIds(JsonObject msg, String field, List<String> problems) {
    Object value = msg.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      problems.add(field + ": must be an array of user ids");
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof String id) || Params.id(id, "userId").failed()) {
        problems.add(field + ": each user id must be a string of 1 to 128 characters without control characters");
        return List.of();
      }
      ids.add(id);
    }
    return ids;
  }

  private void subscribe(ServerWebSocket ws, List<String> userIds) {
    for (String userId : userIds) {
      subscriptions.get(ws).add(userId);
      subscribers.computeIfAbsent(userId, u -> new LinkedHashSet<>()).add(ws);
    }
  }

  private void unsubscribe(ServerWebSocket ws, List<String> userIds) {
    for (String userId : userIds) {
      subscriptions.get(ws).remove(userId);
      Set<ServerWebSocket> sockets = subscribers.get(userId);
      if (sockets != null && sockets.remove(ws) && sockets.isEmpty()) {
        subscribers.remove(userId);
      }
    }
  }

  private void close(ServerWebSocket ws) {
    if (subscriptions.containsKey(ws)) {
      unsubscribe(ws, List.copyOf(subscriptions.get(ws)));
      subscriptions.remove(ws);
    }
    firehose.remove(ws);
  }

  private void deliver(Recommendations recs) {
    if (recent.size() == RECENT_KEPT) {
      recent.removeFirst();
    }
    recent.addLast(recs);
    Set<ServerWebSocket> targets = subscribers.getOrDefault(recs.userId(), Set.of());
    if (targets.isEmpty() && firehose.isEmpty()) {
      return;
    }
    // Encoded once, however many connections follow the user.
    String frame = recs.toFeedText();
    targets.forEach(ws -> write(ws, frame));
    // A firehose connection that also follows this user gets the message once.
    firehose.stream().filter(ws -> !targets.contains(ws)).forEach(ws -> write(ws, frame));
  }

  private void write(ServerWebSocket ws, String frame) {
    if (ws.writeQueueFull()) {
      dropped++;
      return;
    }
    ws.writeTextMessage(frame);
  }

  private static void sendError(ServerWebSocket ws, String message) {
    ws.writeTextMessage(new JsonObject().put("type", "error").put("message", message).encode());
  }

  /** The newest {@code limit} pushes, newest first, as feed messages. */
  JsonArray recent(int limit) {
    JsonArray messages = new JsonArray();
    Iterator<Recommendations> newestFirst = recent.descendingIterator();
    while (newestFirst.hasNext() && messages.size() < limit) {
      messages.add(newestFirst.next().toFeedMessage());
    }
    return messages;
  }

  long dropped() {
    return dropped;
  }
}
