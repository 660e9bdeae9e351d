package dev.recstream.store;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.EventBatch;
import dev.recstream.shared.bus.EventsQuery;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.SequenceUpdates;
import dev.recstream.shared.config.RecstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequence store: the only service that talks to PostgreSQL. It applies the schema
 * migrations, stores event batches idempotently, announces each committed batch as
 * {@link SequenceUpdates}, and answers reads of a user's events.
 */
public final class StoreVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StoreVerticle.class);

  /** Most events one replay request returns (a few MB of JSON). */
  static final int MAX_REPLAY = 200_000;

  private Pool pool;
  private EventWriter writer;

  @Override
  public Future<?> start() {
    RecstreamConfig cfg = RecstreamConfig.fromJson(config());
    if (cfg.pgUrl() == null) {
      return Future.failedFuture(new IllegalStateException(
          "the store needs a PostgreSQL database: set RECSTREAM_PG_URL (postgresql://user:password@host:port/database)"));
    }
    PgConnectOptions connect = PgConnectOptions.fromUri(cfg.pgUrl()).setPipeliningLimit(16);
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(cfg.pgPoolSize()).setConnectionTimeout(5).setMaxWaitQueueSize(1000))
        .connectingTo(connect)
        .using(vertx)
        .build();
    writer = new EventWriter(pool, cfg.storeBatchMax(), cfg.storeMaxPending(), this::announce);
    return Migrations.apply(vertx, pool)
        .onSuccess(n -> LOG.info("store ready migrationsApplied={} db={}:{}/{}", n, connect.getHost(), connect.getPort(), connect.getDatabase()))
        .compose(n -> Future.all(
            vertx.eventBus().<JsonObject>consumer(Addresses.STORE_APPEND, this::append).completion(),
            vertx.eventBus().<JsonObject>consumer(Addresses.STORE_EVENTS, this::eventsOfUser).completion(),
            vertx.eventBus().<JsonObject>consumer(Addresses.STORE_REPLAY, this::replay).completion(),
            vertx.eventBus().consumer(Addresses.health("store"), this::health).completion()));
  }

  @Override
  public Future<?> stop() {
    return writer.drain().eventually(() -> pool.close());
  }

  private void append(Message<JsonObject> message) {
    writer.append(EventBatch.fromJson(message.body()))
        .onSuccess(result -> message.reply(result.toJson()))
        .onFailure(e -> {
          if (!(e instanceof EventWriter.OverloadedException)) {
            LOG.warn("event batch not stored reason={}", e.getMessage());
          }
          message.fail(Failures.UNAVAILABLE, "events not stored: " + e.getMessage());
        });
  }

  private void announce(List<SequenceUpdate> updates) {
    JsonObject body = new SequenceUpdates(updates).toJson();
    vertx.eventBus().publish(Addresses.EVENTS_STORED, body);
    vertx.eventBus().send(Addresses.SEQUENCE_UPDATED, body);
  }

  private void eventsOfUser(Message<JsonObject> message) {
    EventsQuery query = EventsQuery.fromJson(message.body());
    pool.preparedQuery(SqlQueries.EVENTS_OF_USER).execute(Tuple.of(query.userId(), query.limit()))
        .onSuccess(rows -> {
          JsonArray events = new JsonArray();
          rows.forEach(row -> events.add(eventJson(row)));
          message.reply(new JsonObject().put("userId", query.userId()).put("events", events));
        })
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "events not readable: " + e.getMessage()));
  }

  private void replay(Message<JsonObject> message) {
    int limit = Math.max(0, Math.min(MAX_REPLAY, message.body().getInteger("limit", 0)));
    pool.preparedQuery(SqlQueries.NEWEST_ITEM_EVENTS).execute(Tuple.of(limit))
        .onSuccess(rows -> {
          JsonArray events = new JsonArray();
          rows.forEach(row -> events.add(new JsonArray().add(row.getString(0)).add(row.getString(1))));
          message.reply(new JsonObject().put("events", events));
        })
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "events not readable: " + e.getMessage()));
  }

  /** A stored row in the wire form of CONTRACT §1 (absent optional fields left out). */
  private static JsonObject eventJson(Row row) {
    JsonObject json = new JsonObject()
        .put("eventId", row.getString("event_id"))
        .put("userId", row.getString("user_id"))
        .put("type", row.getString("type"))
        .put("ts", row.getOffsetDateTime("ts").toInstant().toString());
    putIfPresent(json, "itemId", row.getString("item_id"));
    putIfPresent(json, "sessionId", row.getString("session_id"));
    putIfPresent(json, "query", row.getString("query"));
    putIfPresent(json, "value", row.getDouble("value"));
    String context = row.getString("context");
    if (context != null) {
      json.put("context", new JsonObject(context));
    }
    return json;
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  private void health(Message<Object> message) {
    pool.query(SqlQueries.PING).execute()
        .onSuccess(rows -> message.reply(new JsonObject().put("ok", true).put("queuedEvents", writer.queuedEvents())))
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "PostgreSQL unreachable: " + e.getMessage()));
  }
}
