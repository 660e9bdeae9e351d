package dev.recstream.bench.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The median of several perf runs")
class MedianOfRunsTest {
  private static JsonObject run(double p99, boolean met, double window, double kafkaRate) {
    JsonObject values = new JsonObject().put("p99", p99).put("worstWindowP99", window).put("offered", 10_000)
        .put("ratio", p99 / 10);
    JsonObject figures = new JsonObject();
    Scenario.COLUMNS.keySet().forEach(k -> figures.put(k, 1.0));
    figures.put("p99", p99).put("cpuMicros", (Double) null);
    return new JsonObject().put("label", "run p99=" + p99)
        .put("targets", new JsonArray().add(new JsonObject().put("target", "SUSTAINED").put("configuration", "default")
            .put("workload", "skewed").put("values", values).put("met", met)))
        .put("scenarios", new JsonArray().add(new JsonObject().put("configuration", "default").put("workload", "skewed")
            .put("scenario", "sustained (Kafka)").put("kind", "SUSTAINED").put("figures", figures)
            .put("p99ByWindowMs", new JsonArray().add(window).add(window * 2))))
        .put("baselines", new JsonObject().put("baselines", new JsonArray().add(new JsonObject().put("baseline", "kafka")
            .put("figures", new JsonArray().add(new JsonObject().put("figure", "end to end").put("value", kafkaRate)
                .put("unit", "records/s"))))));
  }

  @Test
  @DisplayName("gives each figure's median and range, and in how many runs a target was met")
  void medians() {
    String md = MedianOfRuns.markdown(List.of(run(90, true, 50, 80_000), run(120, false, 70, 90_000),
        run(100, true, 60, 85_000)));
    assertTrue(md.contains("p99 100 (90–120) ms, worst 10 s window's p99 60 (50–70) ms, at 10000/s"), md);
    assertTrue(md.contains("| 2 of 3 runs | 10 (9–12) (pushes/s ÷ Kafka produce→consume) |"), md);
    assertTrue(md.contains("| default | skewed | sustained (Kafka) | 1 | 1 | 1 | 1 | 100 (90–120) |"), md);
    assertTrue(md.contains("| default | skewed | 60 (50–70), 120 (100–140) |"), md);
    assertTrue(md.contains("| kafka | end to end | 85000 (80000–90000) | records/s |"), md);
  }
}
