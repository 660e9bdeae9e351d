package dev.recstream.metrics;

import dev.recstream.metrics.stats.LatencyHistogram;
import dev.recstream.metrics.stats.SlidingCounts;
import dev.recstream.metrics.stats.SlidingLatency;
import dev.recstream.shared.bus.ErrorCount;
import dev.recstream.shared.bus.Experiment;
import dev.recstream.shared.bus.Recommendations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of {@code GET /v1/metrics}: intake, pushes and GETs, their latencies, and the
 * attribution of events to served lists per source (model and experiment variant), each over
 * sliding windows of 1 minute, 15 minutes and 1 hour and since start. Pure: time is passed in,
 * so the figures are tested exactly; the verticle feeds it from the bus.
 */
final class OnlineMetrics {
  /** The windows every figure is reported over, by their names in the JSON. */
  static final Map<String, Duration> WINDOWS = windows();

  // Global counters.
  private static final int ACCEPTED = 0;
  private static final int REJECTED = 1;
  private static final int STORED = 2;
  private static final int PUSHES = 3;
  private static final int GETS = 4;
  private static final int HTTP_CLIENT_ERRORS = 5;
  private static final int HTTP_SERVER_ERRORS = 6;
  private static final int PUSHES_NOT_COMPUTED = 7;
  private static final int GLOBAL_COUNTERS = 8;

  // Per-source counters.
  private static final int PUSHED = 0;
  private static final int REQUESTED = 1;
  private static final int EVALUATED = 2;
  private static final int HITS = 3;
  private static final int CLICKED = 4;
  private static final int CONVERTED = 5;
  private static final int PURCHASES = 6;
  /** Revenue in thousandths, since the counters are whole numbers. */
  private static final int REVENUE_MILLI = 7;
  private static final int SOURCE_COUNTERS = 8;

  private final SlidingCounts global = new SlidingCounts(GLOBAL_COUNTERS);
  private final Map<Attribution.Source, SlidingCounts> bySource = new LinkedHashMap<>();
  private final SlidingLatency pushLatency = new SlidingLatency();
  private final SlidingLatency getLatency = new SlidingLatency();
  private final Attribution attribution;
  private final CatalogReach reach;
  private final long startedAtMillis;
  private String lastModel;
  /** The users served a list in each experiment variant, for the sample-ratio test. */
  private final Map<Recommendations.Arm, Set<String>> usersByArm = new HashMap<>();
  /** Distinct users counted per variant at most (tens of MB of ids); beyond, the count stops growing. */
  static final int MAX_USERS_PER_ARM = 1_000_000;

  OnlineMetrics(Attribution attribution, CatalogReach reach, long startedAtMillis) {
    this.attribution = attribution;
    this.reach = reach;
    this.startedAtMillis = startedAtMillis;
  }

  void intake(boolean accepted, int count, long nowMillis) {
    global.add(accepted ? ACCEPTED : REJECTED, count, nowMillis);
  }

  /** Failures a gateway or scoring node reported ({@link ErrorCount}); unknown kinds are ignored. */
  void errors(String kind, long count, long nowMillis) {
    switch (kind) {
      case ErrorCount.HTTP_CLIENT -> global.add(HTTP_CLIENT_ERRORS, count, nowMillis);
      case ErrorCount.HTTP_SERVER -> global.add(HTTP_SERVER_ERRORS, count, nowMillis);
      case ErrorCount.PUSH_NOT_COMPUTED -> global.add(PUSHES_NOT_COMPUTED, count, nowMillis);
      default -> { }
    }
  }

  /** A stored event, judged against the lists served before it. */
  Attribution.Credit stored(String userId, String itemId, String type, String recId, Double value, long nowMillis) {
    global.add(STORED, 1, nowMillis);
    if (itemId != null) {
      reach.seen(itemId);
    }
    Attribution.Credit credit = attribution.event(userId, itemId, type, recId, value, nowMillis);
    if (credit.evaluated()) {
      SlidingCounts counts = counts(credit.source());
      counts.add(EVALUATED, 1, nowMillis);
      count(counts, HITS, credit.hit(), nowMillis);
      count(counts, CLICKED, credit.newClick(), nowMillis);
      count(counts, CONVERTED, credit.newConversion(), nowMillis);
      count(counts, PURCHASES, credit.purchase(), nowMillis);
      if (credit.revenue() != 0) {
        counts.add(REVENUE_MILLI, Math.round(credit.revenue() * 1000), nowMillis);
      }
    }
    return credit;
  }

