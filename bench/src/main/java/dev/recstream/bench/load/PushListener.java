package dev.recstream.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows every driven user over the live feed ({@code /v1/stream}, CONTRACT §3): one connection
 * per {@code perConnection} users (500 by default, as the issue measured; the gateway allows up to
 * 1,000), each subscribed with one {@code {"subscribe": [...]}} message. The run starts only after every connection has confirmed
 * its subscriptions, so early pushes are not lost. Each recommendations message is timed in the
 * {@link Meter} by its {@code triggerEventId}.
 */
final class PushListener implements AutoCloseable {
  private final WebSocketClient client;
  private final Meter meter;
  private final int perConnection;
  private final List<WebSocket> sockets = new ArrayList<>();

  PushListener(Vertx vertx, Meter meter, int perConnection) {
    this.client = vertx.createWebSocketClient();
    this.meter = meter;
    this.perConnection = perConnection;
  }

  /** Opens the connections and subscribes; completes when every subscription is confirmed. */
  Future<Void> subscribe(String httpUrl, String apiKey, List<String> userIds) {
    List<Future<Void>> all = new ArrayList<>();
    for (int from = 0; from < userIds.size(); from += perConnection) {
      List<String> chunk = userIds.subList(from, Math.min(userIds.size(), from + perConnection));
      all.add(client.connect(options(httpUrl, apiKey)).compose(ws -> follow(ws, chunk)));
    }
    return Future.all(all).mapEmpty();
  }

  private Future<Void> follow(WebSocket ws, List<String> userIds) {
    synchronized (sockets) {
      sockets.add(ws);
    }
    Promise<Void> confirmed = Promise.promise();
    ws.textMessageHandler(text -> {
      long now = System.nanoTime();
      JsonObject msg = new JsonObject(text);
      switch (msg.getString("type", "")) {
        case "recommendations" -> meter.pushed(msg.getString("triggerEventId"), now);
        case "subscriptions" -> confirmed.tryComplete();
        case "error" -> {
          meter.error("ws:" + msg.getString("message"));
          confirmed.tryFail("the live feed refused the subscription: " + msg.getString("message"));
        }
        default -> { }
      }
    });
    ws.exceptionHandler(e -> meter.error("ws:" + e.getClass().getSimpleName()));
    ws.writeTextMessage(new JsonObject().put("subscribe", new JsonArray(new ArrayList<>(userIds))).encode());
    return confirmed.future();
  }

  /** {@code http(s)://host:port/prefix} to the WebSocket options of {@code /prefix/v1/stream}. */
  static WebSocketConnectOptions options(String httpUrl, String apiKey) {
    URI uri = URI.create(httpUrl);
    boolean ssl = "https".equals(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
    String path = uri.getPath() == null ? "" : uri.getPath();
    WebSocketConnectOptions o = new WebSocketConnectOptions()
        .setHost(uri.getHost()).setPort(port).setSsl(ssl).setURI(path + "/v1/stream");
    if (apiKey != null) {
      o.addHeader("Authorization", "Bearer " + apiKey);
    }
    return o;
  }

  @Override
  public void close() {
    synchronized (sockets) {
      sockets.forEach(WebSocket::close);
    }
    client.close();
  }
}
