package dev.recstream.store;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.EventBatch;
import dev.recstream.shared.bus.EventsQuery;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.ModelEntry;
import dev.recstream.shared.catalog.CatalogItem;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.SequenceUpdates;
import dev.recstream.shared.config.RecstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
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

  /** Most rows one training-data page or catalog page holds. */
  static final int MAX_PAGE = 50_000;

  private Pool pool;
  private EventWriter writer;
  private ModelRegistry registry;

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
    registry = new ModelRegistry(pool);
    return Migrations.apply(vertx, pool)
        .onSuccess(n -> LOG.info("store ready migrationsApplied={} db={}:{}/{}", n, connect.getHost(), connect.getPort(), connect.getDatabase()))
        .compose(n -> Future.all(List.of(
            consume(Addresses.STORE_APPEND, this::append),
            consume(Addresses.STORE_EVENTS, this::eventsOfUser),
            consume(Addresses.STORE_REPLAY, this::replay),
            consume(Addresses.STORE_HISTORY, this::history),
            consume(Addresses.STORE_DATASET, this::datasetPage),
            consume(Addresses.STORE_MODELS, this::models),
            consume(Addresses.STORE_MODEL, this::model),
            consume(Addresses.STORE_MODEL_REGISTER, this::registerModel),
            consume(Addresses.STORE_MODEL_ACTIVATE, this::activateModel),
            consume(Addresses.STORE_ITEM_PUT, this::putItem),
            consume(Addresses.STORE_CATALOG, this::catalogPage),
            consume(Addresses.STORE_ERASE_USER, this::eraseUser),
            consume(Addresses.health("store"), this::health))));
  }

  private Future<Void> consume(String address, Handler<Message<JsonObject>> handler) {
    return vertx.eventBus().<JsonObject>consumer(address, handler).completion();
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

  /** One user's recent items and purchases, newest first: the read behind an on-demand list. */
  private void history(Message<JsonObject> message) {
    String userId = message.body().getString("userId");
    Tuple params = Tuple.tuple()
        .addValue(new String[] {userId})
        .addValue(new Integer[] {SequenceAssembler.RECENT_ITEMS})
        .addValue(SequenceAssembler.PURCHASES);
    pool.preparedQuery(SqlQueries.RECENT_ITEMS_OF_USERS).execute(params)
        .onSuccess(rows -> {
          List<SequenceAssembler.RecentItem> items = new java.util.ArrayList<>();
          rows.forEach(row -> items.add(new SequenceAssembler.RecentItem(row.getString("item_id"), row.getLong("seq"), row.getBoolean("recent"))));
          message.reply(new JsonObject().put("userId", userId)
              .put("recentItems", new JsonArray(SequenceAssembler.itemsUpTo(items, Long.MAX_VALUE)))
              .put("purchasedItems", new JsonArray(SequenceAssembler.purchasesUpTo(items, Long.MAX_VALUE))));
        })
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "history not readable: " + e.getMessage()));
  }

  private void datasetPage(Message<JsonObject> message) {
    long afterSeq = message.body().getLong("afterSeq", 0L);
    int limit = Math.max(1, Math.min(MAX_PAGE, message.body().getInteger("limit", MAX_PAGE)));
    pool.preparedQuery(SqlQueries.DATASET_PAGE).execute(Tuple.of(afterSeq, limit))
        .onSuccess(rows -> {
          JsonArray page = new JsonArray();
          rows.forEach(row -> page.add(new JsonArray()
              .add(row.getLong(0)).add(row.getString(1)).add(row.getString(2)).add(row.getString(3))
              .add(EpochMicros.of(row.getOffsetDateTime(4).toInstant())).add(row.getString(5))));
          message.reply(new JsonObject().put("rows", page));
        })
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "events not readable: " + e.getMessage()));
  }

  private void models(Message<JsonObject> message) {
    registry.list()
        .onSuccess(entries -> message.reply(new JsonObject().put("models",
            new JsonArray(entries.stream().map(ModelEntry::toJson).toList()))))
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "model registry not readable: " + e.getMessage()));
  }

  private void model(Message<JsonObject> message) {
    String version = message.body().getString("version");
    registry.get(version)
        .onSuccess(entry -> entry.ifPresentOrElse(e -> message.reply(e.toJson()),
            () -> message.fail(Failures.NOT_FOUND, "version: no model '" + version + "' is registered")))
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "model registry not readable: " + e.getMessage()));
  }

  private void registerModel(Message<JsonObject> message) {
    registry.register(ModelEntry.fromJson(message.body()))
        .onSuccess(entry -> message.reply(entry.toJson()))
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "model not registered: " + e.getMessage()));
  }

  private void activateModel(Message<JsonObject> message) {
    String version = message.body().getString("version");
    registry.activate(version, message.body().getString("note"))
        .onSuccess(entry -> entry.ifPresentOrElse(e -> message.reply(e.toJson()),
            () -> message.fail(Failures.NOT_FOUND, "version: no model '" + version + "' is registered")))
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "model not activated: " + e.getMessage()));
  }

  private void putItem(Message<JsonObject> message) {
    CatalogItem item = CatalogItem.fromJson(message.body());
    pool.preparedQuery(SqlQueries.UPSERT_ITEM)
        .execute(Tuple.of(item.itemId(), item.title(), item.category(), item.price(), item.available()))
        .onSuccess(rows -> {
          Row row = rows.iterator().next();
          JsonObject stored = item.toJson().put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
          vertx.eventBus().publish(Addresses.CATALOG_UPDATED, item.toJson());
          message.reply(stored);
        })
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "item not stored: " + e.getMessage()));
  }

  private void catalogPage(Message<JsonObject> message) {
    String after = message.body().getString("after", "");
    int limit = Math.max(1, Math.min(MAX_PAGE, message.body().getInteger("limit", MAX_PAGE)));
    pool.preparedQuery(SqlQueries.CATALOG_PAGE).execute(Tuple.of(after, limit))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(new JsonArray().add(row.getString(0)).add(row.getString(1)).add(row.getBoolean(2))));
          message.reply(new JsonObject().put("items", items));
        })
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "catalog not readable: " + e.getMessage()));
  }

  /**
   * {@code DELETE /v1/users/{userId}}: removes the user's events, then tells every service that
   * derives state from them to forget the user.
   */
  private void eraseUser(Message<JsonObject> message) {
    String userId = message.body().getString("userId");
    pool.preparedQuery(SqlQueries.ERASE_USER).execute(Tuple.of(userId))
        .onSuccess(rows -> {
          LOG.info("user erased erasedEvents={}", rows.rowCount());
          vertx.eventBus().publish(Addresses.USER_ERASED, new JsonObject().put("userId", userId));
          message.reply(new JsonObject().put("userId", userId).put("erasedEvents", rows.rowCount()));
        })
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "user not erased: " + e.getMessage()));
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

  private void health(Message<JsonObject> message) {
    pool.query(SqlQueries.PING).execute()
        .onSuccess(rows -> message.reply(new JsonObject().put("ok", true).put("queuedEvents", writer.queuedEvents())))
        .onFailure(e -> message.fail(Failures.UNAVAILABLE, "PostgreSQL unreachable: " + e.getMessage()));
  }
}
