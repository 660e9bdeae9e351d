package dev.recstream.store;

/** Every SQL statement of the store, parameterized, in one place. */
final class SqlQueries {
  private SqlQueries() {}

  static final String CREATE_MIGRATIONS_TABLE = """
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer     PRIMARY KEY,
        name       text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())""";

  /** An arbitrary constant key ("recs" in ASCII) for the migration advisory lock. */
  static final String LOCK_MIGRATIONS = "SELECT pg_advisory_lock(1919247219)";

  static final String UNLOCK_MIGRATIONS = "SELECT pg_advisory_unlock(1919247219)";

  static final String APPLIED_MIGRATIONS = "SELECT version FROM schema_migrations";

  static final String RECORD_MIGRATION = "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)";

  /**
   * One statement stores a whole batch: parallel arrays unnested into rows. Rows whose event_id
   * exists (redelivery, client retry, or a duplicate inside the batch) are skipped; RETURNING names
   * the rows that are new, with their storage order.
   */
  static final String INSERT_EVENTS = """
      INSERT INTO events (event_id, user_id, item_id, type, ts, session_id, query, value, context)
      SELECT e, u, i, t, ts, s, q, v, c::jsonb
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                    $6::text[], $7::text[], $8::float8[], $9::text[]) AS x(e, u, i, t, ts, s, q, v, c)
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id, seq""";

  /**
   * Bulk import: the same idempotent insert without RETURNING (nobody waits for per-row answers
   * and no pushes follow an import).
   */
  static final String BULK_INSERT_EVENTS = """
      INSERT INTO events (event_id, user_id, item_id, type, ts, session_id, query, value, context)
      SELECT e, u, i, t, ts, s, q, v, c::jsonb
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                    $6::text[], $7::text[], $8::float8[], $9::text[]) AS x(e, u, i, t, ts, s, q, v, c)
      ON CONFLICT (event_id) DO NOTHING""";

  /**
   * The channel on which an import straight into the database tells the store services (who
   * {@code LISTEN}) that rows arrived behind the live stream's back.
   */
  static final String IMPORT_CHANNEL = "recstream_imported";

  /** The channel a bulk catalog import notifies once its rows and vectors are committed. */
  static final String CATALOG_CHANNEL = "recstream_catalog_imported";

  /**
   * $1 channel, $2 payload (JSON of an {@code ImportedEvents}): delivered to every listener once
   * the statement commits, so after every row of the import that preceded it.
   */
  static final String NOTIFY = "SELECT pg_notify($1, $2)";

  /**
   * The newest item events of several users at once, newest first per user ({@code recent} =
   * true), then each user's newest purchases ({@code recent} = false): $1 user ids, $2 how many
   * recent rows each, $3 how many purchases each.
   */
  static final String RECENT_ITEMS_OF_USERS = """
      SELECT u.user_id, r.item_id, r.seq, r.recent
        FROM unnest($1::text[], $2::int[]) AS u(user_id, lim)
        CROSS JOIN LATERAL (
          (SELECT item_id, seq, true AS recent FROM events
            WHERE events.user_id = u.user_id AND item_id IS NOT NULL
            ORDER BY ts DESC, seq DESC
            LIMIT u.lim)
          UNION ALL
          (SELECT item_id, seq, false FROM events
            WHERE events.user_id = u.user_id AND type = 'purchase' AND item_id IS NOT NULL
            ORDER BY ts DESC, seq DESC
            LIMIT $3)) r""";

  /** The items a user purchased, newest first: $1 user id, $2 how many. */
  static final String PURCHASES_OF_USER = """
      SELECT DISTINCT ON (item_id) item_id, ts FROM (
        SELECT item_id, ts FROM events
         WHERE user_id = $1 AND type = 'purchase' AND item_id IS NOT NULL
         ORDER BY ts DESC, seq DESC
         LIMIT $2) p""";

