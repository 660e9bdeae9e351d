package dev.recstream.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A target")
class TargetTest {
  private static Map<String, Double> values(Object... keysAndValues) {
    Map<String, Double> v = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      v.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).doubleValue());
    }
    return v;
  }

  @Test
  @DisplayName("at 1,000 events/s is met at its bounds, with every event pushed and no errors")
  void lowRate() {
    assertTrue(Target.LOW_KAFKA.met(values("p50", 3, "p99", 10, "offered", 1000, "noPush", 0, "errors", 0)));
    assertFalse(Target.LOW_KAFKA.met(values("p50", 3.1, "p99", 10, "offered", 1000, "noPush", 0, "errors", 0)));
    assertFalse(Target.LOW_HTTP.met(values("p50", 1, "p99", 2, "offered", 1000, "noPush", 1, "errors", 0)),
        "an event without push");
    assertFalse(Target.LOW_HTTP.met(values("p50", 1, "p99", 2, "offered", 100, "noPush", 0, "errors", 0)),
        "below the target's rate");
  }

  @Test
  @DisplayName("at 5,000 events/s needs both p99 and p99.9 within bounds")
  void highRate() {
    assertTrue(Target.HIGH_KAFKA.met(values("p99", 20, "p999", 50, "offered", 5000, "noPush", 0, "errors", 0)));
    assertFalse(Target.HIGH_KAFKA.met(values("p99", 19, "p999", 51, "offered", 5000, "noPush", 0, "errors", 0)));
  }

  @Test
  @DisplayName("sustained is missed when a 10 s window's p99 grows past the bound or the run was shorter than 60 s")
  void sustained() {
    Map<String, Double> ok = values("p99", 80, "worstWindowP99", 95, "offered", 10_000, "seconds", 60,
        "noPush", 0, "errors", 0);
    assertTrue(Target.SUSTAINED.met(ok));
    Map<String, Double> backlog = new HashMap<>(ok);
    backlog.put("worstWindowP99", 140.0);
    assertFalse(Target.SUSTAINED.met(backlog));
    Map<String, Double> shorter = new HashMap<>(ok);
    shorter.put("seconds", 20.0);
    assertFalse(Target.SUSTAINED.met(shorter));
  }

  @Test
  @DisplayName("GET needs p99 ≤ 5 ms and ≤ 2× the empty server's, and is missed when the baseline is unknown")
  void get() {
    assertTrue(Target.GET.met(values("p99", 4, "ratio", 2, "offered", 2000, "errors", 0)));
    assertFalse(Target.GET.met(values("p99", 4, "ratio", 2.1, "offered", 2000, "errors", 0)));
    assertFalse(Target.GET.met(values("p99", 4, "ratio", Double.NaN, "offered", 2000, "errors", 0)));
    assertFalse(Target.GET.met(values("p99", 4, "ratio", 1, "offered", 2000, "errors", 3)));
  }

  @Test
  @DisplayName("CPU per event is missed when the probe could not read it")
  void cpu() {
    assertTrue(Target.CPU.met(values("cpuMicros", 99, "offered", 5000)));
    assertFalse(Target.CPU.met(values("cpuMicros", Double.NaN, "offered", 5000)));
    assertFalse(Target.CPU.met(values("offered", 5000)));
  }

  @Test
  @DisplayName("describes its numbers in the order measured, without the ratio")
  void describe() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("p50", "2.5");
    f.put("p99", "8 (7–9)");
    f.put("offered", "1000");
    f.put("noPush", "0");
    f.put("ratio", "1.5");
    assertEquals("p50 2.5 ms, p99 8 (7–9) ms, at 1000/s, 0 without push", Target.describe(f));
  }
}
