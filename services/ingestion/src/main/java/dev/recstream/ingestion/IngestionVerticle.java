package dev.recstream.ingestion;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.config.RecstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intake of behavior events: the Kafka consumer of {@code recstream.events} and the HTTP bodies
 * the gateway forwards. Both validate every event (CONTRACT §1) and hand the valid ones to the
 * store; the answer to a client or the Kafka commit waits for the store's commit.
 */
public final class IngestionVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(IngestionVerticle.class);

  private KafkaIntake kafka;
  private HttpIntake http;

  @Override
  public Future<?> start() {
    RecstreamConfig cfg = RecstreamConfig.fromJson(config());
    http = new HttpIntake(vertx);
    Future<Void> kafkaStarted;
    if (cfg.kafkaBootstrap().isEmpty()) {
      LOG.warn("no Kafka broker configured (RECSTREAM_KAFKA_BOOTSTRAP): only HTTP intake runs");
      kafkaStarted = Future.succeededFuture();
    } else {
      kafka = new KafkaIntake(vertx, cfg);
      kafkaStarted = kafka.start();
    }
    Bus.install(vertx);
    return Future.all(
        kafkaStarted,
        Bus.serve(vertx, Addresses.INGEST_HTTP, http::handle),
        Bus.serve(vertx, Addresses.health("ingestion"), none -> health()));
  }

  @Override
  public Future<?> stop() {
    return kafka == null ? Future.succeededFuture() : kafka.stop();
  }

  private Future<JsonObject> health() {
    if (kafka == null) {
      return Future.succeededFuture(new JsonObject().put("ok", true).put("kafka", "not configured"));
    }
    return kafka.ping()
        .map(v -> new JsonObject().put("ok", true).put("kafka", "reachable"))
        .recover(e -> Future.failedFuture(Failures.unavailable("Kafka unreachable: " + e.getMessage())));
  }
}
