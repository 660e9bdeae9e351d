package dev.recstream.shared.bus;

import dev.recstream.shared.catalog.CatalogItem;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Every event-bus address recstream's services use, in one place, each with the types that travel
 * on it. Request/reply addresses are served by one node of the owning service (the bus
 * load-balances them); one-way addresses are sent to one consumer or published to every consumer
 * on every node, as their documentation says. Use them through {@link Bus}.
 */
public final class Addresses {
  private Addresses() {}

  // ---- the live path ----

  /** gateway → ingestion: a raw HTTP intake body; reply what became of it. */
  public static final Address<IntakeRequest, IntakeOutcome> INGEST_HTTP =
      Address.requestReply("recstream.ingestion.http", IntakeRequest.WIRE, IntakeOutcome.WIRE);

  /** ingestion → store: validated events; reply once every one of them is durable. */
  public static final Address<EventBatch, AppendResult> STORE_APPEND =
      Address.requestReply("recstream.store.append", EventBatch.WIRE, AppendResult.WIRE);

  /** store → scoring, send: the sequence updates of one committed batch, in storage order. */
  public static final Address<SequenceUpdates, Void> SEQUENCE_UPDATED =
      Address.oneWay("recstream.sequence.updated", SequenceUpdates.WIRE);

  /** store → everyone who learns or counts, publish: the same updates. */
  public static final Address<SequenceUpdates, Void> EVENTS_STORED =
      Address.oneWay("recstream.events.stored", SequenceUpdates.WIRE);

  /**
   * store → everyone who learns from the stream, publish: events were imported straight into
   * PostgreSQL (the importer's {@code NOTIFY}), so nothing announced them one batch at a time.
   */
  public static final Address<ImportedEvents, Void> EVENTS_IMPORTED =
      Address.oneWay("recstream.events.imported", ImportedEvents.WIRE);

  /** ingestion → metrics, publish: the counts of one intake call or Kafka poll. */
  public static final Address<IntakeStats, Void> EVENTS_INTAKE =
      Address.oneWay("recstream.events.intake", IntakeStats.WIRE);

  /** scoring → gateways and metrics, publish: a fresh list after a stored event. */
  public static final Address<Recommendations, Void> RECS_UPDATED =
      Address.oneWay("recstream.recs.updated", Recommendations.WIRE);

  /**
   * gateway → metrics, publish: a list served by {@code GET …/recommendations}, with the latency
   * the gateway measured; pushes are counted from {@link #RECS_UPDATED}.
   */
  public static final Address<Recommendations, Void> RECS_SERVED =
      Address.oneWay("recstream.recs.served", Recommendations.WIRE);

  /** gateway → scoring: a user's current top-k. */
  public static final Address<RecommendationQuery, Recommendations> SCORING_RECOMMEND =
      Address.requestReply("recstream.scoring.recommend", RecommendationQuery.WIRE, Recommendations.WIRE);

  /** gateway → scoring: similar items; fails {@link Failures#NOT_FOUND} when the model does not know the item. */
  public static final Address<SimilarItems.Query, SimilarItems> SCORING_SIMILAR =
      Address.requestReply("recstream.scoring.similar", SimilarItems.Query.WIRE, SimilarItems.WIRE);

  // ---- reads of the store ----

  /** A user's stored events, newest first. */
  public static final Address<EventsQuery, UserEvents> STORE_EVENTS =
      Address.requestReply("recstream.store.events", EventsQuery.WIRE, UserEvents.WIRE);

  /** The newest item events in storage order, for a streaming model to replay when its node starts. */
  public static final Address<ReplayEvents.Query, ReplayEvents> STORE_REPLAY =
      Address.requestReply("recstream.store.replay", ReplayEvents.Query.WIRE, ReplayEvents.WIRE);

  /** One user's recent items and purchases: what scoring needs to answer for the user. */
  public static final Address<UserQuery, UserHistory> STORE_HISTORY =
      Address.requestReply("recstream.store.history", UserQuery.WIRE, UserHistory.WIRE);

  /** Stored item events in storage order, a page at a time, for training. */
  public static final Address<DatasetPage.Query, DatasetPage> STORE_DATASET =
      Address.requestReply("recstream.store.dataset", DatasetPage.Query.WIRE, DatasetPage.WIRE);

  // ---- catalog ----

  /** Stores a catalog item; publishes {@link #CATALOG_UPDATED}. */
  public static final Address<CatalogItem, StoredItem> STORE_ITEM_PUT =
      Address.requestReply("recstream.store.item.put", CatalogItem.WIRE, StoredItem.WIRE);

  /** A page, by item id, of the catalog entries business rules act on. */
  public static final Address<CatalogPage.Query, CatalogPage> STORE_CATALOG =
      Address.requestReply("recstream.store.catalog", CatalogPage.Query.WIRE, CatalogPage.WIRE);

  /** store → scoring nodes, publish: a catalog item that was stored. */
  public static final Address<CatalogItem, Void> CATALOG_UPDATED =
      Address.oneWay("recstream.catalog.updated", CatalogItem.WIRE);

  // ---- model registry, activation and training ----

