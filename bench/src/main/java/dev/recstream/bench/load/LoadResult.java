package dev.recstream.bench.load;

import dev.recstream.bench.ResultFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a run measured, as numbers a test can assert on and as results.json / results.md a person
 * can keep beside a commit. Latencies are milliseconds from an event's intended send time to its
 * first push; {@code missing} counts events that were not refused yet got no push within the grace
 * period. {@code userIds} are the users this run drove (not written to the files): a later read of
 * their recommendations finds them with a history.
 */
public record LoadResult(LoadOptions options, long sent, long acknowledged, Map<String, Long> errors,
    long pushes, long timedPushes, long missing, double sendSeconds, double sentPerSecond,
    double pushesPerSecond, long latencyCount, double p50Ms, double p95Ms, double p99Ms, double p999Ms,
    double maxMs, List<Double> windowP99Ms, List<String> userIds) {

  static LoadResult of(LoadOptions o, Meter m, double sendSeconds, double pushSeconds, List<String> userIds) {
    Histogram h = m.latency();
    return new LoadResult(o, m.sent(), m.acknowledged(), m.errors(), m.pushes(), m.matchedPushes(),
        m.pending(), sendSeconds, m.sent() / Math.max(sendSeconds, 1e-9),
        m.pushes() / Math.max(pushSeconds, 1e-9), h.getTotalCount(),
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), m.windowP99Ms(), List.copyOf(userIds));
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e3) / 1e3;
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Where the items come from: the catalog size of the synthetic workload or the replayed file. */
  private String itemsLabel() {
    return options.replay() == null ? options.items() + " synthetic (Zipf)" : "replay of " + options.replay().getFileName();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("transport", options.transport()).put("targetRate", options.rate()).put("seconds", options.seconds())
        .put("users", options.users()).put("usersPerConnection", options.perConnection())
        .put("items", itemsLabel()).put("graceSeconds", options.graceSeconds())
        .put("sent", sent).put("acknowledged", acknowledged).put("errors", new JsonObject(Map.copyOf(errors)))
        .put("pushes", pushes).put("timedPushes", timedPushes).put("missing", missing)
        .put("sendSeconds", sendSeconds).put("sentPerSecond", sentPerSecond).put("pushesPerSecond", pushesPerSecond)
        .put("latencyMs", new JsonObject().put("count", latencyCount).put("p50", p50Ms).put("p95", p95Ms)
            .put("p99", p99Ms).put("p99.9", p999Ms).put("max", maxMs))
        .put("p99ByWindowMs", new JsonArray(windowP99Ms.stream().map(v -> v.isNaN() ? null : v).toList()));
  }

  public String toMarkdown() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "# recstream load run (%s, %d events/s for %d s, %d users, items: %s)%n%n",
        options.transport(), options.rate(), options.seconds(), options.users(), itemsLabel()));
    b.append("| measure | value |\n|---|---|\n");
    row(b, "events sent", sent);
    row(b, "events acknowledged", acknowledged);
    row(b, "errors", errorCount() + (errors.isEmpty() ? "" : " " + errors));
    row(b, "pushes received", pushes);
    row(b, "sent events/s", fmt(sentPerSecond));
    row(b, "pushes/s", fmt(pushesPerSecond));
    row(b, "latency p50 (ms)", fmt(p50Ms));
    row(b, "latency p95 (ms)", fmt(p95Ms));
    row(b, "latency p99 (ms)", fmt(p99Ms));
    row(b, "latency p99.9 (ms)", fmt(p999Ms));
    row(b, "latency max (ms)", fmt(maxMs));
    row(b, "latency p99 per 10 s of sending (ms)", windowP99Ms.stream().map(LoadResult::fmt).toList());
    row(b, "events without push after " + options.graceSeconds() + " s grace", missing);
    b.append("\nLatency: intended send time (fixed schedule, open loop) to the first WebSocket push "
        + "naming the event as triggerEventId.\n");
    return b.toString();
  }

  /** Writes results.json and results.md into {@code dir} (created if needed). */
  public void write(Path dir) throws IOException {
    ResultFiles.write(dir, toJson(), toMarkdown());
  }

  private static void row(StringBuilder b, String name, Object value) {
    b.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