  /** A list served: pushed after an event or returned by a GET, with its latency when known. */
  void served(Attribution.ServedList list, Double latencyMs, long nowMillis) {
    attribution.served(list);
    reach.recommended(list.source(), list.items());
    counts(list.source()).add(list.pushed() ? PUSHED : REQUESTED, 1, nowMillis);
    global.add(list.pushed() ? PUSHES : GETS, 1, nowMillis);
    if (latencyMs != null) {
      (list.pushed() ? pushLatency : getLatency).record(Math.round(latencyMs * 1000), nowMillis);
    }
    lastModel = list.source().model();
    if (list.source().experiment() != null) {
      Set<String> users = usersByArm.computeIfAbsent(
          new Recommendations.Arm(list.source().experiment(), list.source().variant()), arm -> new HashSet<>());
      if (users.size() < MAX_USERS_PER_ARM) {
        users.add(list.userId());
      }
    }
  }

  void forget(String userId) {
    attribution.forget(userId);
  }

  /** The model of the newest list served, null before the first. */
  String lastModel() {
    return lastModel;
  }

  /** Every window's figures: {@code {"1m": {...}, "15m": {...}, "1h": {...}, "sinceStart": {...}}}. */
  JsonObject windows(long nowMillis) {
    JsonObject windows = new JsonObject();
    WINDOWS.forEach((name, window) -> windows.put(name, window(window, nowMillis)));
    windows.put("sinceStart", window(null, nowMillis));
    return windows;
  }

  /** The figures of one window, or since start when {@code window} is null. */
  JsonObject window(Duration window, long nowMillis) {
    double seconds = window == null ? Math.max(1e-3, (nowMillis - startedAtMillis) / 1000.0) : window.toSeconds();
    JsonObject sources = new JsonObject();
    bySource.forEach((source, counts) -> sources.put(key(source), source(source, counts, window, nowMillis)));
    long stored = sum(global, STORED, window, nowMillis);
    return new JsonObject()
        .put("seconds", seconds)
        .put("events", new JsonObject()
            .put("accepted", sum(global, ACCEPTED, window, nowMillis))
            .put("rejected", sum(global, REJECTED, window, nowMillis))
            .put("stored", stored)
            .put("storedPerSecond", stored / seconds))
        .put("pushes", new JsonObject()
            .put("count", sum(global, PUSHES, window, nowMillis))
            .put("perSecond", sum(global, PUSHES, window, nowMillis) / seconds)
            .put("latencyMs", percentiles(window == null ? pushLatency.sinceStart() : pushLatency.window(window, nowMillis))))
        .put("gets", new JsonObject()
            .put("count", sum(global, GETS, window, nowMillis))
            .put("latencyMs", percentiles(window == null ? getLatency.sinceStart() : getLatency.window(window, nowMillis))))
        .put("errors", new JsonObject()
            .put("rejectedEvents", sum(global, REJECTED, window, nowMillis))
            .put("http4xx", sum(global, HTTP_CLIENT_ERRORS, window, nowMillis))
            .put("http5xx", sum(global, HTTP_SERVER_ERRORS, window, nowMillis))
            .put("pushesNotComputed", sum(global, PUSHES_NOT_COMPUTED, window, nowMillis)))
        .put("sources", sources);
  }

