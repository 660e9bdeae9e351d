package dev.recstream.bench.suite;

import dev.recstream.bench.ResultFiles;
import dev.recstream.bench.baseline.BaselineResults;
import dev.recstream.bench.baseline.Figure;
import dev.recstream.bench.baseline.HttpBaseline;
import dev.recstream.bench.baseline.KafkaBaseline;
import dev.recstream.bench.baseline.OnnxBaseline;
import dev.recstream.bench.baseline.PgBaseline;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The tables of one performance run: the baselines, every scenario, and the targets with
 * the measured figure, whether it is met, and its ratio to the baseline of the same run.
 */
public record SuiteReport(String label, BaselineResults baselines, List<Scenario> scenarios, List<String> notes) {
  static final int SUSTAINED_TARGET = 10_000;
  static final double P99_TARGET_MS = 20;
  static final double P999_TARGET_MS = 50;
  static final double GET_P99_TARGET_MS = 5;
  static final double HEAP_TARGET_MIB = 2048;

  public SuiteReport {
    scenarios = List.copyOf(scenarios);
    notes = List.copyOf(notes);
  }

  public List<Scenario> scenarios() {
    return scenarios;
  }

  Scenario scenario(String prefix) {
    return scenarios.stream().filter(s -> s.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  /** The baseline of that type in this run, or null when it was skipped. */
  private <T> T baseline(Class<T> type) {
    return baselines.results().stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
  }

  public String toMarkdown() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "# recstream performance run (%s, %d cores, Java %s)%s%n%n", Instant.now(),
        baselines.cores(), System.getProperty("java.version"), label.isBlank() ? "" : " — " + label));
    b.append("## Scenarios\n\n");
    b.append("Latency: intended send time (open loop) to the WebSocket push naming the event, or to the GET answer.\n\n");
    b.append("| scenario | offered /s | done /s | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | no push | errors "
        + "| heap max MiB | JVM RSS max MiB | JVM cores | JVM CPU µs per event |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Scenario s : scenarios) {
      b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %d | %d | %s | %s | %s | %s |%n",
          s.name(), s.offeredRate(), f(s.doneRate()), f(s.p50()), f(s.p95()), f(s.p99()), f(s.p999()), f(s.max()),
          s.missing(), s.errors(), known(s.usage().heapMaxMiB()), known(s.usage().rssMaxMiB()),
          known(s.usage().cores()), known(s.cpuMicrosPerUnit())));
    }
    b.append("\n## Targets, and ratios to the same run's baselines\n\n");
    b.append("| target | measured | met | ratio |\n|---|---|---|---|\n");
    Scenario sustained = scenario("sustained");
    Scenario latency = scenario("latency");
    Scenario get = scenario("GET");
    Scenario saturation = scenario("saturation");
    KafkaBaseline.Result kafka = baseline(KafkaBaseline.Result.class);
    PgBaseline.Result pg = baseline(PgBaseline.Result.class);
    HttpBaseline.Result http = baseline(HttpBaseline.Result.class);
    OnnxBaseline.Result onnx = baseline(OnnxBaseline.Result.class);
    boolean keptUp = sustained.missing() == 0 && sustained.errors() == 0 && sustained.offeredRate() >= SUSTAINED_TARGET;
    target(b, "≥ 10,000 events/s sustained, Kafka → push, no loss, no growing lag",
        f(sustained.doneRate()) + " pushes/s at " + sustained.offeredRate() + " offered; " + sustained.missing()
            + " without push after the grace period; p99 per 10 s of sending "
            + sustained.load().windowP99Ms().stream().map(SuiteReport::f).toList() + " ms", keptUp,
        kafka == null ? "" : "pushes/s ÷ Kafka produce→consume " + f(kafka.endToEndPerSecond()) + "/s = "
            + ratio(sustained.doneRate(), kafka.endToEndPerSecond()));
    target(b, "5,000 events/s: p99 ≤ 20 ms, p99.9 ≤ 50 ms", "p99 " + f(latency.p99()) + " ms, p99.9 "
            + f(latency.p999()) + " ms at " + latency.offeredRate() + "/s",
        latency.offeredRate() >= 5000 && latency.p99() <= P99_TARGET_MS && latency.p999() <= P999_TARGET_MS
            && latency.missing() == 0,
        pg == null ? "" : "events/s ÷ PostgreSQL batch insert " + f(pg.rowsPerSecond()) + " rows/s = "
            + ratio(latency.doneRate(), pg.rowsPerSecond()));
    target(b, "GET recommendations at 2,000/s: p99 ≤ 5 ms", "p99 " + f(get.p99()) + " ms at " + get.offeredRate()
            + "/s, " + get.errors() + " errors", get.offeredRate() >= 2000 && get.p99() <= GET_P99_TARGET_MS
            && get.errors() == 0,
        http == null ? "" : "p99 ÷ empty Vert.x server's p99 " + f(http.openLoop().latencyMs().p99()) + " ms = "
            + ratio(get.p99(), http.openLoop().latencyMs().p99()));
    double heapMax = scenarios.stream().mapToDouble(s -> s.usage().heapMaxMiB()).max().orElse(-1);
    double rssMax = scenarios.stream().mapToDouble(s -> s.usage().rssMaxMiB()).max().orElse(-1);
    target(b, "heap ≤ 2 GiB at those rates; RSS reported", "heap max " + known(heapMax) + " MiB, JVM RSS max "
        + known(rssMax) + " MiB", heapMax >= 0 && heapMax <= HEAP_TARGET_MIB, "");
    target(b, "saturation (the most this box pushes)", f(saturation.doneRate()) + " pushes/s at "
            + saturation.offeredRate() + " offered, JVM CPU " + known(saturation.cpuMicrosPerUnit()) + " µs per event",
        true, onnx == null || saturation.cpuMicrosPerUnit() < 0 ? ""
            : "JVM CPU per event ÷ ONNX Runtime ranker per event " + f(onnx.perEventMicros()) + " µs = "
                + ratio(saturation.cpuMicrosPerUnit(), onnx.perEventMicros()));
    notes.forEach(n -> b.append("\n").append(n).append('\n'));
    b.append("\n").append(baselines.toMarkdown().replaceFirst("^# ", "## "));
    return b.toString();
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    scenarios.forEach(s -> list.add(s.toJson()));
    return new JsonObject().put("label", label).put("scenarios", list).put("baselines", baselines.toJson())
        .put("notes", new JsonArray(notes));
  }

  /** Writes results.md and results.json into {@code dir} (created if needed). */
  public void write(Path dir) throws IOException {
    ResultFiles.write(dir, toJson(), toMarkdown());
  }

  private static void target(StringBuilder b, String target, String measured, boolean met, String ratio) {
    b.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "yes" : "**no**")
        .append(" | ").append(ratio).append(" |\n");
  }

  private static String f(double v) {
    return Figure.format(v);
  }

  private static String known(double v) {
    return v < 0 ? "–" : Figure.format(v);
  }

  private static String ratio(double a, double b) {
    return b <= 0 ? "–" : String.format(Locale.ROOT, "%.3f", a / b);
  }
}
