package dev.recstream.trainer.sequence;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.onnx.proto.OnnxMl;
import dev.recstream.trainer.onnx.OnnxGraphBuilder;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SASRec (Kang and McAuley, ICDM 2018) with pre-norm blocks: item embeddings scaled by √d plus
 * learned positions, then n blocks of
 *
 * <pre>
 *   x = x + Dropout(W_o · MultiHeadCausalAttention(LayerNorm(x)))
 *   x = x + Dropout(W_2 · Dropout(ReLU(W_1 · LayerNorm(x))))
 * </pre>
 *
 * and a final LayerNorm. Attention sees only earlier and real positions: a position's key is
 * masked when it lies in the future or holds padding, with -1e9 added to its logit, which
 * softmax turns into an exact 0 in float. Padding positions are zeroed after the embedding and
 * after each block, as in the original. The output embeddings are the input ones (tied).
 */
final class SasRecNet extends SequenceNet {
  private static final float EPSILON = 1e-5f;
  private static final float MASKED = -1e9f;

  SasRecNet(NDManager manager, SequenceNetOptions options, int numItems) {
    super(manager, options, numItems);
    SplittableRandom random = new SplittableRandom(options.seed());
    int d = options.dimension();
    glorot("items", random, numItems + 1, d);
    glorot("positions", random, options.maxLength(), d);
    for (int b = 0; b < options.blocks(); b++) {
      String p = "block" + b + ".";
      constant(p + "ln1.gamma", 1f, d);
      constant(p + "ln1.beta", 0f, d);
      for (String w : new String[] {"q", "k", "v", "o"}) {
        glorot(p + w + ".weight", random, d, d);
        constant(p + w + ".bias", 0f, d);
      }
      constant(p + "ln2.gamma", 1f, d);
      constant(p + "ln2.beta", 0f, d);
      glorot(p + "ff1.weight", random, d, d);
      constant(p + "ff1.bias", 0f, d);
      glorot(p + "ff2.weight", random, d, d);
      constant(p + "ff2.bias", 0f, d);
    }
    constant("ln.gamma", 1f, d);
    constant("ln.beta", 0f, d);
  }

  @Override
  String architecture() {
    return SequenceNetOptions.SASREC;
  }

  @Override
  JsonObject describe() {
    return super.describe().put("blocks", options.blocks()).put("heads", options.heads());
  }

  @Override
  NDArray hidden(NDArray ids, boolean training) {
    long batch = ids.getShape().get(0);
    int t = Math.toIntExact(ids.getShape().get(1));
    int d = options.dimension();
    int heads = options.heads();
    int headWidth = d / heads;
    float dropout = (float) options.dropout();

    NDArray keep = ids.neq(0).toType(DataType.FLOAT32, false).reshape(batch, t, 1);
    NDArray x = ids.getNDArrayInternal().embedding(ids, items(), SparseFormat.DENSE).head()
        .mul((float) Math.sqrt(d))
        .add(parameter("positions").get((options.maxLength() - t) + ":"));
    x = dropout(x, dropout, training).mul(keep);
    NDArray mask = ids.getManager().create(causalMask(t), new Shape(t, t))
        .add(ids.eq(0).toType(DataType.FLOAT32, false).mul(MASKED).reshape(batch, 1, 1, t));
    for (int b = 0; b < options.blocks(); b++) {
      String p = "block" + b + ".";
      NDArray h = layerNorm(x, p + "ln1");
      NDArray q = splitHeads(linear(h, p + "q"), batch, t, heads, headWidth);
      NDArray k = splitHeads(linear(h, p + "k"), batch, t, heads, headWidth);
      NDArray v = splitHeads(linear(h, p + "v"), batch, t, heads, headWidth);
      NDArray attention = q.matMul(k.transpose(0, 1, 3, 2)).mul((float) (1 / Math.sqrt(headWidth))).add(mask)
          .softmax(-1);
      attention = dropout(attention, dropout, training);
      NDArray o = attention.matMul(v).transpose(0, 2, 1, 3).reshape(batch, t, d);
      x = x.add(dropout(linear(o, p + "o"), dropout, training));
      h = layerNorm(x, p + "ln2");
      NDArray f = dropout(Activation.relu(linear(h, p + "ff1")), dropout, training);
      x = x.add(dropout(linear(f, p + "ff2"), dropout, training)).mul(keep);
    }
    return layerNorm(x, "ln");
  }

