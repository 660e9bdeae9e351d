package dev.recstream.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/events} with a JSON array per tick (at most 1,000 events, the intake's limit).
 * A 202 acknowledges its {@code accepted} events; its {@code rejected} entries, other statuses and
 * transport failures are booked as errors by kind.
 */
final class HttpSink implements EventSink {
  private static final int MAX_BATCH = 1000;

  private final WebClient client;
  private final String url;
  private final String apiKey;
  private final Meter meter;
  private final AtomicLong inFlight = new AtomicLong();

  HttpSink(Vertx vertx, String baseUrl, String apiKey, Meter meter) {
    // Enough connections that a slow answer does not hold back the next tick's request.
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(32));
    this.url = baseUrl + "/v1/events";
    this.apiKey = apiKey;
    this.meter = meter;
  }

  @Override
  public void send(List<JsonObject> events) {
    for (int from = 0; from < events.size(); from += MAX_BATCH) {
      post(events.subList(from, Math.min(events.size(), from + MAX_BATCH)));
    }
  }

  private void post(List<JsonObject> batch) {
    List<String> ids = batch.stream().map(e -> e.getString("eventId")).toList();
    var request = client.postAbs(url);
    if (apiKey != null) {
      request.bearerTokenAuthentication(apiKey);
    }
    inFlight.incrementAndGet();
    request.sendJson(new JsonArray(new ArrayList<>(batch))).onComplete(ar -> {
      try {
        if (ar.failed()) {
          meter.failed("http:" + ar.cause().getClass().getSimpleName(), ids);
        } else if (ar.result().statusCode() != 202) {
          meter.failed("http-" + ar.result().statusCode(), ids);
        } else {
          JsonObject body = ar.result().bodyAsJsonObject();
          meter.acknowledged(body.getLong("accepted", 0L));
          JsonArray rejected = body.getJsonArray("rejected", new JsonArray());
          if (!rejected.isEmpty()) {
            List<String> bad = new ArrayList<>();
            rejected.forEach(r -> bad.add(ids.get(((JsonObject) r).getInteger("index"))));
            meter.failed("rejected", bad);
          }
        }
      } finally {
        inFlight.decrementAndGet();
      }
    });
  }

  @Override
  public void drain(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
