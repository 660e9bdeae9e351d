package dev.recstream.store;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.AppendResult;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.CatalogPage;
import dev.recstream.shared.bus.DatasetPage;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.ErasedUser;
import dev.recstream.shared.bus.EventBatch;
import dev.recstream.shared.bus.EventsQuery;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.ModelEntry;
import dev.recstream.shared.bus.ModelList;
import dev.recstream.shared.bus.Experiment;
import dev.recstream.shared.bus.ExperimentId;
import dev.recstream.shared.bus.MetricsHistory;
import dev.recstream.shared.bus.ModelVersion;
import dev.recstream.shared.bus.ReplayEvents;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.SequenceUpdates;
import dev.recstream.shared.bus.StoredItem;
import dev.recstream.shared.bus.StoredItems;
import dev.recstream.shared.bus.UserEvents;
import dev.recstream.shared.bus.UserHistory;
import dev.recstream.shared.bus.UserQuery;
import dev.recstream.shared.catalog.CatalogItem;
import dev.recstream.shared.config.RecstreamConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequence store: the only service that talks to PostgreSQL. It applies the schema
 * migrations, stores event batches idempotently, announces each committed batch as
 * {@link SequenceUpdates} (and an import made straight into the database as it hears of it:
 * {@link ImportListener}), and answers reads of a user's events.
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
  private ExperimentStore experiments;
  private ImportListener imports;
  private CatalogSearch search;

  @Override
  public Future<?> start() {
    RecstreamConfig cfg = RecstreamConfig.fromJson(config());
    if (cfg.pgUrl() == null) {
      return Future.failedFuture(new IllegalStateException(
          "the store needs a PostgreSQL database: set RECSTREAM_PG_URL (postgresql://user:password@host:port/database)"));
    }
    PgConnectOptions connect = PgConnectOptions.fromUri(cfg.pgUrl()).setPipeliningLimit(16)
        .setCachePreparedStatements(true).setPreparedStatementCacheSqlFilter(CatalogSearch::keptPrepared);
    pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(cfg.pgPoolSize()).setConnectionTimeout(5).setMaxWaitQueueSize(1000))
        .connectingTo(connect)
        .using(vertx)
        .build();
    writer = new EventWriter(pool, cfg.storeBatchMax(), cfg.storeMaxPending(), this::announce);
    registry = new ModelRegistry(pool);
    experiments = new ExperimentStore(pool, registry);
    search = new CatalogSearch(pool);
    imports = new ImportListener(vertx, connect);
    Bus.install(vertx);
    return Migrations.apply(vertx, pool)
        .onSuccess(n -> LOG.info("store ready migrationsApplied={} db={}:{}/{}", n, connect.getHost(), connect.getPort(), connect.getDatabase()))
        .compose(n -> search.start())
        .compose(n -> Future.all(List.of(
            Bus.serve(vertx, Addresses.STORE_APPEND, this::append),
            Bus.serve(vertx, Addresses.STORE_EVENTS, this::eventsOfUser),
            Bus.serve(vertx, Addresses.STORE_REPLAY, this::replay),
            Bus.serve(vertx, Addresses.STORE_HISTORY, this::history),
            Bus.serve(vertx, Addresses.STORE_DATASET, this::datasetPage),
            Bus.serve(vertx, Addresses.STORE_MODELS, none -> registry.list().map(ModelList::new)
                .recover(e -> unavailable("model registry not readable: ", e))),
            Bus.serve(vertx, Addresses.STORE_MODEL, this::model),
            Bus.serve(vertx, Addresses.STORE_MODEL_REGISTER, entry -> registry.register(entry)
                .recover(e -> unavailable("model not registered: ", e))),
            Bus.serve(vertx, Addresses.STORE_MODEL_ACTIVATE, this::activateModel),
            Bus.serve(vertx, Addresses.STORE_ITEM_PUT, this::putItem),
            Bus.serve(vertx, Addresses.STORE_CATALOG, this::catalogPage),
            Bus.serve(vertx, Addresses.STORE_ITEMS, this::items),
            Bus.serve(vertx, Addresses.STORE_TEXT_SEARCH, search::search),
            Bus.serve(vertx, Addresses.STORE_ITEM_VECTORS, search::vectors),
            Bus.serve(vertx, Addresses.STORE_ITEM_VECTOR_PUT, search::putVector),
            Bus.serve(vertx, Addresses.STORE_SEARCH_FOLLOW_UPS, search::followUps),
            Bus.serve(vertx, Addresses.STORE_ERASE_USER, this::eraseUser),
            Bus.serve(vertx, Addresses.STORE_METRICS_SNAPSHOT, this::keepSnapshot),
            Bus.serve(vertx, Addresses.STORE_METRICS_HISTORY, this::metricsHistory),
            Bus.serve(vertx, Addresses.STORE_EXPERIMENT_CREATE, e -> experiments.create(e)
                .recover(err -> coded(err, "experiment not stored: "))),
            Bus.serve(vertx, Addresses.STORE_EXPERIMENTS, none -> experiments.list()
                .recover(err -> unavailable("experiments not readable: ", err))),
            Bus.serve(vertx, Addresses.STORE_EXPERIMENT, this::experiment),
            Bus.serve(vertx, Addresses.health("store"), none -> health()),
            imports.start())));
  }

  @Override
  public Future<?> stop() {
    return writer.drain().eventually(() -> Future.join(imports.stop(), pool.close()));
  }

  private static <T> Future<T> unavailable(String what, Throwable e) {
    return Future.failedFuture(Failures.unavailable(what + e.getMessage()));
  }

  private Future<AppendResult> append(EventBatch batch) {
    return writer.append(batch).recover(e -> {
      if (!(e instanceof EventWriter.OverloadedException)) {
        LOG.warn("event batch not stored reason={}", e.getMessage());
      }
      return unavailable("events not stored: ", e);
    });
  }

  private void announce(List<SequenceUpdate> updates) {
    SequenceUpdates batch = new SequenceUpdates(updates);
    Bus.publish(vertx, Addresses.EVENTS_STORED, batch);
    Bus.send(vertx, Addresses.SEQUENCE_UPDATED, batch);
  }

  private Future<UserEvents> eventsOfUser(EventsQuery query) {
    return pool.preparedQuery(SqlQueries.EVENTS_OF_USER).execute(Tuple.of(query.userId(), query.limit()))
        .map(rows -> {
          JsonArray events = new JsonArray();
          rows.forEach(row -> events.add(eventJson(row)));
          return new UserEvents(query.userId(), events);
        })
        .recover(e -> unavailable("events not readable: ", e));
  }

  private Future<ReplayEvents> replay(ReplayEvents.Query query) {
    int limit = Math.max(0, Math.min(MAX_REPLAY, query.limit()));
    return pool.preparedQuery(SqlQueries.NEWEST_ITEM_EVENTS).execute(Tuple.of(limit))
        .map(rows -> {
          List<ReplayEvents.UserItem> events = new ArrayList<>(rows.size());
          rows.forEach(row -> events.add(new ReplayEvents.UserItem(row.getString(0), row.getString(1))));
          return new ReplayEvents(events);
        })
        .recover(e -> unavailable("events not readable: ", e));
  }

  /** One user's recent items and purchases, newest first: the read behind an on-demand list. */
  private Future<UserHistory> history(UserQuery query) {
    Tuple params = Tuple.tuple()
        .addValue(new String[] {query.userId()})
        .addValue(new Integer[] {SequenceAssembler.RECENT_ITEMS})
        .addValue(SequenceAssembler.PURCHASES);
    return pool.preparedQuery(SqlQueries.RECENT_ITEMS_OF_USERS).execute(params)
        .map(rows -> {
          List<SequenceAssembler.RecentItem> items = new ArrayList<>();
          rows.forEach(row -> items.add(new SequenceAssembler.RecentItem(row.getString("item_id"), row.getLong("seq"), row.getBoolean("recent"))));
          return new UserHistory(query.userId(), SequenceAssembler.itemsUpTo(items, Long.MAX_VALUE),
              SequenceAssembler.purchasesUpTo(items, Long.MAX_VALUE));
        })
        .recover(e -> unavailable("history not readable: ", e));
  }

  private Future<DatasetPage> datasetPage(DatasetPage.Query query) {
    int limit = Math.max(1, Math.min(MAX_PAGE, query.limit()));
    return pool.preparedQuery(SqlQueries.DATASET_PAGE).execute(Tuple.of(query.afterSeq(), limit, query.newest()))
        .map(rows -> {
          List<DatasetPage.Row> page = new ArrayList<>(rows.size());
          rows.forEach(row -> page.add(new DatasetPage.Row(row.getLong(0), row.getString(1), row.getString(2),
              row.getString(3), EpochMicros.of(row.getOffsetDateTime(4).toInstant()), row.getString(5))));
          return new DatasetPage(page);
        })
        .recover(e -> unavailable("events not readable: ", e));
  }

  private Future<ModelEntry> model(ModelVersion query) {
    return registry.get(query.version())
        .recover(e -> unavailable("model registry not readable: ", e))
        .compose(entry -> entry.map(Future::succeededFuture).orElseGet(() -> notRegistered(query.version())));
  }

  private Future<ModelEntry> activateModel(ModelVersion query) {
    return registry.activate(query.version(), query.note())
        .recover(e -> unavailable("model not activated: ", e))
        .compose(entry -> entry.map(Future::succeededFuture).orElseGet(() -> notRegistered(query.version())));
  }

  private static Future<ModelEntry> notRegistered(String version) {
    return Future.failedFuture(Failures.notFound("version: no model '" + version + "' is registered"));
  }

  private Future<StoredItem> putItem(CatalogItem item) {
    return pool.preparedQuery(SqlQueries.UPSERT_ITEM)
        .execute(Tuple.of(item.itemId(), item.title(), item.brand(), item.category(), item.price(), item.available(),
            new JsonObject(new LinkedHashMap<>(item.attributes()))))
        .map(rows -> {
          Row row = rows.iterator().next();
          Bus.publish(vertx, Addresses.CATALOG_UPDATED, item);
          return new StoredItem(item, row.getOffsetDateTime("updated_at").toInstant().toString());
        })
        .recover(e -> unavailable("item not stored: ", e));
  }

  /** The catalog entries of the ids asked for that the catalog knows, in the order asked. */
  private Future<StoredItems> items(StoredItems.Query query) {
    return pool.preparedQuery(SqlQueries.ITEMS_BY_ID).execute(Tuple.of(query.ids().toArray(new String[0])))
        .map(rows -> {
          Map<String, StoredItem> byId = new HashMap<>();
          rows.forEach(row -> byId.put(row.getString("item_id"), new StoredItem(CatalogSearch.itemOf(row),
              row.getOffsetDateTime("updated_at").toInstant().toString())));
          return new StoredItems(query.ids().stream().distinct().map(byId::get).filter(Objects::nonNull).toList());
        })
        .recover(e -> unavailable("catalog not readable: ", e));
  }

  private Future<CatalogPage> catalogPage(CatalogPage.Query query) {
    int limit = Math.max(1, Math.min(MAX_PAGE, query.limit()));
    return pool.preparedQuery(SqlQueries.CATALOG_PAGE).execute(Tuple.of(query.after(), limit))
        .map(rows -> {
          List<CatalogPage.Entry> items = new ArrayList<>(rows.size());
          rows.forEach(row -> items.add(new CatalogPage.Entry(row.getString(0), row.getString(1), row.getBoolean(2))));
          return new CatalogPage(items);
        })
        .recover(e -> unavailable("catalog not readable: ", e));
  }

  /** Reads an experiment or moves it; after a move every scoring node hears of it. */
  private Future<Experiment> experiment(ExperimentId request) {
    return experiments.readOrMove(request)
        .onSuccess(e -> {
          if (request.status() != null) {
            LOG.info("experiment {} id={} variants={}", e.status(), e.id(), e.variants());
            Bus.publish(vertx, Addresses.EXPERIMENT_CHANGED, e);
          }
        })
        .recover(err -> coded(err, "experiment not readable: "));
  }

  /** A coded failure (400, 404, 409) passes as it is; a database failure becomes 503. */
  private static <T> Future<T> coded(Throwable e, String what) {
    return Failures.isCoded(e) ? Future.failedFuture(e) : unavailable(what, e);
  }

  /** Keeps a minute's metrics, and drops those older than history serves. */
  private Future<Void> keepSnapshot(MetricsHistory.Snapshot snapshot) {
    OffsetDateTime minute = snapshot.minute().atOffset(ZoneOffset.UTC);
    return pool.preparedQuery(SqlQueries.INSERT_METRICS_SNAPSHOT).execute(Tuple.of(minute, snapshot.figures()))
        .compose(v -> pool.preparedQuery(SqlQueries.PRUNE_METRICS_SNAPSHOTS)
            .execute(Tuple.of(minute.minus(MetricsHistory.KEPT))))
        .<Void>mapEmpty()
        .recover(e -> unavailable("metrics snapshot not stored: ", e));
  }

  private Future<MetricsHistory> metricsHistory(MetricsHistory.Query query) {
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(query.minutes());
    return pool.preparedQuery(SqlQueries.METRICS_HISTORY).execute(Tuple.of(since))
        .map(rows -> {
          List<MetricsHistory.Snapshot> snapshots = new ArrayList<>(rows.size());
          rows.forEach(row -> snapshots.add(new MetricsHistory.Snapshot(
              row.getOffsetDateTime("minute").toInstant(), (JsonObject) row.getValue("figures"))));
          return new MetricsHistory(snapshots);
        })
        .recover(e -> unavailable("metrics history not readable: ", e));
  }

  /**
   * {@code DELETE /v1/users/{userId}}: removes the user's events, then tells every service that
   * derives state from them to forget the user.
   */
  private Future<ErasedUser> eraseUser(UserQuery query) {
    return pool.preparedQuery(SqlQueries.ERASE_USER).execute(Tuple.of(query.userId()))
        .map(rows -> {
          LOG.info("user erased erasedEvents={}", rows.rowCount());
          Bus.publish(vertx, Addresses.USER_ERASED, query);
          return new ErasedUser(query.userId(), rows.rowCount());
        })
        .recover(e -> unavailable("user not erased: ", e));
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

  /**
   * Readiness: the database answers. The registry's active model goes with it, so the readiness
   * page can tell when scoring serves another one.
   */
  private Future<JsonObject> health() {
    return pool.query(SqlQueries.ACTIVE_MODEL).execute()
        .map(rows -> new JsonObject().put("ok", true).put("queuedEvents", writer.queuedEvents())
            .put("activeModel", rows.size() == 0 ? null : rows.iterator().next().getString(0)))
        .recover(e -> unavailable("PostgreSQL unreachable: ", e));
  }
}
