package dev.recstream.store;

import dev.recstream.shared.bus.Experiment;
import dev.recstream.shared.bus.ExperimentId;
import dev.recstream.shared.bus.ExperimentList;
import dev.recstream.shared.bus.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The experiments table: create a draft (its models must be registered), list, read, and move a
 * draft to running or a running experiment to stopped — each move one conditional UPDATE, so two
 * concurrent starts cannot both win.
 */
final class ExperimentStore {
  /** PostgreSQL's unique_violation: the one-running index refused a concurrent start. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  private final ModelRegistry registry;

  ExperimentStore(Pool pool, ModelRegistry registry) {
    this.pool = pool;
    this.registry = registry;
  }

  /** Stores a draft: 400 naming a variant whose model is not registered, 409 when the id is taken. */
  Future<Experiment> create(Experiment experiment) {
    return unknownModels(experiment).compose(unknown -> {
      if (!unknown.isEmpty()) {
        return Future.failedFuture(Failures.badRequest(String.join("; ", unknown)));
      }
      JsonArray variants = new JsonArray();
      experiment.variants().forEach(v -> variants.add(new JsonObject().put("name", v.name()).put("model", v.model())
          .put("weight", v.weight())));
      return pool.preparedQuery(SqlQueries.INSERT_EXPERIMENT)
          .execute(Tuple.of(experiment.id(), experiment.name(), variants, experiment.control()))
          .compose(rows -> rows.size() == 0
              ? Future.failedFuture(Failures.conflict("id: an experiment '" + experiment.id() + "' exists already"))
              : Future.succeededFuture(experiment(rows.iterator().next())));
    });
  }

  private Future<List<String>> unknownModels(Experiment experiment) {
    List<Future<String>> checks = new ArrayList<>();
    for (int i = 0; i < experiment.variants().size(); i++) {
      String field = "variants[" + i + "].model";
      String model = experiment.variants().get(i).model();
      checks.add(registry.get(model).map(entry -> entry.isPresent() ? null
          : field + ": no model '" + model + "' in the registry (GET /v1/models lists them)"));
    }
    return Future.all(checks).map(all -> checks.stream().map(Future::result).filter(m -> m != null).toList());
  }

  Future<ExperimentList> list() {
    return pool.query(SqlQueries.EXPERIMENTS).execute().map(rows -> new ExperimentList(experiments(rows)));
  }

  /** Reads the experiment, or moves it to the status asked for: 404 unknown, 409 a move not allowed. */
  Future<Experiment> readOrMove(ExperimentId request) {
    if (request.status() == null) {
      return read(request.id());
    }
    String sql = switch (request.status()) {
      case Experiment.RUNNING -> SqlQueries.START_EXPERIMENT;
      case Experiment.STOPPED -> SqlQueries.STOP_EXPERIMENT;
      default -> throw new IllegalArgumentException("status: running or stopped, was " + request.status());
    };
    return pool.preparedQuery(sql).execute(Tuple.of(request.id()))
        .recover(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.failedFuture(Failures.conflict("another experiment started at the same time: one runs at a time"))
            : Future.failedFuture(e))
        .compose(rows -> rows.size() > 0 ? Future.succeededFuture(experiment(rows.iterator().next()))
            : whyNot(request));
  }

  private Future<Experiment> read(String id) {
    return pool.preparedQuery(SqlQueries.EXPERIMENT).execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Failures.notFound("no experiment '" + id + "'"))
            : Future.succeededFuture(experiment(rows.iterator().next())));
  }

  /** The 404 or 409 for a move that changed no row. */
  private Future<Experiment> whyNot(ExperimentId request) {
    return read(request.id()).compose(current -> {
      if (Experiment.RUNNING.equals(request.status()) && Experiment.DRAFT.equals(current.status())) {
        return list().compose(all -> Future.failedFuture(Failures.conflict("experiment '"
            + all.running().map(Experiment::id).orElse("?") + "' is running: stop it first (one runs at a time)")));
      }
      String allowed = Experiment.RUNNING.equals(request.status()) ? "only a draft starts" : "only a running experiment stops";
      return Future.failedFuture(Failures.conflict("experiment '" + current.id() + "' is " + current.status() + ": " + allowed));
    });
  }

  private static List<Experiment> experiments(RowSet<Row> rows) {
    List<Experiment> experiments = new ArrayList<>(rows.size());
    rows.forEach(row -> experiments.add(experiment(row)));
    return experiments;
  }

  private static Experiment experiment(Row row) {
    JsonArray variants = (JsonArray) row.getValue("variants");
    List<Experiment.Variant> list = new ArrayList<>(variants.size());
    for (int i = 0; i < variants.size(); i++) {
      JsonObject v = variants.getJsonObject(i);
      list.add(new Experiment.Variant(v.getString("name"), v.getString("model"), v.getDouble("weight")));
    }
    return new Experiment(row.getString("id"), row.getString("name"), row.getString("status"), list,
        row.getString("control"), instant(row, "created_at"), instant(row, "started_at"), instant(row, "stopped_at"));
  }

  private static String instant(Row row, String column) {
    OffsetDateTime at = row.getOffsetDateTime(column);
    return at == null ? null : at.toInstant().toString();
  }
}