  static final String EVENTS_OF_USER = """
      SELECT event_id, user_id, item_id, type, ts, session_id, query, value, context::text
        FROM events WHERE user_id = $1
       ORDER BY ts DESC, seq DESC
       LIMIT $2""";

  /** The newest $1 item events in storage order, for a model to replay at start-up. */
  static final String NEWEST_ITEM_EVENTS = """
      SELECT user_id, item_id FROM (
        SELECT user_id, item_id, seq FROM events
         WHERE item_id IS NOT NULL
         ORDER BY seq DESC
         LIMIT $1) newest
       ORDER BY seq""";

  /** The readiness probe: proves the database answers, and says which model the registry calls active. */
  static final String ACTIVE_MODEL = "SELECT version FROM models WHERE status = 'active'";

  /** GDPR erase: every stored event of user $1. */
  static final String ERASE_USER = "DELETE FROM events WHERE user_id = $1";

  // ---- model registry ----

  private static final String MODEL_COLUMNS =
      "version, kind, path, created, registered_at, metrics::text, training::text, status, note, activated_at";

  static final String MODELS = "SELECT " + MODEL_COLUMNS + " FROM models ORDER BY registered_at DESC, version DESC";

  static final String MODEL = "SELECT " + MODEL_COLUMNS + " FROM models WHERE version = $1";

  /**
   * Registers a version, or refreshes what a package says about itself; the status a version has
   * reached (active, retired, rejected) is kept unless $8 names a new one.
   */
  static final String REGISTER_MODEL = """
      INSERT INTO models (version, kind, path, created, metrics, training, note, status)
      VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, coalesce($8, 'registered'))
      ON CONFLICT (version) DO UPDATE SET
        kind = excluded.kind, path = excluded.path, created = excluded.created,
        metrics = excluded.metrics, training = excluded.training,
        note = coalesce(excluded.note, models.note),
        status = coalesce($8, models.status)
      RETURNING\s""" + MODEL_COLUMNS;

  /** Run in one transaction with {@link #ACTIVATE_MODEL}: the unique index allows one active row. */
  static final String RETIRE_ACTIVE_MODEL =
      "UPDATE models SET status = 'retired' WHERE status = 'active' AND version <> $1";

  static final String ACTIVATE_MODEL = """
      UPDATE models SET status = 'active', activated_at = now(), note = coalesce($2, note)
       WHERE version = $1
      RETURNING\s""" + MODEL_COLUMNS;

  // ---- catalog ----

  /**
   * Stores an item and learns its words for typo correction: $1 id, $2 title, $3 brand, $4
   * category, $5 price, $6 available, $7 attributes (jsonb). A change of its text leaves its stored
   * vector behind: the vector's source no longer matches ({@link #ITEM_VECTORS_PAGE}).
   */
  static final String UPSERT_ITEM = """
      WITH upserted AS (
        INSERT INTO items AS i (item_id, title, brand, category, price, available, attributes, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, now())
        ON CONFLICT (item_id) DO UPDATE SET
          title = excluded.title, brand = excluded.brand, category = excluded.category, price = excluded.price,
          available = excluded.available, attributes = excluded.attributes, updated_at = now()
        RETURNING item_id, updated_at, search_text),
      words AS (
        INSERT INTO search_words (word)
        SELECT DISTINCT w FROM upserted, regexp_split_to_table(lower(upserted.search_text), '[^[:alnum:]]+') w
         WHERE w <> ''
        ON CONFLICT DO NOTHING)
      SELECT item_id, updated_at FROM upserted""";

  /** Every word of the catalog, for typo correction: after a bulk import that bypassed {@link #UPSERT_ITEM}. */
  static final String LEARN_ALL_SEARCH_WORDS = """
      INSERT INTO search_words (word)
      SELECT DISTINCT w FROM items, regexp_split_to_table(lower(search_text), '[^[:alnum:]]+') w WHERE w <> ''
      ON CONFLICT DO NOTHING""";

  /** Whether pg_trgm is installed: without it, {@link #TEXT_SEARCH_EXACT} serves instead of {@link #TEXT_SEARCH}. */
  static final String HAS_TRIGRAMS = "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'";

