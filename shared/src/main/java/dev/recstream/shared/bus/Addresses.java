package dev.recstream.shared.bus;

/**
 * Every event-bus address recstream's services use, in one place. Request/reply addresses are
 * served by one node of the owning service (the bus load-balances them); publish addresses reach
 * every consumer on every node.
 */
public final class Addresses {
  private Addresses() {}

  /** gateway → ingestion, request: a raw HTTP intake body ({@link IntakeRequest}); reply {@link HttpReply}. */
  public static final String INGEST_HTTP = "recstream.ingestion.http";

  /** ingestion → store, request: {@link EventBatch}; reply {@link AppendResult}. */
  public static final String STORE_APPEND = "recstream.store.append";

  /** request: {@link EventsQuery}; reply {@code {"userId", "events": [...]}}, newest first. */
  public static final String STORE_EVENTS = "recstream.store.events";

  /**
   * request {@code {"limit": n}}; reply {@code {"events": [[userId, itemId], ...]}}: the newest n
   * item events in storage order, for a streaming model to replay when its node starts.
   */
  public static final String STORE_REPLAY = "recstream.store.replay";

  /** store → scoring, send: {@link SequenceUpdates} of one committed batch, in storage order. */
  public static final String SEQUENCE_UPDATED = "recstream.sequence.updated";

  /** store → everyone who learns or counts, publish: the same {@link SequenceUpdates}. */
  public static final String EVENTS_STORED = "recstream.events.stored";

  /** ingestion → metrics, publish: {@link IntakeStats} of one intake call or Kafka poll. */
  public static final String EVENTS_INTAKE = "recstream.events.intake";

  /** scoring → gateways and metrics, publish: {@link Recommendations} after a stored event. */
  public static final String RECS_UPDATED = "recstream.recs.updated";

  /** gateway → scoring, request: {@link RecommendationQuery}; reply {@link Recommendations}. */
  public static final String SCORING_RECOMMEND = "recstream.scoring.recommend";

  /**
   * gateway → scoring, request {@code {"itemId", "k"}}; reply {@code {"itemId", "items": [...]}},
   * or failure {@link Failures#NOT_FOUND} when the model does not know the item.
   */
  public static final String SCORING_SIMILAR = "recstream.scoring.similar";

  /** gateway → metrics, request: anything; reply the Prometheus text exposition as a string. */
  public static final String METRICS_SCRAPE = "recstream.metrics.scrape";

  /** gateway → metrics, request: anything; reply the JSON summary of {@code GET /v1/metrics}. */
  public static final String METRICS_SUMMARY = "recstream.metrics.summary";

  /** request {@code {}}; reply {@code {"models": [ModelEntry…]}}, newest registration first. */
  public static final String STORE_MODELS = "recstream.store.models";

  /** request {@code {"version"}}; reply {@link ModelEntry}, or {@link Failures#NOT_FOUND}. */
  public static final String STORE_MODEL = "recstream.store.model";

  /** request: a {@link ModelEntry} (status null keeps the stored one); reply the stored entry. */
  public static final String STORE_MODEL_REGISTER = "recstream.store.model.register";

  /**
   * request {@code {"version", "note"}}: marks the version active and the previous one retired, in
   * one transaction; reply the entry, or {@link Failures#NOT_FOUND}.
   */
  public static final String STORE_MODEL_ACTIVATE = "recstream.store.model.activate";

  /**
   * request {@code {"userId"}}; reply {@code {"recentItems": [...], "purchasedItems": [...]}},
   * newest first: what scoring needs to answer for one user.
   */
  public static final String STORE_HISTORY = "recstream.store.history";

  /** request: {@link CatalogItem}; reply the stored item. Publishes {@link #CATALOG_UPDATED}. */
  public static final String STORE_ITEM_PUT = "recstream.store.item.put";

  /**
   * request {@code {"after", "limit"}}; reply {@code {"items": [[itemId, category, available]…]}}:
   * a page, by item id, of the catalog entries business rules act on.
   */
  public static final String STORE_CATALOG = "recstream.store.catalog";

  /** store → scoring nodes, publish: a {@link CatalogItem} that was stored. */
  public static final String CATALOG_UPDATED = "recstream.catalog.updated";

  /**
   * request {@code {"afterSeq", "limit"}}; reply {@code {"rows": [[seq, userId, itemId, type,
   * tsMicros, category]…]}}: stored item events in storage order, for training.
   */
  public static final String STORE_DATASET = "recstream.store.dataset";

  /** gateway → scoring, request {@code {"version"}}: open and serve that model; reply {@link ModelEntry}. */
  public static final String SCORING_ACTIVATE = "recstream.scoring.activate";

  /** gateway → scoring, request {@code {"path"}}: read a package and register it; reply {@link ModelEntry}. */
  public static final String SCORING_REGISTER = "recstream.scoring.register";

  /** scoring → every scoring node, publish: a {@link ModelEntry} that became active. */
  public static final String MODEL_ACTIVATED = "recstream.model.activated";

  /** gateway → training, request {@code {}}; reply the continuous training state, or no handler. */
  public static final String TRAINING_STATUS = "recstream.training.status";

  /**
   * gateway → training, request {@code {}}: start a retrain now; reply the training state, or
   * {@link Failures#CONFLICT} when one is running or no model directory is configured.
   */
  public static final String TRAINING_RUN = "recstream.training.run";

  /**
   * gateway → store, request {@code {"userId"}}: delete every stored event of the user; reply
   * {@code {"userId", "erasedEvents"}}. Publishes {@link #USER_ERASED} after the commit.
   */
  public static final String STORE_ERASE_USER = "recstream.store.erase";

  /**
   * store → every service that keeps state derived from a user's events, publish {@code
   * {"userId"}}: forget the user (GDPR erase).
   */
  public static final String USER_ERASED = "recstream.user.erased";

  /** Readiness probe of a service: request anything, reply {@code {"ok": true, ...}} or fail. */
  public static String health(String service) {
    return "recstream." + service + ".health";
  }
}
