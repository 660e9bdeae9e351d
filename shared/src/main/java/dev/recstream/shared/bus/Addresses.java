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

  /** Readiness probe of a service: request anything, reply {@code {"ok": true, ...}} or fail. */
  public static String health(String service) {
    return "recstream." + service + ".health";
  }
}
