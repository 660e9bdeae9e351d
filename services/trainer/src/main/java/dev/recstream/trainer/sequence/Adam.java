package dev.recstream.trainer.sequence;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba, 2015; β1 = 0.9, β2 = 0.999, ε = 1e-8) over a network's parameters, in
 * place. Each parameter's gradient buffer serves as the step's scratch space and is left zeroed
 * for the next backward pass, so a step allocates nothing: on these machines writing fresh
 * memory costs more than the arithmetic.
 *
 * <p>Why not DJL's {@code Optimizer.adam()}: with DJL 0.36 on PyTorch 2.7.1 its fused update left
 * gradients that read NaN or 1e22 after a few steps, differently from run to run.
 */
final class Adam {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final double learningRate;
  private final Map<String, NDArray[]> moments = new HashMap<>();
  private int steps;

  Adam(double learningRate) {
    this.learningRate = learningRate;
  }

  /** One update of every parameter from its gradient; zeroes the gradients. */
  void step(Map<String, NDArray> parameters) {
    steps++;
    double biasFirst = 1 - Math.pow(BETA1, steps);
    double biasSecond = 1 - Math.pow(BETA2, steps);
    // w -= lr · (m / (1 - β1^t)) / (sqrt(v / (1 - β2^t)) + ε), written over sqrt(v) to stay in place.
    float stepSize = (float) (learningRate * Math.sqrt(biasSecond) / biasFirst);
    float epsilon = (float) (EPSILON * Math.sqrt(biasSecond));
    for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
      NDArray weight = entry.getValue();
      NDArray[] mv = moments.computeIfAbsent(entry.getKey(), k -> new NDArray[] {weight.zerosLike(), weight.zerosLike()});
      try (NDArray g = weight.getGradient()) {
        g.muli((float) (1 - BETA1)); // (1 - β1) g
        mv[0].muli((float) BETA1).addi(g);
        g.muli(g).muli((float) ((1 - BETA2) / ((1 - BETA1) * (1 - BETA1)))); // (1 - β2) g²
        mv[1].muli((float) BETA2).addi(g);
        g.muli(0).addi(mv[1]).powi(0.5).addi(epsilon).powi(-1).muli(mv[0]); // m / (sqrt(v) + ε)
        weight.subi(g.muli(stepSize));
        g.muli(0);
      }
    }
  }
}
