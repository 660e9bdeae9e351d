package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.bench.suite.PerfSuite;
import dev.recstream.bench.suite.SuiteOptions;
import dev.recstream.bench.suite.SuiteReport;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The performance run of issue #5 ({@code bench/perf.sh} minus starting the system) at a few
 * hundred events per second for two seconds a scenario, against the test system: every scenario
 * runs, meters cleanly and lands in the report, so the harness cannot rot between real runs.
 */
@ExtendWith(TestSystem.class)
@DisplayName("The performance suite")
class PerfSuiteSmokeIT {
  @Test
  @DisplayName("runs the baselines and every scenario, with every event pushed, and writes the targets table")
  void smoke(@TempDir Path out) throws Exception {
    TestSystem system = TestSystem.get();
    SuiteReport report = PerfSuite.run(SuiteOptions.smoke("http://127.0.0.1:" + system.httpPort(),
        system.kafkaBootstrap(), system.pgUrl(), out), "smoke", List.of("a note"));

    String markdown = report.toMarkdown();
    assertEquals(List.of("low rate (Kafka)", "low rate (HTTP)", "GET recommendations", "high rate (Kafka)",
        "sustained (Kafka)"), report.scenarios().stream().map(s -> s.name()).toList(), markdown);
    report.scenarios().forEach(s -> {
      assertEquals(0, s.errors(), s.name() + "\n" + markdown);
      assertEquals(0, s.missing(), s.name() + ": every event pushed\n" + markdown);
      assertTrue(s.doneRate() > 0, s.name() + "\n" + markdown);
      assertTrue(s.p50() > 0 && s.p50() <= s.p99() && s.p99() <= s.max(), s.name() + "\n" + markdown);
      assertTrue(s.usage().heapMaxMiB() > 0 && s.usage().cores() >= 0, s.name() + ": the probe read /metrics\n" + markdown);
    });
    assertTrue(markdown.contains("## Targets, and ratios to the same run's baselines"), markdown);
    assertTrue(markdown.contains("pushes/s ÷ Kafka produce→consume"), markdown);
    assertTrue(markdown.contains("a note") && markdown.contains("## recstream baselines"), markdown);
    JsonObject json = new JsonObject(Files.readString(out.resolve("results.json")));
    assertEquals(5, json.getJsonArray("scenarios").size());
    assertEquals(markdown.lines().skip(1).toList(), Files.readString(out.resolve("results.md")).lines().skip(1).toList(),
        "the file holds the report (the title's time aside)");
  }
}
