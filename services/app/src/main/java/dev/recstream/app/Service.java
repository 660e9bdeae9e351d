package dev.recstream.app;

import dev.recstream.gateway.GatewayVerticle;
import dev.recstream.ingestion.IngestionVerticle;
import dev.recstream.metrics.MetricsVerticle;
import dev.recstream.scoring.ScoringVerticle;
import dev.recstream.store.StoreVerticle;
import dev.recstream.trainer.continuous.TrainingVerticle;
import io.vertx.core.Deployable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The services a node can run, in deployment order: the store first (everything writes through
 * it), the gateway last (it opens the doors). Shutdown goes in reverse, so intake stops before
 * the store drains.
 */
public enum Service {
  STORE(StoreVerticle::new),
  METRICS(MetricsVerticle::new),
  SCORING(ScoringVerticle::new),
  TRAINING(TrainingVerticle::new),
  INGESTION(IngestionVerticle::new),
  GATEWAY(GatewayVerticle::new);

  private final Supplier<Deployable> factory;

  Service(Supplier<Deployable> factory) {
    this.factory = factory;
  }

  Deployable newVerticle() {
    return factory.get();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code all}, {@code none} or a comma-separated list such as {@code ingestion,store}.
   *
   * @throws IllegalArgumentException naming the unknown service
   */
  public static List<Service> parse(String spec) {
    String trimmed = spec.trim().toLowerCase(Locale.ROOT);
    if (trimmed.equals("all")) {
      return List.of(values());
    }
    if (trimmed.equals("none")) {
      return List.of();
    }
    Set<Service> chosen = EnumSet.noneOf(Service.class);
    for (String name : trimmed.split(",")) {
      String n = name.trim();
      chosen.add(Arrays.stream(values()).filter(s -> s.label().equals(n)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--services: unknown service '" + n
              + "'; use all, none or a list of " + String.join(",", Arrays.stream(values()).map(Service::label).toList()))));
    }
    return new ArrayList<>(chosen);
  }
}
