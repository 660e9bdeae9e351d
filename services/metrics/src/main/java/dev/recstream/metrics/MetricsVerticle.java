package dev.recstream.metrics;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.ErrorCount;
import dev.recstream.shared.bus.IntakeStats;
import dev.recstream.shared.bus.MetricsHistory;
import dev.recstream.shared.bus.Recommendations;
import dev.recstream.shared.bus.SequenceUpdates;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online metrics: events accepted, rejected and stored; lists pushed and served by GET with their
 * latencies; and what the lists earned — later events credited to them ({@link Attribution}),
 * click-through, conversion and revenue — per model and experiment variant, with coverage and
 * novelty ({@link CatalogReach}). Kept twice: in a Micrometer Prometheus registry for scraping,
 * and over sliding windows ({@link OnlineMetrics}) for {@code GET /v1/metrics}. It only listens
 * to the bus; nothing waits on it.
 */
public final class MetricsVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsVerticle.class);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final long startedAt = System.nanoTime();
  private Counter acceptedHttp;
  private Counter acceptedKafka;
  private Counter rejectedHttp;
  private Counter rejectedKafka;
  private Counter stored;
  private Counter pushes;
  private Timer latency;
  private Timer kafkaLeg;
  private Timer storedLeg;
  /** Lists of up to 100,000 users (8 each, ~200 bytes a list), coverage over up to a million items. */
  private final Attribution attribution = new Attribution(Attribution.DEFAULT_WINDOW, 100_000);
  private final CatalogReach reach = new CatalogReach(1_000_000);
  private final OnlineMetrics online = new OnlineMetrics(attribution, reach, System.currentTimeMillis());
  private final Map<Attribution.Source, SourceMeters> meters = new HashMap<>();
  private final Map<String, Counter> errorCounters = new HashMap<>();
  private Timer getLatency;

  @Override
  public Future<?> start() {
    registerMeters();
    Bus.install(vertx);
    return Future.all(List.of(
        Bus.listen(vertx, Addresses.EVENTS_INTAKE, this::countIntake),
        Bus.listen(vertx, Addresses.EVENTS_STORED, this::countStored),
        Bus.listen(vertx, Addresses.RECS_UPDATED, this::recordPush),
        Bus.listen(vertx, Addresses.RECS_SERVED, this::recordGet),
        Bus.listen(vertx, Addresses.ERRORS_COUNTED, this::countErrors),
        Bus.listen(vertx, Addresses.USER_ERASED, erased -> online.forget(erased.userId())),
        Bus.serve(vertx, Addresses.METRICS_SCRAPE, none -> Future.succeededFuture(registry.scrape())),
        Bus.serve(vertx, Addresses.METRICS_SUMMARY, none -> Future.succeededFuture(summary())),
        Bus.serve(vertx, Addresses.METRICS_EXPERIMENT, experiment -> Future.succeededFuture(
            ExperimentReport.of(experiment.control(), online.experimentCounts(experiment)))),
        Bus.serve(vertx, Addresses.health("metrics"), none -> Future.succeededFuture(new JsonObject().put("ok", true)))))
        .onSuccess(v -> {
          vertx.setPeriodic(RANK_EVERY_MILLIS, id -> rankPopularity());
          scheduleSnapshot();
        });
  }

  /** Just after each minute's end, the minute's figures go to the store as history. */
  private void scheduleSnapshot() {
    long now = System.currentTimeMillis();
    long nextMinute = (now / 60_000 + 1) * 60_000;
    vertx.setTimer(nextMinute - now + SNAPSHOT_LAG_MILLIS, id -> {
      snapshot(nextMinute);
      scheduleSnapshot();
    });
  }

  /** After a minute's end, how long events of that minute have to arrive before its snapshot. */
  private static final long SNAPSHOT_LAG_MILLIS = 1_000;

  private void snapshot(long minuteEndMillis) {
    // Read at the minute's last millisecond: the window is then exactly its 60 seconds.
    JsonObject figures = online.window(Duration.ofMinutes(1), minuteEndMillis - 1);
    Instant minute = Instant.ofEpochMilli(minuteEndMillis - 60_000);
    Bus.request(vertx, Addresses.STORE_METRICS_SNAPSHOT, new MetricsHistory.Snapshot(minute, figures))
        .onFailure(e -> LOG.warn("metrics snapshot not kept minute={} reason={}", minute, e.getMessage()));
  }

  /** How often popularity ranks for novelty are recomputed (a sort of every item seen). */
  private static final long RANK_EVERY_MILLIS = 60_000;

  /** Sorts the items by popularity on a worker thread, from a copy of the counts. */
  private void rankPopularity() {
    long[] counts = reach.seenCounts();
    vertx.executeBlocking(() -> CatalogReach.rankPopularity(counts), false).onSuccess(reach::useRanks);
  }

  private void registerMeters() {
    // The process's own health beside the pipeline's: heap, GC, threads, CPU.
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    acceptedHttp = intakeCounter("recstream.events.accepted", IntakeStats.HTTP);
    acceptedKafka = intakeCounter("recstream.events.accepted", IntakeStats.KAFKA);
    rejectedHttp = intakeCounter("recstream.events.rejected", IntakeStats.HTTP);
    rejectedKafka = intakeCounter("recstream.events.rejected", IntakeStats.KAFKA);
    stored = Counter.builder("recstream.events.stored").description("Events newly stored (duplicates not counted)").register(registry);
    pushes = Counter.builder("recstream.recommendations.pushed").description("Recommendation lists produced after stored events").register(registry);
    Gauge.builder("recstream.online.coverage", reach, CatalogReach::coverage)
        .description("Distinct items recommended over distinct items seen in events").register(registry);
    latency = latencyTimer("push", "Time from intake of an event to its fresh recommendation list");
    getLatency = latencyTimer("get", "Time from the gateway's GET of a user's recommendations to the scoring node's list");
    registerStageTimers();
  }

  /**
   * The stages of the event→push latency that the push's own span (intake → list published)
   * does not split: the Kafka leg before intake, and intake → stored and announced by the store.
   */
  private void registerStageTimers() {
    kafkaLeg = stageTimer("kafka", "Producer send (record timestamp) to the intake poll, oldest record of each poll");
    storedLeg = stageTimer("stored", "Intake to the store's announcement of the committed batch (write and history read)");
  }

  private Timer stageTimer(String stage, String description) {
    return Timer.builder("recstream.event.stage")
        .tag("stage", stage)
        .description(description)
        .publishPercentiles(0.5, 0.99)
        .distributionStatisticExpiry(Duration.ofMinutes(1))
        .register(registry);
  }

  private Timer latencyTimer(String channel, String description) {
    return Timer.builder("recstream.recommendation.latency")
        .tag("channel", channel)
        .description(description)
        .publishPercentiles(0.5, 0.95, 0.99, 0.999)
        .publishPercentileHistogram()
        .distributionStatisticExpiry(Duration.ofMinutes(1))
        .register(registry);
  }

  private Counter intakeCounter(String name, String source) {
    return Counter.builder(name).tag("source", source).register(registry);
  }

  private void countIntake(IntakeStats stats) {
    boolean http = IntakeStats.HTTP.equals(stats.source());
    (http ? acceptedHttp : acceptedKafka).increment(stats.accepted());
    (http ? rejectedHttp : rejectedKafka).increment(stats.rejected());
    long now = System.currentTimeMillis();
    online.intake(true, stats.accepted(), now);
    online.intake(false, stats.rejected(), now);
    if (stats.sourceLagMicros() >= 0) {
      kafkaLeg.record(stats.sourceLagMicros(), TimeUnit.MICROSECONDS);
    }
  }

  private void countStored(SequenceUpdates batch) {
    List<SequenceUpdate> updates = batch.updates();
    stored.increment(updates.size());
    long nowMicros = EpochMicros.now();
    long now = nowMicros / 1000;
    for (SequenceUpdate u : updates) {
      storedLeg.record(Math.max(0, nowMicros - u.receivedAtMicros()), TimeUnit.MICROSECONDS);
      // Stored before their own push is computed: each is judged against the lists served before it.
      Attribution.Credit credit = online.stored(u.userId(), u.itemId(), u.type(), u.recId(), u.value(), now);
      if (credit.evaluated()) {
        meters(credit.source()).count(credit);
      }
    }
  }

  private void countErrors(ErrorCount errors) {
    errorCounters.computeIfAbsent(errors.kind(), kind -> Counter.builder("recstream.errors").tag("kind", kind)
        .description("Error responses of the gateways (http4xx, http5xx) and pushes not computed by scoring")
        .register(registry)).increment(errors.count());
    online.errors(errors.kind(), errors.count(), System.currentTimeMillis());
  }

  private void recordPush(Recommendations recs) {
    pushes.increment();
    served(recs, true);
    if (recs.latencyMs() != null) {
      latency.record((long) (recs.latencyMs() * 1_000_000), TimeUnit.NANOSECONDS);
    }
  }

  private void recordGet(Recommendations recs) {
    served(recs, false);
    if (recs.latencyMs() != null) {
      getLatency.record((long) (recs.latencyMs() * 1_000_000), TimeUnit.NANOSECONDS);
    }
  }

  private void served(Recommendations recs, boolean pushed) {
    Attribution.Source source = recs.arm() == null ? Attribution.Source.of(recs.model())
        : new Attribution.Source(recs.model(), recs.arm().experiment(), recs.arm().variant());
    long now = System.currentTimeMillis();
    List<String> items = recs.items().stream().map(ScoredItem::itemId).toList();
    online.served(new Attribution.ServedList(recs.recId(), recs.userId(), items, source, pushed, now), recs.latencyMs(), now);
    meters(source).impression(pushed, recs.latencyMs());
  }

  private SourceMeters meters(Attribution.Source source) {
    return meters.computeIfAbsent(source, s -> new SourceMeters(registry, s, reach));
  }

  /**
   * The document of {@code GET /v1/metrics}: the since-start summary first (as before sliding
   * windows existed), then {@code windows} and {@code reach}.
   */
  private JsonObject summary() {
    double uptimeSeconds = (System.nanoTime() - startedAt) / 1e9;
    JsonObject percentiles = percentiles(latency);
    return new JsonObject()
        .put("uptimeSeconds", uptimeSeconds)
        .put("events", new JsonObject()
            .put("accepted", acceptedHttp.count() + acceptedKafka.count())
            .put("rejected", rejectedHttp.count() + rejectedKafka.count())
            .put("stored", stored.count())
            .put("storedPerSecond", stored.count() / Math.max(uptimeSeconds, 1e-9)))
        .put("recommendations", new JsonObject()
            .put("pushed", pushes.count())
            .put("latencyMs", percentiles)
            .put("getLatencyMs", percentiles(getLatency))
            .put("stagesMs", new JsonObject().put("kafka", percentiles(kafkaLeg)).put("stored", percentiles(storedLeg))))
        .put("online", sinceStart())
        .put("windows", online.windows(System.currentTimeMillis()))
        .put("reach", online.reach())
        .put("attributionWindowSeconds", attribution.window().toSeconds())
        .put("model", online.lastModel());
  }

  /**
   * The hit rate of served lists since start (later events on an item of a list served to the
   * user, {@link Attribution}), overall and per model, and the catalog coverage of the lists.
   */
  private JsonObject sinceStart() {
    JsonObject perModel = new JsonObject();
    long evaluated = 0;
    long hits = 0;
    for (Map.Entry<Attribution.Source, Attribution.Tally> e : attribution.tallies().entrySet()) {
      Attribution.Tally tally = e.getValue();
      evaluated += tally.evaluated;
      hits += tally.hits;
      perModel.put(OnlineMetrics.key(e.getKey()), new JsonObject()
          .put("evaluatedEvents", tally.evaluated).put("hits", tally.hits).put("hitRate", tally.hitRate()));
    }
    return new JsonObject()
        .put("evaluatedEvents", evaluated)
        .put("hits", hits)
        .put("hitRate", evaluated == 0 ? 0 : (double) hits / evaluated)
        .put("coverage", reach.coverage())
        .put("recommendedItems", reach.recommendedItems())
        .put("byModel", perModel);
  }

  /** The timer's published percentiles over the last minute, in milliseconds: {@code {"p50": …, "p99": …}}. */
  private static JsonObject percentiles(Timer timer) {
    JsonObject percentiles = new JsonObject();
    for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
      percentiles.put("p" + format(p.percentile() * 100), p.value(TimeUnit.MILLISECONDS));
    }
    return percentiles;
  }

  private static String format(double percent) {
    return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
  }
}
