package dev.recstream.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The search load report")
class SearchReportTest {
  private static final SearchReport.Setup SETUP = new SearchReport.Setup(12_000, 360, 40, 2_000, 16_000, 1_000, 3, 12, 12_000);

  private static PhaseResult phase(String name, double p50, double p99, Map<String, Long> errors) {
    Latency l = new Latency(30_000, p50, p50 * 2, p99, p99 * 2, p99 * 3);
    return new PhaseResult(name, 500, 30, 60, 30_000, 30_000, 30_000, 0, errors, 500, 10, 0.1, l,
        Map.of("one typo", l), List.of(p99 * 10, p99, Double.NaN));
  }

  @Test
  @DisplayName("divides catalog by empty for p50 and p99 and checks the target at its rate and size")
  void ratiosAndTarget() {
    SearchReport r = new SearchReport(SearchOptions.of("http://h", 500), SETUP, phase("empty", 1, 4, Map.of()),
        phase("catalog", 3, 12, Map.of()), 0);
    assertEquals(3.0, r.ratio(Latency::p50), 1e-9);
    assertEquals(3.0, r.ratio(Latency::p99), 1e-9);
    assertTrue(r.targetMet());
    String md = r.toMarkdown();
    assertTrue(md.contains("| latency p99 (ms) | 4.00 | 12.00 | 3.0× |"), md);
    assertTrue(md.contains("**met**"), md);
    assertTrue(md.contains("- catalog: 120.0 · 12.0 · –\n"), md);
    assertTrue(md.contains("(first 30 s) included"), md);
    assertEquals(3.0, r.toJson().getJsonObject("catalogOverEmpty").getDouble("p99"), 1e-9);
    JsonArray slices = r.toJson().getJsonObject("phases").getJsonObject("catalog").getJsonArray("p99MsPer10s");
    assertEquals(120.0, slices.getDouble(0), 1e-9);
    assertNull(slices.getValue(2));
  }

  @Test
  @DisplayName("misses the target on errors, and does not judge a run at another rate")
  void targetJudgement() {
    PhaseResult failing = phase("catalog", 3, 12, Map.of("http 503", 4L));
    assertEquals(4, failing.non200());
    assertFalse(new SearchReport(SearchOptions.of("http://h", 500), SETUP, null, failing, 0).targetMet());
    SearchReport other = new SearchReport(SearchOptions.of("http://h", 100), SETUP, null, phase("catalog", 3, 12, Map.of()), 0);
    assertNull(other.targetMet());
    assertTrue(other.toMarkdown().contains("| latency p99 (ms) | – | 12.00 | – |"), other.toMarkdown());
  }
}