  /**
   * The full-text matches of a query among available items, best first: $1 the query, $2 how
   * many. Each query word of 4 letters or more that no catalog text holds is first replaced by the
   * nearest catalog word by trigrams ({@code lipstik} → {@code lipstick}); {@code %s} is where
   * that happens. An item matches when it holds any query word; its rank is 1 when it holds every
   * one, plus {@code ts_rank} (title words weigh most, length-normalised). The CTEs are
   * materialised so the queries are built once, not per row. Reply rows: item_id, rank, the
   * corrected query.
   */
  private static final String TEXT_SEARCH_TEMPLATE = """
      WITH words AS MATERIALIZED (
        SELECT w, ord FROM regexp_split_to_table(lower($1), '[^[:alnum:]]+') WITH ORDINALITY AS t(w, ord) WHERE w <> ''),
      fixed AS MATERIALIZED (
        SELECT coalesce(string_agg(%s, ' ' ORDER BY ord), '') AS text FROM words),
      q AS MATERIALIZED (
        SELECT plainto_tsquery('english', fixed.text) AS every,
               replace(plainto_tsquery('english', fixed.text)::text, ' & ', ' | ')::tsquery AS some,
               fixed.text
          FROM fixed)
      SELECT i.item_id,
             (numnode(q.every) > 0 AND i.search_doc @@ q.every)::int + ts_rank(i.search_doc, q.some, 1) AS rank,
             q.text AS corrected
        FROM items i, q
       WHERE i.available AND i.search_doc @@ q.some
       ORDER BY rank DESC, i.item_id
       LIMIT $2""";

  static final String TEXT_SEARCH = TEXT_SEARCH_TEMPLATE.formatted("""
      coalesce(
          (SELECT s.word FROM search_words s WHERE s.word = words.w),
          (SELECT s.word FROM search_words s WHERE length(words.w) >= 4 AND s.word % words.w ORDER BY s.word <-> words.w LIMIT 1),
          words.w)""");

  static final String TEXT_SEARCH_EXACT = TEXT_SEARCH_TEMPLATE.formatted("words.w");

  /**
   * What users did after their newest $1 searches: each search's user's item events from it to 30
   * minutes on, before their next search; oldest search first. Rows: query, item_id, type.
   */
  static final String SEARCH_FOLLOW_UPS = """
      WITH newest AS (
        SELECT seq, user_id, query, ts FROM events WHERE type = 'search' ORDER BY seq DESC LIMIT $1),
      searches AS (
        SELECT seq, user_id, query, ts, lead(ts) OVER (PARTITION BY user_id ORDER BY ts, seq) AS next_ts FROM newest)
      SELECT s.query, e.item_id, e.type
        FROM searches s
        JOIN events e ON e.user_id = s.user_id AND e.ts >= s.ts AND e.ts <= s.ts + interval '30 minutes'
                     AND (s.next_ts IS NULL OR e.ts < s.next_ts)
       WHERE e.type IN ('view', 'click', 'add_to_cart', 'purchase')
       ORDER BY s.seq, e.ts, e.seq""";

  /**
   * A page of the catalog with vectors: $1 after this id, $2 page size. An item's vector is
   * returned only while it was computed from the item's current text (sql/V6__item_vectors.sql).
   */
  static final String ITEM_VECTORS_PAGE = """
      SELECT i.item_id, i.title, i.brand, i.category, i.price, i.available, i.attributes, v.embedding, v.embedding_model
        FROM items i
        LEFT JOIN item_vectors v
          ON v.item_id = i.item_id AND v.source = item_text_digest(i.title, i.brand, i.category, i.attributes)
       WHERE i.item_id > $1 ORDER BY i.item_id LIMIT $2""";

