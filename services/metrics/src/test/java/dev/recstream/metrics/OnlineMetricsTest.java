package dev.recstream.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.recstream.metrics.Attribution.ServedList;
import dev.recstream.metrics.Attribution.Source;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OnlineMetricsTest {
  private static final Source A = Source.of("m1");
  private static final Source B = new Source("m2", "exp-1", "treatment");
  private static final long T0 = 1_800_000_000_000L;
  private static final long MINUTE = 60_000;

  private final OnlineMetrics metrics = new OnlineMetrics(
      new Attribution(Duration.ofMinutes(30), 100), new CatalogReach(1000), T0);

  @Test
  @DisplayName("each window counts only what happened inside it; since start counts everything")
  void windows() {
    metrics.intake(true, 3, T0);
    metrics.served(new ServedList("r1", "u", List.of("a", "b"), A, false, T0), 4.0, T0);
    metrics.stored("u", "a", "click", "r1", null, T0 + 1_000);
    long later = T0 + 10 * MINUTE;
    metrics.served(new ServedList("r2", "u", List.of("c"), A, true, later), 20.0, later);
    metrics.stored("u", "c", "purchase", null, 30.0, later + 1_000);
    metrics.stored("u", "z", "view", null, null, later + 2_000);
    long now = later + 5_000;

    JsonObject oneMinute = metrics.window(Duration.ofMinutes(1), now).getJsonObject("sources").getJsonObject("m1");
    assertEquals(1, oneMinute.getLong("impressions"));
    assertEquals(1, oneMinute.getLong("pushed"));
    assertEquals(2, oneMinute.getLong("evaluatedEvents"));
    assertEquals(1, oneMinute.getLong("hits"));
    assertEquals(0.5, oneMinute.getDouble("hitRate"));
    assertEquals(0, oneMinute.getLong("clickedLists"));
    assertEquals(1, oneMinute.getLong("convertedLists"));
    assertEquals(1.0, oneMinute.getDouble("conversionRate")); // 1 converted list / 1 impression
    assertEquals(30.0, oneMinute.getDouble("revenue"));

    JsonObject all = metrics.window(null, now);
    JsonObject sinceStart = all.getJsonObject("sources").getJsonObject("m1");
    assertEquals(2, sinceStart.getLong("impressions"));
    assertEquals(3, sinceStart.getLong("evaluatedEvents"));
    assertEquals(2, sinceStart.getLong("hits"));
    assertEquals(2 / 3.0, sinceStart.getDouble("hitRate"), 1e-12);
    assertEquals(1, sinceStart.getLong("clickedLists"));
    assertEquals(0.5, sinceStart.getDouble("clickThroughRate")); // 1 clicked list / 2 impressions
    assertEquals(3, all.getJsonObject("events").getLong("accepted"));
    assertEquals(3, all.getJsonObject("events").getLong("stored"));
    assertEquals(1, all.getJsonObject("gets").getLong("count"));
    assertEquals(1, all.getJsonObject("pushes").getLong("count"));
    assertEquals(1, all.getJsonObject("gets").getJsonObject("latencyMs").getLong("count"));
    assertEquals(605.0, all.getDouble("seconds")); // 10 minutes and 5 seconds since T0
    assertEquals(0, all.getJsonObject("errors").getLong("http5xx"));
  }

  @Test
  @DisplayName("sources are keyed by model, and by model/variant inside an experiment")
  void sourceKeys() {
    metrics.served(new ServedList("r1", "u", List.of("a"), A, true, T0), null, T0);
    metrics.served(new ServedList("r2", "v", List.of("a"), B, true, T0), null, T0);
    JsonObject sources = metrics.window(Duration.ofMinutes(15), T0).getJsonObject("sources");
    assertEquals(List.of("m1", "m2/exp-1/treatment"), List.copyOf(sources.fieldNames()));
    assertEquals("treatment", sources.getJsonObject("m2/exp-1/treatment").getString("variant"));
    assertEquals("m2", metrics.lastModel());
  }

  @Test
  @DisplayName("errors are counted by kind, per window")
  void errors() {
    metrics.errors("http4xx", 2, T0);
    metrics.errors("http5xx", 1, T0 + 5 * MINUTE);
    metrics.errors("pushNotComputed", 40, T0 + 5 * MINUTE);
    metrics.intake(false, 3, T0 + 5 * MINUTE);
    metrics.errors("something-new", 9, T0);
    JsonObject lastMinute = metrics.window(Duration.ofMinutes(1), T0 + 5 * MINUTE).getJsonObject("errors");
    assertEquals(new JsonObject().put("rejectedEvents", 3).put("http4xx", 0).put("http5xx", 1).put("pushesNotComputed", 40),
        lastMinute);
    assertEquals(2, metrics.window(null, T0 + 5 * MINUTE).getJsonObject("errors").getLong("http4xx"));
  }

  @Test
  @DisplayName("latency percentiles are null before anything was recorded")
  void emptyLatency() {
    JsonObject pushes = metrics.window(Duration.ofMinutes(1), T0).getJsonObject("pushes");
    assertEquals(0, pushes.getJsonObject("latencyMs").getLong("count"));
    assertNull(pushes.getJsonObject("latencyMs").getValue("p99"));
  }
}
