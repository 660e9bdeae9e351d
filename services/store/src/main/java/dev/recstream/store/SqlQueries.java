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
   * The newest item events of several users at once, newest first per user: $1 user ids, $2 how
   * many rows each.
   */
  static final String RECENT_ITEMS_OF_USERS = """
      SELECT u.user_id, r.item_id, r.seq
        FROM unnest($1::text[], $2::int[]) AS u(user_id, lim)
        CROSS JOIN LATERAL (
          SELECT item_id, seq FROM events
           WHERE events.user_id = u.user_id AND item_id IS NOT NULL
           ORDER BY ts DESC, seq DESC
           LIMIT u.lim) r""";

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

  static final String PING = "SELECT 1";
}
