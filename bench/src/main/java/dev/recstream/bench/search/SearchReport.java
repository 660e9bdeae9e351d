package dev.recstream.bench.search;

import dev.recstream.bench.ResultFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * A search load run as results.json and results.md: the empty and catalog phases side by side,
 * the catalog/empty ratio of p50 and p99, how the catalog and histories were loaded, and whether
 * issue #14's target held.
 *
 * @param empty the empty-server phase, or null when skipped
 * @param emptyProbeItems items the probe found before the empty phase (0 on a fresh server)
 */
record SearchReport(SearchOptions options, Setup setup, PhaseResult empty, PhaseResult catalog, int emptyProbeItems) {
  /** Issue #14: search p99 ≤ 20 ms at 500 requests/s over 12,000 items. */
  static final double TARGET_P99_MS = 20;
  static final int TARGET_RATE = 500;
  static final int TARGET_ITEMS = 12_000;

  /**
   * How the server was filled between the phases.
   *
   * @param readySeconds from the last event sent to search finding the catalog
   * @param indexed the items the server's readiness said were indexed then, or null when it does not say
   */
  record Setup(int items, long unavailable, double putSeconds, int users, int events, int searches, double eventSeconds,
      double readySeconds, Integer indexed) {
    JsonObject toJson() {
      return new JsonObject().put("items", items).put("unavailable", unavailable).put("putSeconds", round(putSeconds))
          .put("itemsInFlight", ShopLoader.ITEMS_IN_FLIGHT).put("users", users).put("events", events)
          .put("searchEvents", searches).put("eventSeconds", round(eventSeconds)).put("readySeconds", round(readySeconds))
          .put("indexedWhenReady", indexed);
    }
  }

  /** Catalog over empty, or NaN without an empty phase. */
  double ratio(ToDoubleFunction<Latency> percentile) {
    return empty == null ? Double.NaN : percentile.applyAsDouble(catalog.latency()) / percentile.applyAsDouble(empty.latency());
  }

  /** True or false at the target's rate and size; null when the run used other ones. */
  Boolean targetMet() {
    if (options.rate() != TARGET_RATE || options.items() != TARGET_ITEMS) {
      return null;
    }
    return catalog.latency().p99() <= TARGET_P99_MS && catalog.non200() == 0 && catalog.timeouts() == 0
        && catalog.otherFailures() == 0;
  }

  JsonObject toJson() {
    JsonObject phases = new JsonObject();
    if (empty != null) {
      phases.put("empty", empty.toJson().put("probeItemsAtStart", emptyProbeItems));
    }
    phases.put("catalog", catalog.toJson());
    return new JsonObject()
        .put("options", new JsonObject().put("http", options.httpUrl()).put("rate", options.rate())
            .put("seconds", options.seconds()).put("warmupSeconds", options.warmupSeconds()).put("items", options.items())
            .put("users", options.users()).put("k", SearchOptions.K).put("seed", options.seed()))
        .put("setup", setup.toJson())
        .put("phases", phases)
        .put("catalogOverEmpty", new JsonObject().put("p50", Latency.json(round(ratio(Latency::p50))))
            .put("p99", Latency.json(round(ratio(Latency::p99)))))
        .put("target", new JsonObject().put("p99Ms", TARGET_P99_MS).put("rate", TARGET_RATE).put("items", TARGET_ITEMS)
            .put("met", targetMet()));
  }

