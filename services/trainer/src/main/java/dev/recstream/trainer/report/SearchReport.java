package dev.recstream.trainer.report;

import dev.recstream.model.SequenceDataset;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one {@code recstream eval --task search} run: every ranker on the same users and
 * candidates, a table per candidate set, written as {@code report.json} and {@code report.md}.
 * Models that failed keep a row with their reason, so a failure never hides the others' results.
 */
public final class SearchReport {
  /** The protocol's name in report.json. */
  public static final String PROTOCOL = "search-attribute-queries";

  /**
   * How the run was set up.
   *
   * @param validation whether the targets were the validation items (test items held back)
   * @param scoredUsers users whose held-out item was queried
   * @param skippedUsers evaluated users whose held-out item has no attributes, so no query
   * @param seed the seed of the user sample and the tie-breaking order
   */
  public record Setup(boolean validation, int scoredUsers, int skippedUsers, long seed) {}

  /** One ranker's means over the scored users ({@code MRR}, {@code NDCG@10}, {@code HR@10}). */
  public record RankerResult(String ranker, Map<String, Double> metrics) {
    public RankerResult {
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
  }

  /**
   * One candidate set's table.
   *
   * @param name {@code all} or {@code any}
   * @param description what the set holds, for the table's heading
   * @param medianCandidates median number of candidates per user
   * @param meanCandidates mean number of candidates per user
   * @param meanTextTies mean number of candidates with at least the target's text score, the
   *     target among them: how many items the text score alone cannot tell from the target
   * @param rankers the rankers that worked, in order
   */
  public record CandidateSetResult(String name, String description, double medianCandidates, double meanCandidates,
      double meanTextTies, List<RankerResult> rankers) {
    public CandidateSetResult {
      rankers = List.copyOf(rankers);
    }
  }

  /** One point of the personal-weight sweep: a model's means with that personal weight. */
  public record SweepPoint(String model, String candidateSet, double personalWeight, Map<String, Double> metrics) {
    public SweepPoint {
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
  }

  /** A model's wall times: fit, and the pass that scored and ranked every user. */
  public record ModelTiming(String model, double trainSeconds, double rankSeconds) {}

  /** The ranker name of a model's personal ranking, e.g. {@code personal:cooc}. */
  public static String personalRanker(String model) {
    return "personal:" + model;
  }

  private final String datasetName;
  private final long users;
  private final int items;
  private final long actions;
  private final Setup setup;
  private final List<CandidateSetResult> sets;
  private final List<SweepPoint> sweep;
  private final List<ModelTiming> timings;
  private final List<ModelFailure> failures;

  /**
   * @param sweep empty unless the run scored the validation items
   * @param failures the models that failed, each reported under its ranker name {@code
   *     personal:<model>}
   */
  public SearchReport(SequenceDataset dataset, Setup setup, List<CandidateSetResult> sets, List<SweepPoint> sweep,
      List<ModelTiming> timings, List<ModelFailure> failures) {
    this.datasetName = dataset.name();
    this.users = dataset.users().size();
    this.items = dataset.items().size();
    this.actions = dataset.actions();
    this.setup = setup;
    this.sets = List.copyOf(sets);
    this.sweep = List.copyOf(sweep);
    this.timings = List.copyOf(timings);
    this.failures = List.copyOf(failures);
  }

  public Setup setup() {
    return setup;
  }

  /** The candidate sets' tables, {@code all} first. */
  public List<CandidateSetResult> sets() {
    return sets;
  }

  /** The personal-weight sweep; empty unless the validation items were scored. */
  public List<SweepPoint> sweep() {
    return sweep;
  }

  /** The models that failed, each with its reason; empty when all worked. */
  public List<ModelFailure> failures() {
    return failures;
  }

  /**
   * The dataset summary, the setup, per candidate set its sizes and a metrics object per ranker,
   * the models' times or errors ({@code {"error": "<reason>"}}), and the sweep when there is one.
   */
  public JsonObject toJson() {
    JsonObject candidateSets = new JsonObject();
    for (CandidateSetResult set : sets) {
      JsonObject rankers = new JsonObject();
      set.rankers().forEach(r -> rankers.put(r.ranker(), new JsonObject(new LinkedHashMap<>(r.metrics()))));
      candidateSets.put(set.name(), new JsonObject().put("description", set.description())
          .put("medianCandidates", set.medianCandidates()).put("meanCandidates", set.meanCandidates())
          .put("meanTextTies", set.meanTextTies()).put("rankers", rankers));
    }
    JsonObject models = new JsonObject();
    timings.forEach(t -> models.put(t.model(), new JsonObject().put("trainSeconds", t.trainSeconds()).put("rankSeconds", t.rankSeconds())));
    failures.forEach(f -> models.put(f.modelName(), new JsonObject().put("error", f.reason())));
    JsonObject json = new JsonObject()
        .put("dataset", new JsonObject().put("name", datasetName).put("users", users).put("items", items).put("actions", actions))
        .put("protocol", PROTOCOL)
        .put("view", setup.validation() ? "validation" : "test")
        .put("seed", setup.seed())
        .put("users", new JsonObject().put("scored", setup.scoredUsers()).put("skippedNoAttributes", setup.skippedUsers()))
        .put("candidateSets", candidateSets)
        .put("models", models);
    if (!sweep.isEmpty()) {
      json.put("personalWeightSweep", sweepJson());
    }
    return json;
  }

  /** {@code {model: {set: {weight: metrics}}}}, weights as decimal strings ("0.6"). */
  private JsonObject sweepJson() {
    JsonObject byModel = new JsonObject();
    for (SweepPoint p : sweep) {
      JsonObject byModelSet = byModel.getJsonObject(p.model());
      if (byModelSet == null) {
        byModel.put(p.model(), byModelSet = new JsonObject());
      }
      JsonObject bySet = byModelSet.getJsonObject(p.candidateSet());
      if (bySet == null) {
        byModelSet.put(p.candidateSet(), bySet = new JsonObject());
      }
      bySet.put(Double.toString(p.personalWeight()), new JsonObject(new LinkedHashMap<>(p.metrics())));
    }
    return byModel;
  }

  /** Markdown: the setup, a table per candidate set, the sweep, the models' times and what the protocol can show. */
  public String toMarkdown() {
    return SearchTables.render(datasetName, users, items, actions, setup, sets, sweep, timings, failures);
  }

  /**
   * Writes report.json and report.md into {@code dir} (created if missing), and each failed
   * model's stack trace as {@link ModelFailure#stackTraceFile()}.
   */
  public void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.json"), toJson().encodePrettily(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), toMarkdown(), StandardCharsets.UTF_8);
    for (ModelFailure failure : failures) {
      Files.writeString(dir.resolve(failure.stackTraceFile()), failure.stackTrace(), StandardCharsets.UTF_8);
    }
  }
}
