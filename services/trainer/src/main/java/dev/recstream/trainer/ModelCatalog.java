package dev.recstream.trainer;

import dev.recstream.model.NextItemModel;
import dev.recstream.model.baseline.CooccurrenceModel;
import dev.recstream.model.baseline.MarkovModel;
import dev.recstream.model.baseline.PopularityModel;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.streaming.StreamingModelAdapter;
import dev.recstream.model.twostage.TrainingExamples;
import dev.recstream.trainer.rank.RankerOptions;
import dev.recstream.trainer.sequence.SequenceNetModel;
import dev.recstream.trainer.sequence.SequenceNetOptions;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The models {@code recstream eval} knows by name (CONTRACT §7): the baselines {@code pop},
 * {@code markov} and {@code cooc}, {@code streaming} (the model that learns from the live stream),
 * {@code two-stage} (candidates + ONNX ranker + boosted-tree reranker, with ablation variants
 * {@link #ABLATION_PREFIX}…, and {@code two-stage-linear} without the reranker),
 * the sequence models {@code sasrec} ({@code sasrec-N}: N blocks) and {@code gru4rec}, trained
 * with DJL and scored through their ONNX export, the two-stage model with one of them inside
 * ({@code two-stage+sasrec}, {@code two-stage+gru4rec}), and {@code default}, the model recstream ships to serve: the two-stage model (the scoring
 * service falls back to the streaming model only while no package exists).
 */
public final class ModelCatalog {
  private static final Map<String, Supplier<NextItemModel>> MODELS = new LinkedHashMap<>();

  /**
   * {@code two-stage-without-embedding}, {@code two-stage-without-popularity+attributes}, …: the
   * two-stage model with feature groups switched off, for ablations; {@link #TAIL} among them
   * switches off the tail model instead (e.g. {@code two-stage-without-tail}).
   */
  static final String ABLATION_PREFIX = "two-stage-without-";
  /** The ablation name of the tail model, which orders the items outside the candidates. */
  static final String TAIL = "tail";
  /**
   * {@code two-stage-users-10000}: the two-stage model whose rankers learn from at most that many
   * users, for measuring what sampling them costs.
   */
  static final String SAMPLED_PREFIX = "two-stage-users-";

  /**
   * {@code two-stage+sasrec}, {@code two-stage+gru4rec}: the two-stage model with that sequence
   * model inside, as a candidate source and ranker features.
   */
  static final String TWO_STAGE_WITH = "two-stage+";

  /** {@code sasrec-1}, {@code sasrec-3}: SASRec with that many Transformer blocks. */
  static final String SASREC_BLOCKS_PREFIX = SequenceNetOptions.SASREC + "-";

  static {
    MODELS.put("pop", PopularityModel::new);
    MODELS.put("markov", MarkovModel::new);
    MODELS.put("cooc", CooccurrenceModel::new);
    MODELS.put("streaming", () -> new StreamingModelAdapter("streaming"));
    MODELS.put("two-stage", () -> new TwoStageModel("two-stage"));
    // Before the boosted-tree reranker, for comparison: the linear ranker orders every candidate.
    MODELS.put("two-stage-linear", () -> new TwoStageModel("two-stage-linear").withoutReranker());
    MODELS.put(SequenceNetOptions.SASREC, () -> new SequenceNetModel(SequenceNetOptions.SASREC, SequenceNetOptions.sasrec()));
    MODELS.put(SequenceNetOptions.GRU4REC,
        () -> new SequenceNetModel(SequenceNetOptions.GRU4REC, SequenceNetOptions.gru4rec()));
    MODELS.put(TWO_STAGE_WITH + SequenceNetOptions.SASREC,
        () -> new TwoStageModel(TWO_STAGE_WITH + SequenceNetOptions.SASREC).withSequenceModel(SequenceNetOptions.sasrec()));
    MODELS.put(TWO_STAGE_WITH + SequenceNetOptions.GRU4REC,
        () -> new TwoStageModel(TWO_STAGE_WITH + SequenceNetOptions.GRU4REC).withSequenceModel(SequenceNetOptions.gru4rec()));
    MODELS.put("default", () -> new TwoStageModel("default"));
  }

  private ModelCatalog() {}

  public static List<String> names() {
    return List.copyOf(MODELS.keySet());
  }

  /**
   * A fresh, untrained model.
   *
   * @throws IllegalArgumentException naming the unknown model and the known ones
   */
  public static NextItemModel create(String name) {
    if (name.startsWith(ABLATION_PREFIX)) {
      Set<String> groups = new HashSet<>(Set.of(name.substring(ABLATION_PREFIX.length()).split("\\+")));
      boolean withTail = !groups.remove(TAIL);
      for (String group : groups) {
        if (!TrainingExamples.featureGroups().contains(group)) {
          TreeSet<String> known = new TreeSet<>(TrainingExamples.featureGroups());
          known.add(TAIL);
          throw new IllegalArgumentException("--models: unknown feature group '" + group + "' in " + name + "; known: "
              + String.join(", ", known));
        }
      }
      return new TwoStageModel(name, EmbeddingOptions.defaults(), RankerOptions.defaults(), groups, withTail);
    }
    if (name.startsWith(SAMPLED_PREFIX)) {
      int users = positiveSuffix(name, SAMPLED_PREFIX, "a number of users", SAMPLED_PREFIX + "10000");
      return new TwoStageModel(name, EmbeddingOptions.defaults(), RankerOptions.defaults(), Set.of(), true, users);
    }
    if (name.startsWith(SASREC_BLOCKS_PREFIX)) {
      int blocks = positiveSuffix(name, SASREC_BLOCKS_PREFIX, "a number of Transformer blocks", "sasrec-2");
      return new SequenceNetModel(name, SequenceNetOptions.sasrec().withBlocks(blocks));
    }
    Supplier<NextItemModel> factory = MODELS.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("--models: unknown model '" + name + "'; known: " + String.join(", ", names()));
    }
    return factory.get();
  }

  /** The number after {@code prefix}, or a sentence naming what it should be. */
  private static int positiveSuffix(String name, String prefix, String what, String example) {
    int value;
    try {
      value = Integer.parseInt(name.substring(prefix.length()));
    } catch (NumberFormatException e) {
      value = 0;
    }
    if (value < 1) {
      throw new IllegalArgumentException("--models: " + name + " must end in " + what + " of 1 or more, e.g. " + example);
    }
    return value;
  }
}