  @Override
  OnnxMl.ModelProto export(long version) {
    int l = options.maxLength();
    int d = options.dimension();
    int heads = options.heads();
    int headWidth = d / heads;
    OnnxGraphBuilder g = new OnnxGraphBuilder("recstream-sasrec");
    g.input("item_ids", OnnxMl.TensorProto.DataType.INT64, OnnxGraphBuilder.BATCH, l);
    String items = initializer(g, "items");
    for (String name : parameters().keySet()) {
      if (!name.equals("items")) {
        initializer(g, name);
      }
    }
    String zero = g.longs("zero", new long[] {0});
    String keep = g.node("Cast", Map.of("to", (long) OnnxMl.TensorProto.DataType.FLOAT.getNumber()),
        g.node("Not", g.node("Equal", "item_ids", zero)));
    String keep3 = g.node("Unsqueeze", keep, g.longs("axis2", new long[] {2}, 1));
    String padding = g.node("Cast", Map.of("to", (long) OnnxMl.TensorProto.DataType.FLOAT.getNumber()),
        g.node("Equal", "item_ids", zero));
    String keyMask = g.node("Unsqueeze", g.node("Mul", padding, g.scalar("masked", MASKED)),
        g.longs("axes12", new long[] {1, 2}, 2));
    String mask = g.node("Add", g.floats("causal", causalMask(l), l, l), keyMask);

    String x = g.node("Gather", Map.of("axis", 0L), items, "item_ids");
    x = g.node("Add", g.node("Mul", x, g.scalar("sqrt_d", (float) Math.sqrt(d))), "positions");
    x = g.node("Mul", x, keep3);
    String headShape = g.longs("head_shape", new long[] {0, 0, heads, headWidth}, 4);
    String mergedShape = g.longs("merged_shape", new long[] {0, 0, d}, 3);
    String scale = g.scalar("attention_scale", (float) (1 / Math.sqrt(headWidth)));
    for (int b = 0; b < options.blocks(); b++) {
      String p = "block" + b + ".";
      String h = onnxLayerNorm(g, x, p + "ln1");
      String q = g.node("Transpose", Map.of("perm", new long[] {0, 2, 1, 3}),
          g.node("Reshape", onnxLinear(g, h, p + "q"), headShape));
      String kT = g.node("Transpose", Map.of("perm", new long[] {0, 2, 3, 1}),
          g.node("Reshape", onnxLinear(g, h, p + "k"), headShape));
      String v = g.node("Transpose", Map.of("perm", new long[] {0, 2, 1, 3}),
          g.node("Reshape", onnxLinear(g, h, p + "v"), headShape));
      String attention = g.node("Softmax", Map.of("axis", -1L),
          g.node("Add", g.node("Mul", g.node("MatMul", q, kT), scale), mask));
      String o = g.node("Reshape", g.node("Transpose", Map.of("perm", new long[] {0, 2, 1, 3}),
          g.node("MatMul", attention, v)), mergedShape);
      x = g.node("Add", x, onnxLinear(g, o, p + "o"));
      h = onnxLayerNorm(g, x, p + "ln2");
      String f = g.node("Relu", onnxLinear(g, h, p + "ff1"));
      x = g.node("Mul", g.node("Add", x, onnxLinear(g, f, p + "ff2")), keep3);
    }
    x = onnxLayerNorm(g, x, "ln");
    String newest = g.node("Gather", Map.of("axis", 1L), x, g.longs("newest", new long[] {l - 1}));
    String scores = g.node("Gemm", Map.of("transB", 1L), newest, items);
    g.output("scores", scores, OnnxMl.TensorProto.DataType.FLOAT, OnnxGraphBuilder.BATCH, numItems + 1);
    return g.build("SASRec, " + describe().encode(), version);
  }

  /** 0 where a query position may see a key (the key is not later), -1e9 where it may not. */
  private static float[] causalMask(int t) {
    float[] mask = new float[t * t];
    for (int query = 0; query < t; query++) {
      for (int key = query + 1; key < t; key++) {
        mask[query * t + key] = MASKED;
      }
    }
    return mask;
  }

  private NDArray linear(NDArray x, String name) {
    return x.matMul(parameter(name + ".weight")).add(parameter(name + ".bias"));
  }

  private NDArray layerNorm(NDArray x, String name) {
    return x.getNDArrayInternal()
        .layerNorm(x, new Shape(options.dimension()), parameter(name + ".gamma"), parameter(name + ".beta"), EPSILON)
        .head();
  }

  private static NDArray splitHeads(NDArray x, long batch, int t, int heads, int headWidth) {
    return x.reshape(batch, t, heads, headWidth).transpose(0, 2, 1, 3);
  }

  static NDArray dropout(NDArray x, float rate, boolean training) {
    return training && rate > 0 ? x.getNDArrayInternal().dropout(x, rate, true).head() : x;
  }

  private static String onnxLinear(OnnxGraphBuilder g, String x, String name) {
    return g.node("Add", g.node("MatMul", x, name + ".weight"), name + ".bias");
  }

  private static String onnxLayerNorm(OnnxGraphBuilder g, String x, String name) {
    return g.node("LayerNormalization", Map.of("axis", -1L, "epsilon", EPSILON), x, name + ".gamma", name + ".beta");
  }
}
