package dev.recstream.metrics;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.IntakeStats;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Online metrics: counts of events accepted, rejected and stored, recommendation pushes and their
 * event→recommendation latency, the online hit rate and coverage of the pushed lists, kept in a Micrometer Prometheus registry and served to the gateway
 * as Prometheus text and as a JSON summary. It only listens to the bus; nothing waits on it.
 */
public final class MetricsVerticle extends VerticleBase {
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
  /** Last lists of up to 200,000 users, coverage over up to a million items: tens of MB at most. */
  private final OnlineQuality quality = new OnlineQuality(200_000, 1_000_000);

  @Override
  public Future<?> start() {
    registerMeters();
    Bus.install(vertx);
    return Future.all(List.of(
        Bus.listen(vertx, Addresses.EVENTS_INTAKE, this::countIntake),
        Bus.listen(vertx, Addresses.EVENTS_STORED, this::countStored),
        Bus.listen(vertx, Addresses.RECS_UPDATED, this::recordPush),
        Bus.listen(vertx, Addresses.USER_ERASED, erased -> quality.forget(erased.userId())),
        Bus.serve(vertx, Addresses.METRICS_SCRAPE, none -> Future.succeededFuture(registry.scrape())),
        Bus.serve(vertx, Addresses.METRICS_SUMMARY, none -> Future.succeededFuture(summary())),
        Bus.serve(vertx, Addresses.health("metrics"), none -> Future.succeededFuture(new JsonObject().put("ok", true)))));
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
    Gauge.builder("recstream.online.hit.rate", quality, OnlineQuality::hitRate)
        .description("Share of item events whose item was in the list last pushed to the user").register(registry);
    Gauge.builder("recstream.online.coverage", quality, OnlineQuality::coverage)
        .description("Distinct items recommended over distinct items seen in events").register(registry);
    latency = Timer.builder("recstream.recommendation.latency")
        .description("Time from intake of an event to its fresh recommendation list")
        .publishPercentiles(0.5, 0.95, 0.99, 0.999)
        .publishPercentileHistogram()
        .distributionStatisticExpiry(Duration.ofMinutes(1))
        .register(registry);
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

  private Counter intakeCounter(String name, String source) {
    return Counter.builder(name).tag("source", source).register(registry);
  }

  private void countIntake(IntakeStats stats) {
    boolean http = IntakeStats.HTTP.equals(stats.source());
    (http ? acceptedHttp : acceptedKafka).increment(stats.accepted());
    (http ? rejectedHttp : rejectedKafka).increment(stats.rejected());
    if (stats.sourceLagMicros() >= 0) {
      kafkaLeg.record(stats.sourceLagMicros(), TimeUnit.MICROSECONDS);
    }
  }

  private void countStored(SequenceUpdates batch) {
    List<SequenceUpdate> updates = batch.updates();
    stored.increment(updates.size());
    long now = EpochMicros.now();
    updates.forEach(u -> storedLeg.record(Math.max(0, now - u.receivedAtMicros()), TimeUnit.MICROSECONDS));
    // Stored before their own push is computed: each is judged against the list served before it.
    updates.forEach(u -> quality.event(u.userId(), u.itemId()));
  }

  private void recordPush(Recommendations recs) {
    pushes.increment();
    quality.served(recs.userId(), recs.items().stream().map(ScoredItem::itemId).toList(), recs.model());
    if (recs.latencyMs() != null) {
      latency.record((long) (recs.latencyMs() * 1_000_000), TimeUnit.NANOSECONDS);
    }
  }

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
            .put("stagesMs", new JsonObject().put("kafka", percentiles(kafkaLeg)).put("stored", percentiles(storedLeg))))
        .put("online", online())
        .put("model", quality.lastModel());
  }

  /**
   * The online hit rate of pushed lists (the share of item events whose item was in the list last
   * pushed to that user), overall and per model, and the catalog coverage of the lists.
   */
  private JsonObject online() {
    JsonObject perModel = new JsonObject();
    quality.byModel().forEach((model, tally) -> perModel.put(model, new JsonObject()
        .put("evaluatedEvents", tally.evaluated).put("hits", tally.hits).put("hitRate", tally.hitRate())));
    return new JsonObject()
        .put("evaluatedEvents", quality.evaluated())
        .put("hits", quality.hits())
        .put("hitRate", quality.hitRate())
        .put("coverage", quality.coverage())
        .put("recommendedItems", quality.recommendedItems())
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
