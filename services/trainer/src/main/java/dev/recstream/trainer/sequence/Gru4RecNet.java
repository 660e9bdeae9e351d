package dev.recstream.trainer.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.onnx.proto.OnnxMl;
import dev.recstream.trainer.onnx.OnnxGraphBuilder;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GRU4Rec (Hidasi et al., ICLR 2016) over the same inputs and loss as {@link SasRecNet}: item
 * embeddings (dropout in training) into one GRU layer of width d, whose state after each item
 * is scored against the item embeddings (tied).
 *
 * <p>A GRU's state would change while it reads padding, so the network never reads any: each
 * row's items are moved to the front (right padding) before the GRU runs, and the outputs moved
 * back to their positions. A state at a real position then depends only on the items up to it,
 * whatever the window, and the ONNX graph does the same with the GRU's {@code sequence_lens}.
 * PyTorch orders the gates r, z, n and ONNX z, r, h; both apply the reset gate after the
 * recurrent product (ONNX {@code linear_before_reset = 1}), so the export only reorders blocks.
 */
final class Gru4RecNet extends SequenceNet {

  Gru4RecNet(NDManager manager, SequenceNetOptions options, int numItems) {
    super(manager, options, numItems);
    SplittableRandom random = new SplittableRandom(options.seed());
    int d = options.dimension();
    glorot("items", random, numItems + 1, d);
    double bound = 1 / Math.sqrt(d);
    uniform("gru.w_ih", random, bound, 3L * d, d);
    uniform("gru.w_hh", random, bound, 3L * d, d);
    uniform("gru.b_ih", random, bound, 3L * d);
    uniform("gru.b_hh", random, bound, 3L * d);
  }

  @Override
  String architecture() {
    return SequenceNetOptions.GRU4REC;
  }

  @Override
  NDArray hidden(NDArray ids, boolean training) {
    int batch = Math.toIntExact(ids.getShape().get(0));
    int t = Math.toIntExact(ids.getShape().get(1));
    int d = options.dimension();
    long[] leftPadded = ids.toLongArray();
    long[] front = new long[leftPadded.length];
    long[] back = new long[batch * t * d];
    for (int b = 0; b < batch; b++) {
      int padding = 0;
      while (padding < t && leftPadded[b * t + padding] == 0) {
        padding++;
      }
      for (int i = padding; i < t; i++) {
        front[b * t + i - padding] = leftPadded[b * t + i];
      }
      // Output position i (left-padded) is the GRU's step i - padding; padding positions read step 0.
      for (int i = 0; i < t; i++) {
        long step = Math.max(0, i - padding);
        for (int j = 0; j < d; j++) {
          back[(b * t + i) * d + j] = step;
        }
      }
    }
    NDManager m = ids.getManager();
    NDArray inputs = m.create(front, new Shape(batch, t));
    NDArray x = inputs.getNDArrayInternal().embedding(inputs, items(), SparseFormat.DENSE).head();
    x = SasRecNet.dropout(x, (float) options.dropout(), training);
    NDArray state = m.zeros(new Shape(1, batch, d));
    NDList weights = new NDList(parameter("gru.w_ih"), parameter("gru.w_hh"), parameter("gru.b_ih"),
        parameter("gru.b_hh"));
    NDArray steps = x.getNDArrayInternal().gru(x, state, weights, true, 1, 0, training, false, true).head();
    NDArray hidden = steps.gather(m.create(back, new Shape(batch, t, d)), 1);
    return SasRecNet.dropout(hidden, (float) options.dropout(), training);
  }

  @Override
  OnnxMl.ModelProto export(long version) {
    int l = options.maxLength();
    int d = options.dimension();
    OnnxGraphBuilder g = new OnnxGraphBuilder("recstream-gru4rec");
    g.input("item_ids", OnnxMl.TensorProto.DataType.INT64, OnnxGraphBuilder.BATCH, l);
    String items = initializer(g, "items");
    float[] wIh = parameter("gru.w_ih").toFloatArray();
    float[] wHh = parameter("gru.w_hh").toFloatArray();
    float[] bIh = parameter("gru.b_ih").toFloatArray();
    float[] bHh = parameter("gru.b_hh").toFloatArray();
    String w = g.floats("gru.W", zrh(wIh, d * d), 1, 3L * d, d);
    String r = g.floats("gru.R", zrh(wHh, d * d), 1, 3L * d, d);
    float[] biases = new float[6 * d];
    System.arraycopy(zrh(bIh, d), 0, biases, 0, 3 * d);
    System.arraycopy(zrh(bHh, d), 0, biases, 3 * d, 3 * d);
    String b = g.floats("gru.B", biases, 1, 6L * d);

    // lengths = number of real items; the items moved to the front: front[i] = ids[(i + L - length) mod L]
    String zero = g.longs("zero", new long[] {0});
    String real = g.node("Cast", Map.of("to", (long) OnnxMl.TensorProto.DataType.INT64.getNumber()),
        g.node("Not", g.node("Equal", "item_ids", zero)));
    String lengths = g.node("ReduceSum", Map.of("keepdims", 1L), real, g.longs("axis1", new long[] {1}, 1));
    String padding = g.node("Sub", g.longs("window", new long[] {l}), lengths);
    long[] positions = new long[l];
    for (int i = 0; i < l; i++) {
      positions[i] = i;
    }
    String source = g.node("Mod", g.node("Add", g.longs("positions", positions, 1, l), padding),
        g.longs("window_mod", new long[] {l}));
    String front = g.node("GatherElements", Map.of("axis", 1L), "item_ids", source);
    String x = g.node("Transpose", Map.of("perm", new long[] {1, 0, 2}),
        g.node("Gather", Map.of("axis", 0L), items, front));
    // An empty history still runs one step (on padding), as a cold user's prior.
    String sequenceLengths = g.node("Cast", Map.of("to", (long) OnnxMl.TensorProto.DataType.INT32.getNumber()),
        g.node("Max", g.node("Squeeze", lengths, g.longs("axis1_squeeze", new long[] {1}, 1)),
            g.longs("one", new long[] {1})));
    String[] gru = g.nodeWithOutputs("GRU", 2, Map.of("hidden_size", (long) d, "linear_before_reset", 1L),
        x, w, r, b, sequenceLengths);
    String last = g.node("Squeeze", gru[1], g.longs("axis0", new long[] {0}, 1));
    String scores = g.node("Gemm", Map.of("transB", 1L), last, items);
    g.output("scores", scores, OnnxMl.TensorProto.DataType.FLOAT, OnnxGraphBuilder.BATCH, numItems + 1);
    return g.build("GRU4Rec, " + describe().encode(), version);
  }

  /** PyTorch's gate blocks r, z, n (each {@code block} values) in ONNX's order z, r, h. */
  private static float[] zrh(float[] rzn, int block) {
    float[] out = new float[3 * block];
    System.arraycopy(rzn, block, out, 0, block);
    System.arraycopy(rzn, 0, out, block, block);
    System.arraycopy(rzn, 2 * block, out, 2 * block, block);
    return out;
  }
}
