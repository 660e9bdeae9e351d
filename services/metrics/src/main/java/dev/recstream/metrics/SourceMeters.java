package dev.recstream.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * The Prometheus meters of one source of lists (model, experiment variant): impressions and
 * latency histograms by channel, the events judged against its lists and what they earned. Rates are left to the
 * query ({@code rate(recstream_attribution_hits_total[5m]) / rate(…evaluated_events_total[5m])}),
 * as Prometheus expects; coverage and novelty are gauges. Experiment and variant {@code none}
 * outside experiments.
 */
final class SourceMeters {
  private final Counter pushed;
  private final Counter requested;
  private final Counter evaluated;
  private final Counter hits;
  private final Counter clicked;
  private final Counter converted;
  private final Counter purchases;
  private final Counter revenue;
  private final Timer pushLatency;
  private final Timer getLatency;

  SourceMeters(MeterRegistry registry, Attribution.Source source, CatalogReach reach) {
    Tags tags = Tags.of("model", source.model(), "experiment", orNone(source.experiment()),
        "variant", orNone(source.variant()));
    pushed = counter(registry, "recstream.recommendations.impressions", tags.and("channel", "push"),
        "Lists pushed on the live feed after a stored event");
    requested = counter(registry, "recstream.recommendations.impressions", tags.and("channel", "get"),
        "Lists returned by GET /v1/users/{userId}/recommendations");
    evaluated = counter(registry, "recstream.attribution.evaluated.events", tags,
        "Item events of users served a list within the attribution window (or naming one by recId)");
    hits = counter(registry, "recstream.attribution.hits", tags, "Evaluated events whose item was in a list served to the user");
    clicked = counter(registry, "recstream.attribution.clicked.lists", tags, "Lists with at least one click or view credited");
    converted = counter(registry, "recstream.attribution.converted.lists", tags, "Lists with at least one purchase credited");
    purchases = counter(registry, "recstream.attribution.purchases", tags, "Purchases credited to a list");
    revenue = counter(registry, "recstream.attribution.revenue", tags, "Sum of the value of purchases credited to a list");
    pushLatency = latency(registry, tags.and("channel", "push"), "Intake of an event to the list this source pushed");
    getLatency = latency(registry, tags.and("channel", "get"), "The gateway's GET to the list this source made");
    Gauge.builder("recstream.online.source.coverage", reach, r -> r.coverage(source)).tags(tags)
        .description("Distinct items this source recommended over distinct items seen in events").register(registry);
    Gauge.builder("recstream.online.novelty", reach, r -> r.novelty(source)).tags(tags)
        .description("Mean popularity rank of the items this source recommended (1 = most popular)").register(registry);
  }

  /** A list served, with its latency when known. */
  void impression(boolean pushedList, Double latencyMs) {
    (pushedList ? pushed : requested).increment();
    if (latencyMs != null) {
      (pushedList ? pushLatency : getLatency).record((long) (latencyMs * 1_000_000), TimeUnit.NANOSECONDS);
    }
  }

  void count(Attribution.Credit credit) {
    evaluated.increment();
    if (credit.hit()) {
      hits.increment();
    }
    if (credit.newClick()) {
      clicked.increment();
    }
    if (credit.newConversion()) {
      converted.increment();
    }
    if (credit.purchase()) {
      purchases.increment();
      revenue.increment(credit.revenue());
    }
  }

  /** Buckets only (no client-side percentiles): Prometheus computes quantiles per model and variant. */
  private static Timer latency(MeterRegistry registry, Tags tags, String description) {
    return Timer.builder("recstream.source.latency").tags(tags).description(description)
        .publishPercentileHistogram().register(registry);
  }

  private static String orNone(String label) {
    return label == null ? "none" : label;
  }

  private static Counter counter(MeterRegistry registry, String name, Tags tags, String description) {
    return Counter.builder(name).tags(tags).description(description).register(registry);
  }
}
