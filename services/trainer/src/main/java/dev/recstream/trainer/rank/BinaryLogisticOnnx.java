package dev.recstream.trainer.rank;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * ONNX export of a binary LibLinear logistic regression whose probabilities equal Tribuo's.
 *
 * <p>Tribuo 4.3.2's own export ({@code LibLinearClassificationModel.writeONNXGraph}) stores the
 * single binary weight vector as the columns {@code [w, −w]} and applies Softmax, which yields
 * {@code sigmoid(2·w·x)} where LibLinear and Tribuo's {@code predict} give {@code sigmoid(w·x)}:
 * the same order, but logits doubled (P = 0.78 exported as 0.93). This graph stores {@code [w/2,
 * −w/2]} instead — softmax([s/2, −s/2]) = sigmoid(s) — with the same input, output, column order
 * and provenance metadata as Tribuo's.
 */
final class BinaryLogisticOnnx {
  private BinaryLogisticOnnx() {}

  /**
   * Builds the graph {@code output = Softmax(Gemm(input, W, b))} with W {@code [features, 2]}.
   *
   * @throws IllegalArgumentException if the model is not a binary probabilistic (logistic) model
   */
  static OnnxMl.ModelProto export(LibLinearClassificationModel model, String domain, long modelVersion) {
    de.bwaldvogel.liblinear.Model inner = model.getInnerModels().get(0);
    if (inner.getNrClass() != 2 || !inner.isProbabilityModel()) {
      throw new IllegalArgumentException(
          "Only a binary logistic-regression LibLinear model can be exported this way, not "
              + inner.getNrClass() + " classes with solver " + inner.getSolverType() + ".");
    }
    int features = model.getFeatureIDMap().size();
    double[] w = inner.getFeatureWeights();
    // LibLinear's single weight vector scores its first label; labels are Tribuo's output ids.
    int first = inner.getLabels()[0];
    double bias = inner.getBias() >= 0 ? w[features] * inner.getBias() : 0;

    ONNXContext onnx = new ONNXContext();
    onnx.setName("recstream-ranker-logistic-regression");
    ONNXPlaceholder input = onnx.floatInput(features);
    ONNXPlaceholder output = onnx.floatOutput(2);
    ONNXInitializer weights = onnx.floatTensor("ranker_weights", List.of(features, 2), fb -> {
      for (int j = 0; j < features; j++) {
        putHalves(fb, w[j], first);
      }
    });
    ONNXInitializer biases = onnx.floatTensor("ranker_biases", List.of(2), fb -> putHalves(fb, bias, first));
    input.apply(ONNXOperators.GEMM, List.of(weights, biases))
        .apply(ONNXOperators.SOFTMAX, Map.of("axis", 1))
        .assignTo(output);
    return ONNXExportable.buildModel(onnx, domain, modelVersion, model);
  }

  /** Writes {@code +v/2} in the column of label {@code first} and {@code −v/2} in the other. */
  private static void putHalves(java.nio.FloatBuffer fb, double v, int first) {
    fb.put((float) (first == 0 ? v / 2 : -v / 2));
    fb.put((float) (first == 0 ? -v / 2 : v / 2));
  }
}
