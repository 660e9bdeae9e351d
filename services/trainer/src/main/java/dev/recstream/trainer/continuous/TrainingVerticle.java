package dev.recstream.trainer.continuous;

import dev.recstream.model.ModelPackages;
import dev.recstream.model.NextItemModel;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.streaming.Recommender;
import dev.recstream.model.streaming.StreamingModelAdapter;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.ModelList;
import dev.recstream.shared.bus.ModelVersion;
import dev.recstream.shared.bus.TrainingState;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.ModelEntry;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.shared.config.Setting;
import dev.recstream.trainer.TrainingBudget;
import dev.recstream.model.twostage.TwoStagePackage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous training: every {@code RECSTREAM_RETRAIN_MINUTES} (and on request) it reads the live
 * store, trains a two-stage challenger and compares it with the live model on the same validation
 * split ({@link ChallengerTrial}). A winner is written as a package into the model directory,
 * registered and activated on every scoring node; a loser is registered as {@code rejected} with
 * the verdict. Progress and outcomes go to the log and to {@code GET /v1/models} ({@code
 * training}). Runs never overlap; the training itself runs on one dedicated worker thread.
 */
public final class TrainingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingVerticle.class);

  /**
   * Most stored events one retrain reads (the newest): with the training budget, bounds the
   * trainer's memory and time.
   */
  static final long MAX_ROWS = 5_000_000;
  private static final long ACTIVATE_TIMEOUT_MS = 120_000;

  private ChallengerTrial trial;
  private TrainingBudget budget;
  /** Items the last retrain saw: the next one plans how many events it reads with them. */
  private long lastItems;
  private WorkerExecutor worker;
  private Path modelDir;
  private int intervalMinutes;
  private String phase = "idle";
  private long runs;
  private JsonObject lastRun;
  private Instant nextRunAt;

  public TrainingVerticle() {
    this(new ChallengerTrial());
  }

  /** With trial options of its own (tests: smaller minimum of users). */
  public TrainingVerticle(ChallengerTrial trial) {
    this.trial = trial;
  }

  @Override
  public Future<?> start() {
    RecstreamConfig cfg = RecstreamConfig.fromJson(config());
    modelDir = cfg.modelDir() == null ? null : Path.of(cfg.modelDir());
    intervalMinutes = cfg.retrainMinutes();
    budget = TrainingBudget.parse(cfg.trainingMemory(), Setting.TRAINING_MEMORY.envVar());
    trial = trial.withBudget(budget);
    worker = vertx.createSharedWorkerExecutor("recstream-training", 1, 6, TimeUnit.HOURS);
    if (modelDir == null) {
      LOG.info("continuous training off: no model directory (RECSTREAM_MODEL_DIR) to write packages to");
    } else if (intervalMinutes == 0) {
      LOG.info("continuous training off (RECSTREAM_RETRAIN_MINUTES=0); POST /v1/models/retrain runs one");
    } else {
      long period = TimeUnit.MINUTES.toMillis(intervalMinutes);
      nextRunAt = Instant.now().plusMillis(period);
      vertx.setPeriodic(period, id -> {
        nextRunAt = Instant.now().plusMillis(period);
        if (phase.equals("idle")) {
          retrain("schedule");
        } else {
          LOG.info("scheduled retrain skipped: the previous one is still running phase={}", phase);
        }
      });
      LOG.info("continuous training every {} minutes modelDir={}", intervalMinutes, modelDir);
    }
    Bus.install(vertx);
    return Future.all(
        Bus.serve(vertx, Addresses.TRAINING_STATUS, none -> Future.succeededFuture(status())),
        Bus.serve(vertx, Addresses.TRAINING_RUN, none -> runNow()));
  }

  @Override
  public Future<?> stop() {
    return worker.close();
  }

  private Future<TrainingState> runNow() {
    if (modelDir == null) {
      return Future.failedFuture(Failures.conflict("training needs a model directory to write packages to: set RECSTREAM_MODEL_DIR"));
    }
    if (!phase.equals("idle")) {
      return Future.failedFuture(Failures.conflict("a retrain is already running (phase " + phase + ")"));
    }
    retrain("request");
    return Future.succeededFuture(status());
  }

  private TrainingState status() {
    return new TrainingState(modelDir != null && intervalMinutes > 0, intervalMinutes, phase, runs,
        nextRunAt == null ? null : nextRunAt.toString(), lastRun == null ? null : lastRun.copy());
  }

  /** One retrain, start to end; the future never fails (the outcome is recorded instead). */
  Future<JsonObject> retrain(String trigger) {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    long version = ModelVersions.next();
    phase = "reading";
    long maxRows = Math.min(MAX_ROWS, budget.eventsWithin(lastItems));
    LOG.info("retrain started trigger={} version={} maxEvents={} budget={}", trigger, version, maxRows, budget.describe());
    if (maxRows < 1) {
      // Not even the smallest training fits: say so where an operator looks, and keep serving.
      return finish(trigger, started, startedAt, Future.succeededFuture(new JsonObject().put("outcome", "skipped")
          .put("reason", "the training budget of " + budget.describe() + " holds no training of "
              + String.format(Locale.ROOT, "%,d", lastItems) + " items; raise "
              + Setting.TRAINING_MEMORY.envVar() + " or the heap (-Xmx)")));
    }
    return finish(trigger, started, startedAt, StoreDatasetReader.read(vertx, "live store", maxRows,
            rows -> LOG.debug("retrain reading rows={}", rows))
        .compose(data -> activeModel().compose(live -> {
          lastItems = data.items().size();
          phase = "training";
          LOG.info("retrain training users={} items={} actions={} live={}", data.users().size(), data.items().size(),
              data.actions(), live.map(ModelEntry::version).orElse("none"));
          return worker.executeBlocking(() -> trainAndJudge(data, live.orElse(null), version), false);
        }))
        .compose(verdict -> {
          phase = "registering";
          return conclude(verdict);
        }));
  }

  /** Records the outcome of a retrain; the future never fails. */
  private Future<JsonObject> finish(String trigger, long started, Instant startedAt, Future<JsonObject> run) {
    return run
        .recover(e -> {
          LOG.warn("retrain failed reason={}", e.getMessage(), e);
          return Future.succeededFuture(new JsonObject().put("outcome", "failed").put("reason", String.valueOf(e.getMessage())));
        })
        .map(result -> {
          result.put("trigger", trigger).put("startedAt", startedAt.toString()).put("finishedAt", Instant.now().toString())
              .put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
          lastRun = result;
          runs++;
          phase = "idle";
          LOG.info("retrain finished outcome={} version={} summary={}", result.getString("outcome"),
              result.getString("version"), result.getString("summary", result.getString("reason")));
          return result;
        });
  }

  /** What a trial decided, and the package a winner was written to. */
  private record Verdict(String version, TrialOutcome outcome, Path packageDir) {}

  private Verdict trainAndJudge(SequenceDataset data, ModelEntry live, long version) throws Exception {
    String label = TwoStagePackage.KIND + "-" + version;
    Recommender served = null;
    try {
      NextItemModel liveModel;
      if (live == null || live.path() == null) {
        // The streaming model learns from the stream: refitting it on the split is what it would know.
        liveModel = new StreamingModelAdapter("live");
      } else {
        served = ModelPackages.open(live);
        liveModel = new RecommenderModel("live", served, data.items());
      }
      TrialOutcome outcome = trial.run(data, liveModel);
      Path dir = null;
      if (!outcome.isSkipped() && outcome.challengerWins()) {
        dir = modelDir.resolve(label);
        trial.writeWinner(data, outcome, dir, ChallengerTrial.trainingSummary(data).put("source", "live store"), version);
      }
      return new Verdict(label, outcome, dir);
    } finally {
      if (served instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private Future<JsonObject> conclude(Verdict verdict) {
    TrialOutcome outcome = verdict.outcome();
    JsonObject result = new JsonObject().put("version", verdict.version()).put("summary", outcome.summary());
    if (outcome.isSkipped()) {
      return Future.succeededFuture(result.put("outcome", "skipped"));
    }
    if (verdict.packageDir() == null) {
      JsonObject metrics = new JsonObject(outcome.challenger().asReportEntry()).put(ChallengerTrial.LIVE_NDCG_KEY, outcome.liveNdcg());
      ModelEntry rejected = ModelEntry.registration(verdict.version(), TwoStagePackage.KIND, null, Instant.now().toString(),
          metrics, new JsonObject().put("source", "live store"), "rejected", "retrain: " + outcome.summary() + "; no package written");
      return Bus.request(vertx, Addresses.STORE_MODEL_REGISTER, rejected)
          .map(registered -> result.put("outcome", "rejected"));
    }
    return vertx.executeBlocking(() -> ModelPackages.read(verdict.packageDir()), false)
        .compose(entry -> Bus.request(vertx, Addresses.STORE_MODEL_REGISTER, entry.withStatus(null, "retrain: " + outcome.summary())))
        .compose(registered -> Bus.request(vertx, Addresses.SCORING_ACTIVATE,
            new ModelVersion(verdict.version(), "retrain: " + outcome.summary()),
            new DeliveryOptions().setSendTimeout(ACTIVATE_TIMEOUT_MS)))
        .map(activated -> result.put("outcome", "activated").put("path", verdict.packageDir().toString()));
  }

  private Future<Optional<ModelEntry>> activeModel() {
    return Bus.request(vertx, Addresses.STORE_MODELS, null).map(ModelList::active);
  }
}