  /** The registry, newest registration first. */
  public static final Address<Void, ModelList> STORE_MODELS =
      Address.requestReply("recstream.store.models", Wire.NONE, ModelList.WIRE);

  /** One registered version; fails {@link Failures#NOT_FOUND}. */
  public static final Address<ModelVersion, ModelEntry> STORE_MODEL =
      Address.requestReply("recstream.store.model", ModelVersion.WIRE, ModelEntry.WIRE);

  /** Registers a version (a null status keeps the stored one); reply the stored entry. */
  public static final Address<ModelEntry, ModelEntry> STORE_MODEL_REGISTER =
      Address.requestReply("recstream.store.model.register", ModelEntry.WIRE, ModelEntry.WIRE);

  /**
   * Marks the version active and the previous one retired, in one transaction; fails
   * {@link Failures#NOT_FOUND}.
   */
  public static final Address<ModelVersion, ModelEntry> STORE_MODEL_ACTIVATE =
      Address.requestReply("recstream.store.model.activate", ModelVersion.WIRE, ModelEntry.WIRE);

  /** gateway or training → scoring: open and serve that version, and mark it active. */
  public static final Address<ModelVersion, ModelEntry> SCORING_ACTIVATE =
      Address.requestReply("recstream.scoring.activate", ModelVersion.WIRE, ModelEntry.WIRE);

  /** gateway → scoring: read a package directory and register it. */
  public static final Address<PackagePath, ModelEntry> SCORING_REGISTER =
      Address.requestReply("recstream.scoring.register", PackagePath.WIRE, ModelEntry.WIRE);

  /** scoring → every scoring node, publish: a version that became active. */
  public static final Address<ModelEntry, Void> MODEL_ACTIVATED =
      Address.oneWay("recstream.model.activated", ModelEntry.WIRE);

  /** gateway → training: the continuous trainer's state (no handler when no node trains). */
  public static final Address<Void, TrainingState> TRAINING_STATUS =
      Address.requestReply("recstream.training.status", Wire.NONE, TrainingState.WIRE);

  /**
   * gateway → training: start a retrain now; fails {@link Failures#CONFLICT} when one is running
   * or no model directory is configured.
   */
  public static final Address<Void, TrainingState> TRAINING_RUN =
      Address.requestReply("recstream.training.run", Wire.NONE, TrainingState.WIRE);

  // ---- users ----

  /** Deletes every stored event of the user; publishes {@link #USER_ERASED} after the commit. */
  public static final Address<UserQuery, ErasedUser> STORE_ERASE_USER =
      Address.requestReply("recstream.store.erase", UserQuery.WIRE, ErasedUser.WIRE);

  /** store → every service that keeps state derived from a user's events, publish: forget the user. */
  public static final Address<UserQuery, Void> USER_ERASED =
      Address.oneWay("recstream.user.erased", UserQuery.WIRE);

  // ---- metrics ----

  /** gateway → metrics: the Prometheus text exposition. */
  public static final Address<Void, String> METRICS_SCRAPE =
      Address.requestReply("recstream.metrics.scrape", Wire.NONE, Wire.TEXT);

  /** gateway → metrics: the JSON document of {@code GET /v1/metrics}, returned as it is. */
  public static final Address<Void, JsonObject> METRICS_SUMMARY =
      Address.requestReply("recstream.metrics.summary", Wire.NONE, Wire.JSON);

  /** metrics → store: the snapshot of the minute just ended, kept for history; reply once stored. */
  public static final Address<MetricsHistory.Snapshot, Void> STORE_METRICS_SNAPSHOT =
      Address.requestReply("recstream.store.metrics.snapshot", MetricsHistory.Snapshot.WIRE, Wire.NONE);

  /** gateway → store: the persisted snapshots of the last minutes, oldest first. */
  public static final Address<MetricsHistory.Query, MetricsHistory> STORE_METRICS_HISTORY =
      Address.requestReply("recstream.store.metrics.history", MetricsHistory.Query.WIRE, MetricsHistory.WIRE);

  // ---- experiments ----

  /** gateway → store: a new experiment (draft); 409 when the id is taken, 400 naming an unknown model. */
  public static final Address<Experiment, Experiment> STORE_EXPERIMENT_CREATE =
      Address.requestReply("recstream.store.experiment.create", Experiment.WIRE, Experiment.WIRE);

  /** Every experiment, newest first. */
  public static final Address<Void, ExperimentList> STORE_EXPERIMENTS =
      Address.requestReply("recstream.store.experiments", Wire.NONE, ExperimentList.WIRE);

  /**
   * One experiment ({@code status} null), or its move to running or stopped: 404 unknown, 409 when
   * the move is not allowed (another is running; only a draft starts; only a running one stops).
   * The store publishes {@link #EXPERIMENT_CHANGED} after a move.
   */
  public static final Address<ExperimentId, Experiment> STORE_EXPERIMENT =
      Address.requestReply("recstream.store.experiment", ExperimentId.WIRE, Experiment.WIRE);

