package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.MetricsHistory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lists served by GET and pushed, then clicks and a purchase with and without {@code recId}: the
 * exact figures read back from {@code /v1/metrics} and {@code /metrics}. Figures are since start
 * and shared with the other tests of this JVM, so the test compares them before and after its
 * own events, each event sent once the previous one's push has arrived.
 */
@ExtendWith(TestSystem.class)
@DisplayName("Online metrics: attribution of events to served lists")
class OnlineMetricsIT {
  private final Http http = new Http(TestSystem.get());
  private final List<JsonObject> pushes = new CopyOnWriteArrayList<>();

  private JsonObject metrics() {
    return http.get("/v1/metrics").bodyAsJsonObject();
  }

  private static long pushesSoFar(JsonObject metrics) {
    return metrics.getJsonObject("windows").getJsonObject("sinceStart").getJsonObject("pushes").getLong("count");
  }

  @Test
  @DisplayName("GET and pushed lists carry a recId; clicks and purchases are credited by recId or by the window, exactly")
  void attribution() throws Exception {
    String run = "attr-" + UUID.randomUUID() + "-";
    String p = run + "p";
    String q = run + "q";
    JsonArray shoppers = new JsonArray();
    for (int u = 0; u < 5; u++) {
      shoppers.add(new JsonObject().put("userId", run + "s" + u).put("itemId", p).put("type", "view"));
      shoppers.add(new JsonObject().put("userId", run + "s" + u).put("itemId", q).put("type", "view"));
    }
    long pushedBefore = pushesSoFar(metrics());
    assertEquals(202, http.postJson("/v1/events", shoppers).statusCode());
    Kafka.await("the shoppers' 10 pushes", () -> pushesSoFar(metrics()) >= pushedBefore + 10, 20_000);

    String user = run + "target";
    var ws = TestSystem.get().webSocket("/v1/stream?userId=" + user);
    ws.textMessageHandler(text -> pushes.add(new JsonObject(text)));
    JsonObject before = metrics();
    String prometheusBefore = http.get("/metrics").bodyAsString();

    JsonObject pushed = send(user, p, "view", null, null);
    assertTrue(holds(pushed, q), "after p, q is recommended: " + pushed.encode());
    String model = pushed.getString("model");
    JsonObject got = http.get("/v1/users/" + user + "/recommendations?k=5").bodyAsJsonObject();
    assertTrue(holds(got, q), got.encode());
    assertNotNull(got.getString("recId"));
    assertNotEquals(pushed.getString("recId"), got.getString("recId"), "every list served has its own recId");

    send(user, q, "click", got.getString("recId"), null); // hit by recId: the GET list is clicked
    send(user, q, "purchase", null, 12.5); // no recId: a hit by the window rule (the newest list holding q) converts
    send(user, run + "never-recommended", "view", null, null); // evaluated by the window rule: a miss
    send(user, run + "also-never", "view", "no-such-list", null); // an unknown recId: the window rule, a miss
    ws.close();

    JsonObject after = metrics();
    JsonObject was = source(before, model);
    JsonObject is = source(after, model);
    assertEquals(5, delta(is, was, "pushed"), "a push after each of the user's 5 events");
    assertEquals(1, delta(is, was, "requested"));
    assertEquals(6, delta(is, was, "impressions"));
    assertEquals(4, delta(is, was, "evaluatedEvents"), "the first view had no list before it");
    assertEquals(2, delta(is, was, "hits"));
    assertEquals(1, delta(is, was, "clickedLists"));
    assertEquals(1, delta(is, was, "convertedLists"));
    assertEquals(1, delta(is, was, "purchases"));
    assertEquals(12.5, is.getDouble("revenue") - was.getDouble("revenue"), 1e-9);
    JsonObject reachWas = before.getJsonObject("reach").getJsonObject("sources").getJsonObject(model, new JsonObject());
    JsonObject reachIs = after.getJsonObject("reach").getJsonObject("sources").getJsonObject(model);
    assertEquals(1, reachIs.getLong("hitsByRecId") - reachWas.getLong("hitsByRecId", 0L), "the click named its list");
    assertEquals(1, reachIs.getLong("unknownRecIds") - reachWas.getLong("unknownRecIds", 0L));
    JsonObject window = after.getJsonObject("windows").getJsonObject("1m").getJsonObject("sources").getJsonObject(model);
    assertTrue(window.getLong("hits") >= 2 && window.getLong("evaluatedEvents") >= 4, window.encode());
    assertEquals(1800, after.getLong("attributionWindowSeconds"));

    String prometheusAfter = http.get("/metrics").bodyAsString();
    String labels = "experiment=\"none\",model=\"" + model + "\",variant=\"none\"";
    assertEquals(2, prometheus(prometheusAfter, "recstream_attribution_hits_total", labels)
        - prometheus(prometheusBefore, "recstream_attribution_hits_total", labels), 1e-9);
    assertEquals(12.5, prometheus(prometheusAfter, "recstream_attribution_revenue_total", labels)
        - prometheus(prometheusBefore, "recstream_attribution_revenue_total", labels), 1e-9);
    assertEquals(1, prometheus(prometheusAfter, "recstream_source_latency_seconds_count", "channel=\"get\"," + labels)
        - prometheus(prometheusBefore, "recstream_source_latency_seconds_count", "channel=\"get\"," + labels), 1e-9,
        "the GET's latency, per model and variant");
    assertEquals(1, prometheus(prometheusAfter, "recstream_recommendations_impressions_total", "channel=\"get\"," + labels)
        - prometheus(prometheusBefore, "recstream_recommendations_impressions_total", "channel=\"get\"," + labels), 1e-9);
  }