  /**
   * Keeps a vector computed from the item's text, unless that text changed since: $1 id, $2 the
   * vector, $3 the model, $4 title, $5 brand, $6 category, $7 attributes.
   */
  static final String PUT_ITEM_VECTOR = """
      INSERT INTO item_vectors (item_id, source, embedding, embedding_model)
      SELECT item_id, item_text_digest(title, brand, category, attributes), $2, $3
        FROM items
       WHERE item_id = $1 AND (title, brand, category, attributes) IS NOT DISTINCT FROM ($4, $5, $6, $7)
      ON CONFLICT (item_id) DO UPDATE SET
        source = excluded.source, embedding = excluded.embedding, embedding_model = excluded.embedding_model""";

  /** Catalog entries by id: $1 the ids (text[]), answered in no particular order. */
  static final String ITEMS_BY_ID = """
      SELECT item_id, title, brand, category, price, available, attributes, updated_at FROM items WHERE item_id = ANY($1)""";

  /** The catalog entries rules care about, paged by item id: $1 after this id, $2 page size. */
  static final String CATALOG_PAGE = """
      SELECT item_id, category, available FROM items
       WHERE item_id > $1 AND (category IS NOT NULL OR NOT available)
       ORDER BY item_id LIMIT $2""";

  // ---- training data ----

  /**
   * Stored item events in storage order with their item's category, paged by seq: $1 after this
   * seq, $2 page size.
   */
  /** $3 > 0: start no earlier than the newest $3 item events (a backward walk of the seq index). */
  static final String DATASET_PAGE = """
      SELECT e.seq, e.user_id, e.item_id, e.type, e.ts, i.category
        FROM events e LEFT JOIN items i ON i.item_id = e.item_id
       WHERE e.seq > greatest($1, (SELECT coalesce(min(n.seq), 1) - 1
                                     FROM (SELECT seq FROM events WHERE item_id IS NOT NULL
                                            ORDER BY seq DESC LIMIT $3) n))
         AND e.item_id IS NOT NULL
       ORDER BY e.seq LIMIT $2""";

  // ---- metrics history ----

  /** The snapshot of one minute; the first one written for a minute wins (cluster nodes agree). */
  static final String INSERT_METRICS_SNAPSHOT = """
      INSERT INTO metric_snapshots (minute, figures) VALUES ($1, $2) ON CONFLICT (minute) DO NOTHING""";

  /** Snapshots older than $1, which history no longer serves. */
  static final String PRUNE_METRICS_SNAPSHOTS = "DELETE FROM metric_snapshots WHERE minute < $1";

  /** The snapshots since $1, oldest first. */
  static final String METRICS_HISTORY = """
      SELECT minute, figures FROM metric_snapshots WHERE minute >= $1 ORDER BY minute""";

  // ---- experiments ----

  private static final String EXPERIMENT_COLUMNS =
      "id, name, status, variants, control, created_at, started_at, stopped_at";

  /** A new draft; no row back when the id is taken. */
  static final String INSERT_EXPERIMENT = "INSERT INTO experiments (id, name, variants, control) VALUES ($1, $2, $3, $4)"
      + " ON CONFLICT (id) DO NOTHING RETURNING " + EXPERIMENT_COLUMNS;

  static final String EXPERIMENTS = "SELECT " + EXPERIMENT_COLUMNS + " FROM experiments ORDER BY created_at DESC, id";

  static final String EXPERIMENT = "SELECT " + EXPERIMENT_COLUMNS + " FROM experiments WHERE id = $1";

  /** Starts a draft unless another experiment runs (the unique index backs this up). */
  static final String START_EXPERIMENT = "UPDATE experiments SET status = 'running', started_at = now()"
      + " WHERE id = $1 AND status = 'draft' AND NOT EXISTS (SELECT 1 FROM experiments WHERE status = 'running')"
      + " RETURNING " + EXPERIMENT_COLUMNS;

  static final String STOP_EXPERIMENT = "UPDATE experiments SET status = 'stopped', stopped_at = now()"
      + " WHERE id = $1 AND status = 'running' RETURNING " + EXPERIMENT_COLUMNS;
}
