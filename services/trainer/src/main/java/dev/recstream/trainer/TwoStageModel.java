package dev.recstream.trainer;

import dev.recstream.model.ItemAttributesAware;
import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.VocabularyFile;
import dev.recstream.model.NextItemModel;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.rank.OnnxRanker;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import dev.recstream.model.twostage.Reranker;
import dev.recstream.model.twostage.TailModel;
import dev.recstream.model.twostage.SequenceDerivatives;
import dev.recstream.model.twostage.TrainingExamples;
import dev.recstream.model.twostage.TwoStagePackage;
import dev.recstream.model.twostage.TwoStageScorer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.DataOutputStream;
import dev.recstream.trainer.rank.RankerOptions;
import dev.recstream.trainer.rank.RankerTraining;
import dev.recstream.trainer.rank.BoostedTreeOptions;
import dev.recstream.trainer.rank.BoostedTrees;
import dev.recstream.trainer.rank.TrainedRanker;
import dev.recstream.trainer.sequence.EpochListener;
import dev.recstream.trainer.sequence.SequenceNetModel;
import dev.recstream.trainer.sequence.SequenceNetOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-stage recommender as an offline model: {@code fit} builds the ranker's training rows
 * from each sequence's last item, trains the Tribuo ranker, exports it to ONNX and opens it with
 * ONNX Runtime — the path it is served through — then rebuilds statistics and embeddings on the
 * whole sequences for scoring.
 *
 * <p>With the tail model on (the default), {@code fit} also trains the {@link TailModel} the same
 * way, which orders the items outside the candidates in the dense scores; when the data gives it
 * nothing to learn from (every target is a candidate), the model goes without it, as it does
 * with the tail off.
 *
 * <p>With a sequence model ({@link #withSequenceModel}), {@code fit} first trains it — once, on
 * every sequence without its last item, the sequences the rankers' examples come from, so its
 * scores never saw the examples' targets — and then its best items join the candidates and its
 * scores the ranker's features, in training and in serving alike.
 */
public final class TwoStageModel implements NextItemModel, ItemAttributesAware, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TwoStageModel.class);

  private final String name;
  private final EmbeddingOptions embeddingOptions;
  private final RankerOptions rankerOptions;
  private final Set<String> disabledFeatureGroups;
  private final boolean withTail;
  private final int rankerUsers;
  private Map<Integer, int[]> itemAttributes = Map.of();
  private TrainingBudget budget = TrainingBudget.defaults();
  /** Null: every fit derives its own. */
  private SequenceDerivatives.Cache derivatives;
  private TwoStageScorer scorer;
  private OnnxRanker ranker;
  private TrainedRanker trained;
  private TrainedRanker trainedTail;
  /** The boosted trees that reorder the ranker's best candidates; null: none. */
  private BoostedTreeOptions rerankOptions = BoostedTreeOptions.defaults();
  private TrainedRanker trainedReranker;
  private List<int[]> trainedOn = List.of();
  /** Null: no sequence model. */
  private SequenceNetOptions sequenceOptions;
  private EpochListener sequenceEpochs = EpochListener.NONE;
  private SequenceNetModel sequenceModel;

  public TwoStageModel(String name) {
    this(name, EmbeddingOptions.defaults(), RankerOptions.defaults(), Set.of());
  }

  /** @param disabledFeatureGroups feature groups switched off, for ablations (see {@code Features.GROUPS}) */
  public TwoStageModel(String name, EmbeddingOptions embeddingOptions, RankerOptions rankerOptions, Set<String> disabledFeatureGroups) {
    this(name, embeddingOptions, rankerOptions, disabledFeatureGroups, true);
  }

  /**
   * @param withTail whether to train the tail model; without it the items outside the candidates
   *     are ordered by embedding similarity
   */
  public TwoStageModel(String name, EmbeddingOptions embeddingOptions, RankerOptions rankerOptions,
      Set<String> disabledFeatureGroups, boolean withTail) {
    this(name, embeddingOptions, rankerOptions, disabledFeatureGroups, withTail, TrainingExamples.MAX_USERS);
  }

  /** @param rankerUsers the most users whose rows train the rankers (a uniform sample when there are more) */
  public TwoStageModel(String name, EmbeddingOptions embeddingOptions, RankerOptions rankerOptions,
      Set<String> disabledFeatureGroups, boolean withTail, int rankerUsers) {
    this.rankerUsers = rankerUsers;
    this.name = name;
    this.embeddingOptions = embeddingOptions;
    this.rankerOptions = rankerOptions;
    this.disabledFeatureGroups = Set.copyOf(disabledFeatureGroups);
    this.withTail = withTail;
  }

  /**
   * Without the boosted trees that reorder the ranker's best candidates: the linear ranker alone
   * (the two-stage model before them, for comparison).
   */
  public TwoStageModel withoutReranker() {
    this.rerankOptions = null;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  /** Trains a sequence model with {@code options} in each {@link #fit} and uses it (see the class comment). */
  public TwoStageModel withSequenceModel(SequenceNetOptions options) {
    this.sequenceOptions = Objects.requireNonNull(options, "options");
    return this;
  }

  /** Hears each epoch of the sequence model's training in the next {@link #fit}. */
  public void onEpochs(EpochListener epochs) {
    this.sequenceEpochs = Objects.requireNonNull(epochs, "epochs");
  }

  /** Whether {@link #fit} trains a sequence model. */
  public boolean hasSequenceModel() {
    return sequenceOptions != null;
  }

  /** Whether {@link #fit} trains the tail model (it may still go without one; see the class comment). */
  boolean trainsTail() {
    return withTail;
  }

  @Override
  public void useItemAttributes(Map<Integer, int[]> attributes) {
    this.itemAttributes = Map.copyOf(attributes);
  }

  /** The heap {@link #fit} plans within (default {@link TrainingBudget#defaults()}). */
  public void useBudget(TrainingBudget newBudget) {
    this.budget = Objects.requireNonNull(newBudget, "budget");
  }

  /**
   * Fits the model; the rankers learn from as many users as the budget holds (at most the
   * configured number).
   *
   * @throws TrainingBudget.TrainingDoesNotFitException before any work when the data is too large
   *     for the budget
   */
  @Override
  public void fit(List<int[]> sequences, int numItems) {
    long started = System.nanoTime();
    long events = 0;
    for (int[] sequence : sequences) {
      events += sequence.length;
    }
    int users = budget.rankerUsers(events, numItems, sequences.size(), rankerUsers);
    if (users < Math.min(rankerUsers, sequences.size())) {
      LOG.info("two-stage rankers learn from {} of {} users to stay within the training budget of {}", users,
          sequences.size(), budget.describe());
    }
    List<int[]> prefixes = TrainingExamples.prefixes(sequences);
    SequenceOnnxRecommender sequence = fitSequenceModel(prefixes, numItems);
    TrainingExamples examples = TrainingExamples.build(sequences, prefixes, derive(prefixes, numItems), itemAttributes,
        disabledFeatureGroups, withTail, users, 42, sequence);
    float[][] rows = examples.rows();
    if (examples.candidateRecall() == 0) {
      throw new IllegalStateException("no user's last item is among the candidates of their history, so there is "
          + "nothing to train the ranker on: the data is too small, or its users mostly repeat items they already had");
    }
    LOG.info("two-stage examples rows={} candidateRecall={} seconds={}", rows.length,
        String.format("%.4f", examples.candidateRecall()), seconds(started));
    boolean[] labels = examples.labels();
    trained = RankerTraining.train(rows, labels, TrainingExamples.featureNames(sequence != null), rankerOptions);
    LOG.info("two-stage ranker trained seconds={}", seconds(started));
    ranker = openOnnx(trained);
    trainedReranker = trainReranker(rows, labels, examples.groups(), TrainingExamples.featureNames(sequence != null));
    trainedTail = withTail ? trainTail(examples) : null;
    TailModel tail = trainedTail == null ? null : readTail(trainedTail);
    trainedOn = List.copyOf(sequences);
    // The rows are trained on: let them go before the serving side is derived.
    examples = null;
    rows = null;
    scorer = TwoStageScorer.build(derive(sequences, numItems), itemAttributes, ranker, trained.scaler(), tail, sequence,
        disabledFeatureGroups);
    if (trainedReranker != null) {
      scorer = scorer.withReranker(new Reranker(openOnnx(trainedReranker), Reranker.DEFAULT_TOP));
    }
    LOG.info("two-stage model ready seconds={}", seconds(started));
  }

  /**
   * The boosted trees that reorder the ranker's best candidates, over the ranker's z-scored rows;
   * null without them, or — with a warning — where XGBoost's native library cannot load (it needs
   * libgomp.so.1): the linear ranker then orders every candidate, as before the trees.
   */
  private TrainedRanker trainReranker(float[][] rows, boolean[] labels, int[] groups, List<String> featureNames) {
    if (rerankOptions == null) {
      return null;
    }
    long started = System.nanoTime();
    try {
      TrainedRanker trees = RankerTraining.trainTrees(rows, labels, groups, featureNames,
          trained.scaler(), rerankOptions);
      LOG.info("two-stage reranker trained trees={} seconds={}", rerankOptions.trees(), seconds(started));
      return trees;
    } catch (BoostedTrees.UnavailableException e) {
      LOG.warn("{}: the two-stage model ranks its candidates without the boosted-tree reranker", e.getMessage());
      return null;
    }
  }

  /** Trains the sequence model on {@code prefixes} when there is one; null when there is none. */
  private SequenceOnnxRecommender fitSequenceModel(List<int[]> prefixes, int numItems) {
    close();
    if (sequenceOptions == null) {
      return null;
    }
    long started = System.nanoTime();
    sequenceModel = new SequenceNetModel(name + "/" + sequenceOptions.architecture(), sequenceOptions);
    sequenceModel.onEpochs(sequenceEpochs);
    sequenceModel.fit(prefixes, numItems);
    LOG.info("two-stage sequence model trained model={} seconds={}", sequenceOptions.architecture(), seconds(started));
    return sequenceModel.recommender();
  }

  /** Releases the sequence model's ONNX Runtime session, if there is one. */
  @Override
  public void close() {
    if (sequenceModel != null) {
      sequenceModel.close();
      sequenceModel = null;
    }
  }

  private SequenceDerivatives derive(List<int[]> sequences, int numItems) {
    return derivatives == null ? SequenceDerivatives.of(sequences, numItems, embeddingOptions)
        : derivatives.of(sequences, numItems, embeddingOptions);
  }

  /**
   * Shares statistics, embeddings and item lists with other fits through {@code cache}: a fit on
   * sequences that an earlier fit derived them from reuses them (see {@link SequenceDerivatives}).
   */
  public void useDerivatives(SequenceDerivatives.Cache cache) {
    this.derivatives = Objects.requireNonNull(cache, "cache");
  }

  /** The tail model, or null when its rows hold only one class (no user's target is outside their candidates). */
  private TrainedRanker trainTail(TrainingExamples examples) {
    long started = System.nanoTime();
    boolean[] labels = examples.tailLabels();
    int positives = 0;
    for (boolean positive : labels) {
      positives += positive ? 1 : 0;
    }
    if (positives == 0 || positives == labels.length) {
      LOG.info("two-stage tail model skipped: {} of {} tail rows are positive", positives, labels.length);
      return null;
    }
    TrainedRanker tail = RankerTraining.train(examples.tailRows(), labels, TailModel.featureNames(sequenceOptions != null),
        rankerOptions);
    LOG.info("two-stage tail model trained rows={} seconds={}", labels.length, seconds(started));
    return tail;
  }

  @Override
  public void score(int[] history, float[] scores) {
    scorer.score(history, scores);
  }

  /** A scorer with its own working buffers over this fit's statistics, embeddings and ranker. */
  @Override
  public Optional<Scorer> scorerForAnotherThread() {
    if (scorer == null) {
      throw new IllegalStateException("the model is not fitted yet");
    }
    return Optional.of(scorer.sharing()::score);
  }

  /**
   * Writes this fitted model as a package (CONTRACT §6; layout in {@link TwoStagePackage}).
   *
   * @param vocabulary the ids of item indices 1..n
   * @param training a summary of the training data for model.json
   * @param metrics offline metrics for model.json (e.g. a report entry)
   */
  public void writePackage(Path dir, ItemVocabulary vocabulary, JsonObject training, JsonObject metrics, long version) throws IOException {
    if (trained == null) {
      throw new IllegalStateException("the model is not fitted yet");
    }
    Files.createDirectories(dir);
    trained.exportOnnx(dir.resolve(TwoStagePackage.RANKER), version);
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(TwoStagePackage.SCALER)))) {
      trained.scaler().write(out);
    }
    if (trainedReranker != null) {
      trainedReranker.exportOnnx(dir.resolve(TwoStagePackage.RERANKER), version);
    }
    if (trainedTail != null) {
      trainedTail.exportOnnx(dir.resolve(TwoStagePackage.TAIL), version);
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(TwoStagePackage.TAIL_SCALER)))) {
        trainedTail.scaler().write(out);
      }
    }
    if (sequenceModel != null) {
      Files.write(dir.resolve(TwoStagePackage.SEQUENCE), sequenceModel.graph(version).toByteArray());
    }
    VocabularyFile.write(dir.resolve(TwoStagePackage.ITEMS), vocabulary);
    PackageFiles.writeIndexLines(dir.resolve(TwoStagePackage.SEQUENCES), trainedOn);
    if (!itemAttributes.isEmpty()) {
      PackageFiles.writeAttributes(dir.resolve(TwoStagePackage.ATTRIBUTES), itemAttributes);
    }
    JsonObject metadata = PackageFiles.metadata(TwoStagePackage.KIND, version, training, metrics)
        .put("embeddings", new JsonObject().put("dimension", embeddingOptions.dimension()))
        .put("input", new JsonObject()
            .put("onnx", TwoStagePackage.RANKER)
            .put("tensor", "input")
            .put("features", new JsonArray(TrainingExamples.featureNames(sequenceModel != null)))
            .put("positiveIndex", trained.positiveIndex()));
    if (trainedReranker != null) {
      metadata.put("rerank", trainedReranker.describe()
          .put("onnx", TwoStagePackage.RERANKER)
          .put("tensor", "input")
          .put("top", Reranker.DEFAULT_TOP));
    }
    if (trainedTail != null) {
      metadata.put("tail", new JsonObject()
          .put("onnx", TwoStagePackage.TAIL)
          .put("scaler", TwoStagePackage.TAIL_SCALER)
          .put("tensor", "input")
          .put("features", new JsonArray(TailModel.featureNames(sequenceModel != null)))
          .put("positiveIndex", trainedTail.positiveIndex()));
    }
    if (sequenceModel != null) {
      metadata.put("sequence", sequenceModel.describe()
          .put("onnx", TwoStagePackage.SEQUENCE)
          .put("maxLength", sequenceOptions.maxLength()));
    }
    Files.writeString(dir.resolve(TwoStagePackage.METADATA), metadata.encodePrettily());
  }

  /** The tail model as a package gives it: read from its ONNX export, not from Tribuo. */
  private static TailModel readTail(TrainedRanker trained) {
    try (OnnxRanker exported = openOnnx(trained)) {
      return TailModel.read(exported, trained.scaler());
    }
  }

  private static OnnxRanker openOnnx(TrainedRanker trained) {
    return OnnxRanker.open(trained.onnxBytes(1L), trained.positiveIndex(), "the ranker just trained");
  }

  private static String seconds(long started) {
    return String.format("%.1f", (System.nanoTime() - started) / 1e9);
  }
}