  private JsonObject source(Attribution.Source source, SlidingCounts counts, Duration window, long nowMillis) {
    long pushed = sum(counts, PUSHED, window, nowMillis);
    long requested = sum(counts, REQUESTED, window, nowMillis);
    long impressions = pushed + requested;
    long evaluated = sum(counts, EVALUATED, window, nowMillis);
    long hits = sum(counts, HITS, window, nowMillis);
    long clicked = sum(counts, CLICKED, window, nowMillis);
    long converted = sum(counts, CONVERTED, window, nowMillis);
    return new JsonObject()
        .put("model", source.model())
        .put("experiment", source.experiment())
        .put("variant", source.variant())
        .put("impressions", impressions)
        .put("pushed", pushed)
        .put("requested", requested)
        .put("evaluatedEvents", evaluated)
        .put("hits", hits)
        .put("hitRate", ratio(hits, evaluated))
        .put("clickedLists", clicked)
        .put("clickThroughRate", ratio(clicked, impressions))
        .put("convertedLists", converted)
        .put("conversionRate", ratio(converted, impressions))
        .put("purchases", sum(counts, PURCHASES, window, nowMillis))
        .put("revenue", sum(counts, REVENUE_MILLI, window, nowMillis) / 1000.0);
  }

  /** Since-start figures that have no window: coverage, novelty and the recId bookkeeping. */
  JsonObject reach() {
    JsonObject sources = new JsonObject();
    attribution.tallies().forEach((source, tally) -> sources.put(key(source), new JsonObject()
        .put("coverage", reach.coverage(source))
        .put("novelty", finiteOrNull(reach.novelty(source)))
        .put("hitsByRecId", tally.byRecId)
        .put("unknownRecIds", tally.unknownRecIds)));
    return new JsonObject()
        .put("coverage", reach.coverage())
        .put("recommendedItems", reach.recommendedItems())
        .put("sources", sources);
  }

  /** The key of a source in the JSON: the model, and {@code /experiment/variant} inside an experiment. */
  static String key(Attribution.Source source) {
    return source.experiment() == null ? source.model()
        : source.model() + "/" + source.experiment() + "/" + source.variant();
  }

  /**
   * What each variant of {@code experiment} counted since this service started: the totals of
   * every source of the variant (one model, unless the variant's model changed), and the users
   * served a list in it.
   */
  List<ExperimentReport.VariantCounts> experimentCounts(Experiment experiment) {
    List<ExperimentReport.VariantCounts> counts = new ArrayList<>();
    for (Experiment.Variant v : experiment.variants()) {
      long[] totals = new long[SOURCE_COUNTERS];
      bySource.forEach((source, sliding) -> {
        if (experiment.id().equals(source.experiment()) && v.name().equals(source.variant())) {
          for (int c = 0; c < SOURCE_COUNTERS; c++) {
            totals[c] += sliding.total(c);
          }
        }
      });
      Set<String> users = usersByArm.getOrDefault(new Recommendations.Arm(experiment.id(), v.name()), Set.of());
      counts.add(new ExperimentReport.VariantCounts(v.name(), v.model(), v.weight(), users.size(),
          totals[PUSHED] + totals[REQUESTED], totals[EVALUATED], totals[HITS], totals[CLICKED], totals[CONVERTED],
          totals[PURCHASES], totals[REVENUE_MILLI] / 1000.0));
    }
    return counts;
  }

  private SlidingCounts counts(Attribution.Source source) {
    return bySource.computeIfAbsent(source, s -> new SlidingCounts(SOURCE_COUNTERS));
  }

  private static void count(SlidingCounts counts, int counter, boolean yes, long nowMillis) {
    if (yes) {
      counts.add(counter, 1, nowMillis);
    }
  }

  private static long sum(SlidingCounts counts, int counter, Duration window, long nowMillis) {
    return window == null ? counts.total(counter) : counts.sum(counter, window, nowMillis);
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }

  /** p50, p95, p99 in milliseconds and the count; percentiles null when nothing was recorded. */
  static JsonObject percentiles(LatencyHistogram histogram) {
    JsonObject json = new JsonObject().put("count", histogram.count());
    for (double q : new double[] {0.5, 0.95, 0.99}) {
      json.put("p" + Math.round(q * 100), finiteOrNull(histogram.percentile(q)));
    }
    return json;
  }

  private static Map<String, Duration> windows() {
    Map<String, Duration> windows = new LinkedHashMap<>();
    windows.put("1m", Duration.ofMinutes(1));
    windows.put("15m", Duration.ofMinutes(15));
    windows.put("1h", Duration.ofHours(1));
    return windows;
  }
}
