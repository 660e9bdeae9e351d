package dev.recstream.store;

import dev.recstream.shared.bus.ModelEntry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model registry table: versions with their offline metrics and status. Activation retires
 * the previous active version in the same transaction, so readers never see two or none mid-swap.
 */
final class ModelRegistry {
  private final Pool pool;

  ModelRegistry(Pool pool) {
    this.pool = pool;
  }

  Future<List<ModelEntry>> list() {
    return pool.query(SqlQueries.MODELS).execute().map(rows -> {
      List<ModelEntry> entries = new ArrayList<>();
      rows.forEach(row -> entries.add(entry(row)));
      return entries;
    });
  }

  Future<Optional<ModelEntry>> get(String version) {
    return pool.preparedQuery(SqlQueries.MODEL).execute(Tuple.of(version))
        .map(rows -> rows.size() == 0 ? Optional.<ModelEntry>empty() : Optional.of(entry(rows.iterator().next())));
  }

  Future<ModelEntry> register(ModelEntry e) {
    Tuple params = Tuple.tuple()
        .addValue(e.version())
        .addValue(e.kind())
        .addValue(e.path())
        .addValue(e.created() == null ? null : OffsetDateTime.parse(e.created()))
        // A JsonObject is sent as jsonb; a String would be stored as a JSON string.
        .addValue(e.metrics())
        .addValue(e.training())
        .addValue(e.note())
        .addValue(e.status());
    return pool.preparedQuery(SqlQueries.REGISTER_MODEL).execute(params).map(rows -> entry(rows.iterator().next()));
  }

  /** Marks {@code version} active; empty when no such version is registered. */
  Future<Optional<ModelEntry>> activate(String version, String note) {
    return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.RETIRE_ACTIVE_MODEL).execute(Tuple.of(version))
        .compose(retired -> conn.preparedQuery(SqlQueries.ACTIVATE_MODEL).execute(Tuple.of(version, note)))
        .map(rows -> rows.size() == 0 ? Optional.<ModelEntry>empty() : Optional.of(entry(rows.iterator().next()))));
  }

  private static ModelEntry entry(Row row) {
    return new ModelEntry(
        row.getString("version"),
        row.getString("kind"),
        row.getString("path"),
        iso(row.getOffsetDateTime("created")),
        iso(row.getOffsetDateTime("registered_at")),
        new JsonObject(row.getString("metrics")),
        new JsonObject(row.getString("training")),
        row.getString("status"),
        row.getString("note"),
        iso(row.getOffsetDateTime("activated_at")));
  }

  private static String iso(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