  String toMarkdown() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "# recstream search load (%d req/s, %d s counted after %d s warm-up per phase, "
        + "k=%d, seed %d)%n%n", options.rate(), options.seconds(), options.warmupSeconds(), SearchOptions.K, options.seed()));
    b.append(String.format(Locale.ROOT, "Catalog: %,d items (%,d unavailable) put in %.1f s (%.0f items/s, %d in flight); "
        + "history: %,d users, %,d events (%,d searches) sent in %.1f s; search found the catalog %.1f s later%s.%n",
        setup.items(), setup.unavailable(), setup.putSeconds(), setup.items() / Math.max(setup.putSeconds(), 1e-9),
        ShopLoader.ITEMS_IN_FLIGHT, setup.users(), setup.events(), setup.searches(), setup.eventSeconds(), setup.readySeconds(),
        setup.indexed() == null ? "" : String.format(Locale.ROOT, " (the server reported %,d items indexed)", setup.indexed())));
    if (empty != null && emptyProbeItems > 0) {
      b.append(String.format(Locale.ROOT, "%n**The empty phase was not empty**: the probe found %d items before it.%n",
          emptyProbeItems));
    }
    b.append("\n| measure | empty | catalog | catalog/empty |\n|---|---|---|---|\n");
    row(b, "requests counted", p -> String.format(Locale.ROOT, "%,d", p.sent()), "");
    row(b, "answers/s", p -> fmt(p.achievedRate(), 1), "");
    row(b, "latency p50 (ms)", p -> fmt(p.latency().p50(), 2), times(ratio(Latency::p50)));
    row(b, "latency p90 (ms)", p -> fmt(p.latency().p90(), 2), "");
    row(b, "latency p99 (ms)", p -> fmt(p.latency().p99(), 2), times(ratio(Latency::p99)));
    row(b, "latency p99.9 (ms)", p -> fmt(p.latency().p999(), 2), "");
    row(b, "latency max (ms)", p -> fmt(p.latency().max(), 2), "");
    row(b, "non-200 answers", p -> String.valueOf(p.non200()), "");
    row(b, "timeouts (" + OpenLoopSearch.REQUEST_TIMEOUT_MILLIS / 1000 + " s)", p -> String.valueOf(p.timeouts()), "");
    row(b, "other failures", p -> String.valueOf(p.otherFailures()), "");
    row(b, "mean results per answer", p -> fmt(p.meanResults(), 2), "");
    row(b, "client's largest send lag (ms)", p -> fmt(p.maxSenderLagMs(), 2), "");
    appendFailures(b);
    appendSlices(b);
    appendSegments(b);
    appendTarget(b);
    b.append("\nLatency: from each request's scheduled send time (fixed schedule, open loop) to its complete answer; "
        + "200 answers and timeouts (at the moment given up) are timed, other failures only counted. "
        + "Queries: Zipf(1.0) over a vocabulary of the catalog's words, 5 % with one typo, 10 % unique long-tail; "
        + "70 % of the requests name a user with history (in the empty phase that user is not known yet).\n");
    return b.toString();
  }

  /** Writes results.json and results.md into {@code dir} (created if needed). */
  void write(Path dir) throws IOException {
    ResultFiles.write(dir, toJson(), toMarkdown());
  }

  private void row(StringBuilder b, String name, Function<PhaseResult, String> value, String ratio) {
    b.append("| ").append(name).append(" | ").append(empty == null ? "–" : value.apply(empty)).append(" | ")
        .append(value.apply(catalog)).append(" | ").append(ratio).append(" |\n");
  }

  private void appendFailures(StringBuilder b) {
    if ((empty == null || empty.errors().isEmpty()) && catalog.errors().isEmpty()) {
      return;
    }
    b.append("\nFailures by kind: ");
    if (empty != null) {
      b.append("empty ").append(empty.errors()).append("; ");
    }
    b.append("catalog ").append(catalog.errors()).append('\n');
  }

  /** The p99 of each 10 s of each phase, warm-up included: how long the server took to settle. */
  private void appendSlices(StringBuilder b) {
    b.append(String.format(Locale.ROOT, "%n### p99 of each %d s of sending, warm-up (first %d s) included (ms)%n%n",
        OpenLoopSearch.SLICE_SECONDS, options.warmupSeconds()));
    if (empty != null) {
      b.append("- empty: ").append(slices(empty)).append('\n');
    }
    b.append("- catalog: ").append(slices(catalog)).append('\n');
  }

  private static String slices(PhaseResult phase) {
    return phase.sliceP99s().stream().map(v -> fmt(v, 1)).collect(Collectors.joining(" · "));
  }

  private void appendSegments(StringBuilder b) {
    b.append("\n### Latency by request, p50 / p99 (ms)\n\n| requests | count (catalog) | empty | catalog |\n|---|---|---|---|\n");
    for (Map.Entry<String, Latency> e : catalog.segments().entrySet()) {
      Latency c = e.getValue();
      Latency m = empty == null ? null : empty.segments().get(e.getKey());
      b.append("| ").append(e.getKey()).append(" | ").append(String.format(Locale.ROOT, "%,d", c.count())).append(" | ")
          .append(m == null ? "–" : pair(m)).append(" | ").append(pair(c)).append(" |\n");
    }
  }

  private void appendTarget(StringBuilder b) {
    Boolean met = targetMet();
    b.append(String.format(Locale.ROOT, "%nTarget (issue #14): search p99 ≤ %.0f ms at %d req/s over %,d items, "
        + "without errors — ", TARGET_P99_MS, TARGET_RATE, TARGET_ITEMS));
    if (met == null) {
      b.append(String.format(Locale.ROOT, "not checked: this run used %d req/s over %,d items.%n", options.rate(), options.items()));
    } else {
      b.append(met ? "**met**" : "**missed**").append(String.format(Locale.ROOT,
          " (catalog p99 %s ms, %d non-200, %d timeouts, %d other failures).%n", fmt(catalog.latency().p99(), 2),
          catalog.non200(), catalog.timeouts(), catalog.otherFailures()));
    }
  }

  private static String pair(Latency l) {
    return fmt(l.p50(), 2) + " / " + fmt(l.p99(), 2);
  }

  private static String times(double ratio) {
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      return "–";
    }
    return String.format(Locale.ROOT, ratio >= 10 ? "%.0f×" : ratio >= 1 ? "%.1f×" : "%.2f×", ratio);
  }

  /** Thousandths: enough for seconds and ratios. */
  static double round(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? v : Math.round(v * 1000) / 1000.0;
  }

  private static String fmt(double v, int decimals) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
