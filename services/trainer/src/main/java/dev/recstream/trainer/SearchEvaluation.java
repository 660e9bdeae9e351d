package dev.recstream.trainer;

import dev.recstream.model.ItemAttributesAware;
import dev.recstream.model.NextItemModel;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSample;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.HeldOutItem;
import dev.recstream.model.eval.LeaveOneOut;
import dev.recstream.model.eval.Metrics;
import dev.recstream.model.eval.ProgressListener;
import dev.recstream.model.search.SearchBlend.Weights;
import dev.recstream.trainer.SearchQueries.CandidateSet;
import dev.recstream.trainer.report.ModelFailure;
import dev.recstream.trainer.report.SearchReport;
import dev.recstream.trainer.report.SearchReport.CandidateSetResult;
import dev.recstream.trainer.report.SearchReport.ModelTiming;
import dev.recstream.trainer.report.SearchReport.RankerResult;
import dev.recstream.trainer.report.SearchReport.SweepPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline evaluation of personalized search, after Ai et al. (SIGIR 2017): each evaluated
 * user searches for their held-out item with a query made of its attributes ({@link
 * SearchQueries}), and rankers order the matching items, the user's history left out. Every
 * ranker ranks with {@link dev.recstream.model.search.SearchBlend}, the served blend, on the same
 * users, candidates and tie order:
 *
 * <ul>
 *   <li>{@code text}: the text score alone;
 *   <li>{@code popularity}: training-count popularity alone;
 *   <li>{@code text+popularity}: {@link Weights#TEXT_AND_POPULARITY}, what a user without history
 *       gets;
 *   <li>{@code personal:<model>}: {@link Weights#DEFAULT}, the model's dense scores as the personal
 *       signal (no search events offline, so no query evidence).
 * </ul>
 *
 * <p>Two candidate sets are reported apart: {@code all} (items with every query
 * token) and {@code any} (at least one: what the served text search retrieves, full matches first).
 * With the validation view, each model is also ranked with the personal weights of {@link
 * #PERSONAL_SWEEP}, so the default can be checked without looking at the test items. Models are
 * fitted one at a time, and one that fails costs only its own rows.
 */
public final class SearchEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(SearchEvaluation.class);

  /** The cutoff of NDCG and HR: the first page of results. */
  public static final int K = 10;
  /** The personal weights the validation sweep tries, the others as in {@link Weights#DEFAULT}. */
  public static final List<Double> PERSONAL_SWEEP = List.of(0.0, 0.2, 0.6, 1.0, 2.0, 5.0);

  static final Weights TEXT = new Weights(1, 0, 0, 0);
  static final Weights POPULARITY = new Weights(0, 0, 0, 1);
  private static final Map<String, Weights> NON_PERSONAL = nonPersonal();
  private static final CandidateSet[] SETS = CandidateSet.values();

  private final SequenceDataset dataset;
  private final LeaveOneOut split;
  private final EvaluationOptions options;
  private final List<HeldOutItem> users;
  private final int skippedUsers;
  private final long[] tieSeeds;
  private final SearchQueries queries;
  private final double[] popularity;
  private final Map<CandidateSet, List<RankerResult>> rows = new EnumMap<>(CandidateSet.class);
  /** Per set: median and mean candidates, mean text ties (see {@link CandidateSetResult}). */
  private final Map<CandidateSet, double[]> sizes = new EnumMap<>(CandidateSet.class);
  private final List<SweepPoint> sweep = new ArrayList<>();
  private final List<ModelTiming> timings = new ArrayList<>();
  private final List<ModelFailure> failures = new ArrayList<>();

  private SearchEvaluation(SequenceDataset dataset, boolean validation, EvaluationOptions options) {
    this.dataset = dataset;
    this.split = validation ? LeaveOneOut.of(dataset).validationView() : LeaveOneOut.of(dataset);
    split.requireEvaluatedUsers();
    this.options = options;
    this.queries = new SearchQueries(dataset.itemAttributes(), split.numItems());
    List<HeldOutItem> queryable = split.heldOut().stream().filter(u -> queries.hasQuery(u.target())).toList();
    if (queryable.isEmpty()) {
      throw new IllegalArgumentException("data: no evaluated user's held-out item has attributes, so no search query "
          + "can be built (for the sequences format, put item2attributes.json beside the file)");
    }
    this.skippedUsers = split.heldOut().size() - queryable.size();
    this.users = sample(queryable, options);
    this.tieSeeds = tieSeeds(users.size(), options.seed());
    this.popularity = popularity(split.fitInput(), split.numItems());
    for (CandidateSet set : SETS) {
      rows.put(set, new ArrayList<>());
    }
  }

  /**
   * Evaluates the non-personal rankers, then each model's personal ranking.
   *
   * @param models names known to {@link ModelCatalog}, evaluated in the given order
   * @param options the seed (user sample and tie order), the most users to score and the threads
   * @param progressFor a progress listener per pass ({@code text}, then each model's name)
   * @param validation rank the validation items (second last), the test items held back, and add
   *     the personal-weight sweep
   * @param setup applied to each model before it is fitted (memory budget, epoch listener)
   * @throws IllegalArgumentException on an unknown model name, or when no user can be evaluated
   */
  public static SearchReport run(SequenceDataset dataset, List<String> models, EvaluationOptions options,
      Function<String, ProgressListener> progressFor, boolean validation, Consumer<NextItemModel> setup) {
    models.forEach(ModelCatalog::create); // an unknown name fails before any model trains
    SearchEvaluation evaluation = new SearchEvaluation(dataset, validation, options);
    evaluation.rankNonPersonal(progressFor.apply("text"));
    for (String name : models) {
      evaluation.rankPersonal(name, progressFor, setup);
    }
    return evaluation.report();
  }

  /** The text, popularity and text+popularity rows, and the candidate sets' sizes. */
  private void rankNonPersonal(ProgressListener progress) {
    List<Weights> weightings = List.copyOf(NON_PERSONAL.values());
    long start = System.nanoTime();
    SearchPass.Result result = pass(weightings).run(null, split.numItems(), progress);
    int w = 0;
    for (String ranker : NON_PERSONAL.keySet()) {
      addRows(ranker, result.ranks()[w++]);
    }
    for (CandidateSet set : SETS) {
      int[] counts = result.candidates()[set.ordinal()];
      sizes.put(set, new double[] {median(counts), mean(counts), mean(result.textTies()[set.ordinal()])});
    }
    LOG.info("search evaluation ranked rankers={} users={} seconds={}", NON_PERSONAL.keySet(), users.size(),
        String.format("%.1f", seconds(start)));
  }

  /** Fits one model and ranks with its personal scores; a failure becomes the model's row. */
  private void rankPersonal(String name, Function<String, ProgressListener> progressFor, Consumer<NextItemModel> setup) {
    NextItemModel model = ModelCatalog.create(name);
    setup.accept(model);
    ModelRun.guarded(model, failures, () -> {
      if (model instanceof ItemAttributesAware aware) {
        aware.useItemAttributes(dataset.itemAttributes());
      }
      long start = System.nanoTime();
      model.fit(split.fitInput(), split.numItems());
      double trainSeconds = seconds(start);
      List<Weights> weightings = personalWeightings();
      start = System.nanoTime();
      SearchPass.Result result = pass(weightings).run(model, split.numItems(), progressFor.apply(model.name()));
      timings.add(new ModelTiming(model.name(), trainSeconds, seconds(start)));
      addRows(SearchReport.personalRanker(model.name()), result.ranks()[weightings.indexOf(Weights.DEFAULT)]);
      addSweep(model.name(), weightings, result);
      LOG.info("search evaluation ranked model={} trainSeconds={} rankSeconds={}", model.name(),
          String.format("%.1f", trainSeconds), String.format("%.1f", seconds(start)));
    });
  }


  /** {@link Weights#DEFAULT}, then with the validation view the sweep's other weightings. */
  private List<Weights> personalWeightings() {
    List<Weights> weightings = new ArrayList<>(List.of(Weights.DEFAULT));
    if (split.isValidationView()) {
      PERSONAL_SWEEP.stream().map(Weights.DEFAULT::withPersonal).filter(w -> !weightings.contains(w)).forEach(weightings::add);
    }
    return weightings;
  }

  private void addSweep(String model, List<Weights> weightings, SearchPass.Result result) {
    if (!split.isValidationView()) {
      return;
    }
    for (CandidateSet set : SETS) {
      for (double personal : PERSONAL_SWEEP) {
        int w = weightings.indexOf(Weights.DEFAULT.withPersonal(personal));
        sweep.add(new SweepPoint(model, set.label, personal, metrics(result.ranks()[w][set.ordinal()])));
      }
    }
  }

  private void addRows(String ranker, int[][] ranksBySet) {
    for (CandidateSet set : SETS) {
      rows.get(set).add(new RankerResult(ranker, metrics(ranksBySet[set.ordinal()])));
    }
  }

  private SearchPass pass(List<Weights> weightings) {
    return new SearchPass(users, tieSeeds, queries, popularity, weightings, options.threads());
  }

  private SearchReport report() {
    List<CandidateSetResult> sets = new ArrayList<>();
    for (CandidateSet set : SETS) {
      double[] s = sizes.get(set);
      sets.add(new CandidateSetResult(set.label, set.description, s[0], s[1], s[2], rows.get(set)));
    }
    SearchReport.Setup setup = new SearchReport.Setup(split.isValidationView(), users.size(), skippedUsers, options.seed());
    return new SearchReport(dataset, setup, sets, sweep, timings, failures);
  }

  /** MRR, NDCG@K and HR@K: means over users of {@link Metrics}' per-user values, summed in user order. */
  static Map<String, Double> metrics(int[] ranks) {
    double reciprocalRank = 0;
    double ndcg = 0;
    double hitRate = 0;
    for (int rank : ranks) {
      reciprocalRank += Metrics.reciprocalRank(rank);
      ndcg += Metrics.ndcg(rank, K);
      hitRate += Metrics.hitRate(rank, K);
    }
    Map<String, Double> means = new LinkedHashMap<>();
    means.put("MRR", reciprocalRank / ranks.length);
    means.put("NDCG@" + K, ndcg / ranks.length);
    means.put("HR@" + K, hitRate / ranks.length);
    return means;
  }

  /** Per item index, its count in the training sequences over the largest count: the served popularity's scale. */
  static double[] popularity(List<int[]> fitInput, int numItems) {
    double[] counts = new double[numItems + 1];
    double max = 0;
    for (int[] sequence : fitInput) {
      for (int item : sequence) {
        max = Math.max(max, ++counts[item]);
      }
    }
    for (int item = 1; item <= numItems && max > 0; item++) {
      counts[item] /= max;
    }
    return counts;
  }

  /** All queryable users, or a seeded sample of {@link EvaluationOptions#maxUsers()} of them in dataset order. */
  private static List<HeldOutItem> sample(List<HeldOutItem> queryable, EvaluationOptions options) {
    if (queryable.size() <= options.maxUsers()) {
      return queryable;
    }
    boolean[] chosen = UserSample.choose(queryable.size(), options.maxUsers(), options.seed());
    List<HeldOutItem> sample = new ArrayList<>(options.maxUsers());
    for (int u = 0; u < chosen.length; u++) {
      if (chosen[u]) {
        sample.add(queryable.get(u));
      }
    }
    return sample;
  }

  /** One seed per user, drawn in user order, for the tie order that every ranker shares. */
  private static long[] tieSeeds(int users, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] seeds = new long[users];
    for (int u = 0; u < users; u++) {
      seeds[u] = random.nextLong();
    }
    return seeds;
  }

  private static Map<String, Weights> nonPersonal() {
    Map<String, Weights> rankers = new LinkedHashMap<>();
    rankers.put("text", TEXT);
    rankers.put("popularity", POPULARITY);
    rankers.put("text+popularity", Weights.TEXT_AND_POPULARITY);
    return rankers;
  }

  static double median(int[] values) {
    int[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private static double mean(int[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
