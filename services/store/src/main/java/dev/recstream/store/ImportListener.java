package dev.recstream.store;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.ImportedEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears imports made straight into PostgreSQL ({@code recstream import} without {@code --http},
 * {@link BulkLoader#announce}): their rows reach the events table without passing this store, so
 * no {@code events.stored} tells the scoring nodes. The importer's {@code NOTIFY} on {@link
 * SqlQueries#IMPORT_CHANNEL} is published as {@link Addresses#EVENTS_IMPORTED} instead, and a
 * catalog import's on {@link SqlQueries#CATALOG_CHANNEL} as {@link Addresses#CATALOG_IMPORTED}.
 *
 * <p>Listens on a connection of its own (a pooled one cannot hold a {@code LISTEN}), reconnected
 * for as long as the store runs. PostgreSQL keeps no notice for a listener that is away, so an
 * import finished while the connection was down is seen at the next restart, as before.
 */
final class ImportListener {
  private static final Logger LOG = LoggerFactory.getLogger(ImportListener.class);
  private static final long MAX_RECONNECT_DELAY_MS = 30_000;

  private final Vertx vertx;
  private final PgSubscriber subscriber;

  ImportListener(Vertx vertx, PgConnectOptions connect) {
    this.vertx = vertx;
    this.subscriber = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(ImportListener::reconnectDelay);
    subscriber.channel(SqlQueries.IMPORT_CHANNEL)
        .subscribeHandler(v -> LOG.info("listening for imports channel={}", SqlQueries.IMPORT_CHANNEL))
        .handler(this::notified);
    subscriber.channel(SqlQueries.CATALOG_CHANNEL)
        .handler(payload -> {
          LOG.info("catalog imported into the store: scoring nodes reload it");
          Bus.publish(vertx, Addresses.CATALOG_IMPORTED, null);
        });
  }

  /**
   * Connects and listens. Never fails: without it the store still works, and imports are only
   * seen at the next restart, which the warning says.
   */
  Future<Void> start() {
    return subscriber.connect().otherwise(e -> {
      LOG.warn("imports straight into PostgreSQL are seen only after a restart: LISTEN {} failed reason={}",
          SqlQueries.IMPORT_CHANNEL, e.getMessage());
      return null;
    });
  }

  Future<Void> stop() {
    return subscriber.close();
  }

  /** Half a second after a lost connection, doubling to at most 30 s, for as long as the store runs. */
  static long reconnectDelay(int attempt) {
    return Math.min(MAX_RECONNECT_DELAY_MS, 500L << Math.min(attempt, 6));
  }

  private void notified(String payload) {
    ImportedEvents imported = parse(payload);
    LOG.info("events imported into the store source={} events={} users={} items={}", imported.source(),
        imported.events(), imported.users(), imported.items());
    Bus.publish(vertx, Addresses.EVENTS_IMPORTED, imported);
  }

  /**
   * The importer's JSON; anything else (a bare {@code NOTIFY recstream_imported} after loading rows
   * by other means) is still a notice, with counts unknown.
   */
  static ImportedEvents parse(String payload) {
    if (payload == null || payload.isBlank()) {
      return ImportedEvents.unknown();
    }
    try {
      return ImportedEvents.fromJson(new JsonObject(payload));
    } catch (DecodeException | ClassCastException e) {
      return ImportedEvents.unknown();
    }
  }
}
