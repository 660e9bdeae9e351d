package dev.recstream.trainer.sequence;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl;
import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.NextItemModel;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sequence network ({@code sasrec}, {@code gru4rec}) as an offline model: {@link #fit} trains it
 * with DJL on PyTorch, with early stopping on each sequence's last item, and exports its ONNX
 * graph; {@link #score} runs that graph with ONNX
 * Runtime through the scoring service's own {@link SequenceOnnxRecommender}, so evaluation
 * measures exactly what a package of it serves.
 */
public final class SequenceNetModel implements NextItemModel, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SequenceNetModel.class);
  /**
   * Trainings per fit before a diverged one fails it. On a busy 2-core VM about one training in
   * five has ended with a loss of NaN in its first epoch, from the same seed and data as trainings
   * that did not (cause not found: the same run again trains normally).
   */
  private static final int ATTEMPTS = 3;

  private final String name;
  private final SequenceNetOptions options;
  private EpochListener listener = EpochListener.NONE;
  private OnnxMl.ModelProto graph;
  private JsonObject architecture;
  private SequenceNetTraining.Outcome outcome;
  private SequenceOnnxRecommender served;

  public SequenceNetModel(String name, SequenceNetOptions options) {
    this.name = Objects.requireNonNull(name, "name");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return name;
  }

  public SequenceNetOptions options() {
    return options;
  }

  /** Hears each epoch of the next {@link #fit}. */
  public void onEpochs(EpochListener epochs) {
    this.listener = Objects.requireNonNull(epochs, "epochs");
  }

  @Override
  public void fit(List<int[]> sequences, int numItems) {
    close();
    graph = null;
    SequenceNetTraining training = new SequenceNetTraining(name, options, listener);
    for (int attempt = 1; graph == null; attempt++) {
      try (SequenceNet net = create(PyTorchEngine.get(options.threads()).newBaseManager(), numItems)) {
        outcome = training.train(net, sequences, numItems);
        graph = net.export(0);
        architecture = net.describe();
      } catch (SequenceNetTraining.DivergedException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        LOG.warn("sequence model training diverged, starting again model={} attempt={} reason={}", name, attempt,
            e.getMessage());
      }
    }
    ItemVocabulary indices = new ItemVocabulary();
    for (int item = 1; item <= numItems; item++) {
      indices.add(Integer.toString(item));
    }
    try {
      served = SequenceOnnxRecommender.of(graph.toByteArray(), indices, options.maxLength(), "0");
    } catch (IOException e) {
      throw new UncheckedIOException("the exported " + name + " graph does not load in ONNX Runtime", e);
    }
  }

  private SequenceNet create(NDManager manager, int numItems) {
    return switch (options.architecture()) {
      case SequenceNetOptions.SASREC -> new SasRecNet(manager, options, numItems);
      case SequenceNetOptions.GRU4REC -> new Gru4RecNet(manager, options, numItems);
      default -> throw new IllegalStateException("unknown architecture " + options.architecture());
    };
  }

  @Override
  public void score(int[] history, float[] scores) {
    requireFitted().scores(history, scores);
  }

  /** ONNX Runtime runs one graph on many threads at once; each call has its own tensors. */
  @Override
  public Optional<Scorer> scorerForAnotherThread() {
    SequenceOnnxRecommender recommender = requireFitted();
    return Optional.of(recommender::scores);
  }

  /** The fitted graph: {@code item_ids} int64 {@code [batch, L]} → {@code scores} {@code [batch, vocab+1]}. */
  public OnnxMl.ModelProto graph() {
    requireFitted();
    return graph;
  }

  /** Epochs run, the best one and its validation NDCG@10, the refit epochs after it, seconds. */
  public JsonObject trainingSummary() {
    requireFitted();
    return new JsonObject()
        .put("epochs", outcome.epochs())
        .put("bestEpoch", outcome.bestEpoch())
        .put("validationNdcg10", outcome.bestValidationNdcg())
        .put("refitEpochs", outcome.refitEpochs())
        .put("seconds", outcome.seconds());
  }

  /**
   * Writes the fitted model as a {@code sequence-onnx} package (CONTRACT §6) that the scoring
   * service serves without DJL.
   */
  public void writePackage(Path dir, ItemVocabulary vocabulary, JsonObject training, JsonObject metrics, long version)
      throws IOException {
    requireFitted();
    SequencePackage.write(dir, vocabulary, graph(version), options.maxLength(), describe(), version, training, metrics);
  }

  /** The fitted graph stamped with a package version. */
  public OnnxMl.ModelProto graph(long version) {
    return graph().toBuilder().setModelVersion(version).build();
  }

  /** The architecture and its {@link #trainingSummary()}, as a package's model.json gives them. */
  public JsonObject describe() {
    requireFitted();
    return architecture.copy().put("training", trainingSummary());
  }

  /** The fitted graph served with ONNX Runtime, over item indices as ids; closed by {@link #close}. */
  public SequenceOnnxRecommender recommender() {
    return requireFitted();
  }

  private SequenceOnnxRecommender requireFitted() {
    if (served == null) {
      throw new IllegalStateException("the model is not fitted yet");
    }
    return served;
  }

  /** Releases the ONNX Runtime session of the last fit. */
  @Override
  public void close() {
    if (served != null) {
      served.close();
      served = null;
    }
  }
}