  @Test
  @DisplayName("a minute's snapshot kept in PostgreSQL is served by GET /v1/metrics/history; bad minutes are refused")
  void history() throws Exception {
    // Long before this JVM started, so no snapshot of the metrics service has this minute.
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(90));
    JsonObject figures = new JsonObject().put("events", new JsonObject().put("stored", 42));
    Http.await(Bus.request(TestSystem.get().vertx(), Addresses.STORE_METRICS_SNAPSHOT, new MetricsHistory.Snapshot(minute, figures)));

    JsonArray snapshots = http.get("/v1/metrics/history?minutes=120").bodyAsJsonObject().getJsonArray("snapshots");
    JsonObject kept = snapshots.stream().map(JsonObject.class::cast)
        .filter(s -> minute.toString().equals(s.getString("minute"))).findFirst().orElseThrow();
    assertEquals(figures, kept.getJsonObject("figures"));
    assertTrue(http.get("/v1/metrics/history?minutes=60").bodyAsJsonObject().getJsonArray("snapshots").stream()
        .noneMatch(s -> minute.toString().equals(((JsonObject) s).getString("minute"))), "90 minutes ago is not in the last hour");
    long refusedBefore = errors("http4xx");
    var bad = http.get("/v1/metrics/history?minutes=0");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsJsonObject().getString("message").contains("minutes"), bad.bodyAsString());
    Kafka.await("the 400 to be counted as an error", () -> errors("http4xx") == refusedBefore + 1, 10_000);
  }

  private long errors(String kind) {
    return metrics().getJsonObject("windows").getJsonObject("sinceStart").getJsonObject("errors").getLong(kind);
  }

  /** Posts one event of the user and returns the push it causes. */
  private JsonObject send(String user, String item, String type, String recId, Double value) throws Exception {
    JsonObject event = new JsonObject().put("userId", user).put("itemId", item).put("type", type);
    if (recId != null) {
      event.put("context", new JsonObject().put("recId", recId));
    }
    if (value != null) {
      event.put("value", value);
    }
    int seen = pushes.size();
    assertEquals(202, http.postJson("/v1/events", event).statusCode());
    Kafka.await("the push after " + type + " " + item, () -> pushes.size() > seen, 20_000);
    JsonObject push = pushes.get(seen);
    assertNotNull(push.getString("recId"), push.encode());
    return push;
  }

  private static boolean holds(JsonObject list, String item) {
    return list.getJsonArray("items").stream().anyMatch(o -> item.equals(((JsonObject) o).getString("itemId")));
  }

  private static JsonObject source(JsonObject metrics, String model) {
    return metrics.getJsonObject("windows").getJsonObject("sinceStart").getJsonObject("sources")
        .getJsonObject(model, new JsonObject());
  }

  private static long delta(JsonObject is, JsonObject was, String key) {
    return is.getLong(key, 0L) - was.getLong(key, 0L);
  }

  /** A sample's value in Prometheus text, 0 when absent; {@code labels} as the registry writes them, in order. */
  private static double prometheus(String text, String name, String labels) {
    Matcher m = Pattern.compile("^" + Pattern.quote(name + "{" + labels + ",} ") + "(\\S+)$|^"
        + Pattern.quote(name + "{" + labels + "} ") + "(\\S+)$", Pattern.MULTILINE).matcher(text);
    if (!m.find()) {
      return 0;
    }
    return Double.parseDouble(m.group(1) != null ? m.group(1) : m.group(2));
  }
}