  /**
   * gateway → scoring: start an experiment. The node opens every variant's model first (409 when
   * one cannot be opened), then asks the store to mark it running.
   */
  public static final Address<ExperimentId, Experiment> SCORING_EXPERIMENT_START =
      Address.requestReply("recstream.scoring.experiment.start", ExperimentId.WIRE, Experiment.WIRE);

  /** store → every scoring node, publish: an experiment started or stopped. */
  public static final Address<Experiment, Void> EXPERIMENT_CHANGED =
      Address.oneWay("recstream.experiment.changed", Experiment.WIRE);

  /** gateway → metrics: the per-variant report of an experiment, as {@code GET /v1/experiments/{id}} shows it. */
  public static final Address<Experiment, JsonObject> METRICS_EXPERIMENT =
      Address.requestReply("recstream.metrics.experiment", Experiment.WIRE, Wire.JSON);

  /** gateways and scoring nodes → metrics, publish: failures they saw (see {@link ErrorCount}). */
  public static final Address<ErrorCount, Void> ERRORS_COUNTED =
      Address.oneWay("recstream.errors.counted", ErrorCount.WIRE);

  /** gateway → store: catalog entries by id (the dashboard's titles). */
  public static final Address<StoredItems.Query, StoredItems> STORE_ITEMS =
      Address.requestReply("recstream.store.items", StoredItems.Query.WIRE, StoredItems.WIRE);

  // ---- search ----

  /** gateway → scoring: {@code GET /v1/search}; 503 while the node's search index is loading. */
  public static final Address<SearchResults.Query, SearchResults> SCORING_SEARCH =
      Address.requestReply("recstream.scoring.search", SearchResults.Query.WIRE, SearchResults.WIRE);

  /** scoring → store: full-text and typo matches of a query among available items. */
  public static final Address<TextSearch.Query, TextSearch> STORE_TEXT_SEARCH =
      Address.requestReply("recstream.store.search.text", TextSearch.Query.WIRE, TextSearch.WIRE);

  /** scoring → store: a page of the catalog with each item's stored vector, for the search index. */
  public static final Address<ItemVectors.Query, ItemVectors> STORE_ITEM_VECTORS =
      Address.requestReply("recstream.store.item.vectors", ItemVectors.Query.WIRE, ItemVectors.WIRE);

  /** scoring → store: a vector computed for an item's current text; reply whether it was kept. */
  public static final Address<ItemVectors.Put, Boolean> STORE_ITEM_VECTOR_PUT =
      Address.requestReply("recstream.store.item.vector.put", ItemVectors.Put.WIRE, Wire.BOOLEAN);

  /** scoring → store: what users did after their newest searches, to rebuild query–item evidence. */
  public static final Address<SearchFollowUps.Query, SearchFollowUps> STORE_SEARCH_FOLLOW_UPS =
      Address.requestReply("recstream.store.search.followups", SearchFollowUps.Query.WIRE, SearchFollowUps.WIRE);

  /**
   * store → every scoring node, publish: a bulk catalog import committed (the importer's {@code
   * NOTIFY}): reload the catalog and its vectors.
   */
  public static final Address<Void, Void> CATALOG_IMPORTED =
      Address.oneWay("recstream.catalog.imported", Wire.NONE);

  /** Every address above: {@link Bus#install} registers the codecs of their types. */
  public static final List<Address<?, ?>> ALL = List.of(
      INGEST_HTTP, STORE_APPEND, SEQUENCE_UPDATED, EVENTS_STORED, EVENTS_IMPORTED, EVENTS_INTAKE, RECS_UPDATED, RECS_SERVED,
      SCORING_RECOMMEND, SCORING_SIMILAR, STORE_EVENTS, STORE_REPLAY, STORE_HISTORY, STORE_DATASET, STORE_ITEM_PUT, STORE_CATALOG,
      CATALOG_UPDATED, STORE_MODELS, STORE_MODEL, STORE_MODEL_REGISTER, STORE_MODEL_ACTIVATE, SCORING_ACTIVATE,
      SCORING_REGISTER, MODEL_ACTIVATED, TRAINING_STATUS, TRAINING_RUN, STORE_ERASE_USER, USER_ERASED,
      METRICS_SCRAPE, METRICS_SUMMARY, STORE_METRICS_SNAPSHOT, STORE_METRICS_HISTORY, STORE_EXPERIMENT_CREATE,
      STORE_EXPERIMENTS, STORE_EXPERIMENT, SCORING_EXPERIMENT_START, EXPERIMENT_CHANGED, METRICS_EXPERIMENT,
      STORE_ITEMS, ERRORS_COUNTED, SCORING_SEARCH, STORE_TEXT_SEARCH, STORE_ITEM_VECTORS, STORE_ITEM_VECTOR_PUT,
      STORE_SEARCH_FOLLOW_UPS, CATALOG_IMPORTED);

  /**
   * Readiness probe of a service: reply {@code {"ok": true, ...}} with what the service wants
   * the readiness page to show, or fail.
   */
  public static Address<Void, JsonObject> health(String service) {
    return Address.requestReply("recstream." + service + ".health", Wire.NONE, Wire.JSON);
  }
}
