package dev.recstream.trainer.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small builder of ONNX graphs over the ONNX protobuf classes (which tribuo-onnx ships): named
 * inputs and outputs, initializers, and nodes of any standard operator, each node's output named
 * for it. Tribuo's own builder knows a fixed operator list without MatMul, Softmax or
 * LayerNormalization, which a Transformer needs.
 *
 * <p>Dimensions given as {@link #BATCH} become the symbolic dimension {@code batch}. Nodes of
 * another domain (such as {@link #ML_DOMAIN}'s tree ensembles) import that domain's opset.
 */
public final class OnnxGraphBuilder {
  /** A dimension of any size, named {@code batch} in the graph. */
  public static final long BATCH = -1;
  /** Opset 17 brings LayerNormalization; ONNX Runtime 1.29 runs it. */
  static final long OPSET = 17;
  /** The domain of the classical machine-learning operators, e.g. {@code TreeEnsembleRegressor}. */
  public static final String ML_DOMAIN = "ai.onnx.ml";
  /** The {@link #ML_DOMAIN} opset that goes with opset 17 (ONNX 1.12); ONNX Runtime 1.29 runs it. */
  static final long ML_OPSET = 3;
  /** The IR version that goes with opset 17. */
  private static final long IR_VERSION = 8;

  private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
  private final Map<String, Long> opsets = new TreeMap<>(Map.of("", OPSET));
  private int nodes;

  public OnnxGraphBuilder(String name) {
    graph.setName(name);
  }

  /** Declares a graph input. */
  public OnnxGraphBuilder input(String name, OnnxMl.TensorProto.DataType type, long... dims) {
    graph.addInput(valueInfo(name, type, dims));
    return this;
  }

  /** Declares a graph output; {@code from} is the node output it takes (renamed by an Identity node). */
  public OnnxGraphBuilder output(String name, String from, OnnxMl.TensorProto.DataType type, long... dims) {
    graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName("output_" + name)
        .addInput(from).addOutput(name));
    graph.addOutput(valueInfo(name, type, dims));
    return this;
  }

  /** A float initializer, row-major; returns its name. */
  public String floats(String name, float[] values, long... dims) {
    checkSize(name, values.length, dims);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return initializer(name, OnnxMl.TensorProto.DataType.FLOAT, bytes, dims);
  }

  /** An int64 initializer; returns its name. */
  public String longs(String name, long[] values, long... dims) {
    checkSize(name, values.length, dims);
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asLongBuffer().put(values);
    return initializer(name, OnnxMl.TensorProto.DataType.INT64, bytes, dims);
  }

  /** A float scalar initializer (rank 0). */
  public String scalar(String name, float value) {
    return floats(name, new float[] {value});
  }

  /** A node of operator {@code op} on {@code inputs}; returns the name of its (single) output. */
  public String node(String op, String... inputs) {
    return node(op, Map.of(), inputs);
  }

  /**
   * A node with attributes: Integer or Long values become INT, Float or Double FLOAT, long[]
   * INTS, float[] FLOATS, String STRING, String[] STRINGS.
   */
  public String node(String op, Map<String, Object> attributes, String... inputs) {
    return nodeWithOutputs(op, 1, attributes, inputs)[0];
  }

  /** A node with {@code outputs} outputs, named in order; an input "" is an omitted optional one. */
  public String[] nodeWithOutputs(String op, int outputs, Map<String, Object> attributes, String... inputs) {
    return nodeWithOutputs("", op, outputs, attributes, inputs);
  }

  /** A node of {@link #ML_DOMAIN}, whose opset the model then imports. */
  public String mlNode(String op, Map<String, Object> attributes, String... inputs) {
    opsets.put(ML_DOMAIN, ML_OPSET);
    return nodeWithOutputs(ML_DOMAIN, op, 1, attributes, inputs)[0];
  }

  private String[] nodeWithOutputs(String domain, String op, int outputs, Map<String, Object> attributes,
      String... inputs) {
    String name = op.toLowerCase() + "_" + nodes++;
    OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(name).setDomain(domain);
    String[] names = new String[outputs];
    for (int i = 0; i < outputs; i++) {
      names[i] = outputs == 1 ? name : name + "_" + i;
      node.addOutput(names[i]);
    }
    for (String input : inputs) {
      node.addInput(input);
    }
    attributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(entry -> node.addAttribute(attribute(entry.getKey(), entry.getValue())));
    graph.addNode(node);
    return names;
  }

  public OnnxMl.ModelProto build(String docString, long version) {
    OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
        .setGraph(graph)
        .setIrVersion(IR_VERSION);
    opsets.forEach((domain, opset) ->
        model.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(opset)));
    return model
        .setProducerName("recstream")
        .setDomain("dev.recstream")
        .setModelVersion(version)
        .setDocString(docString)
        .build();
  }

  private String initializer(String name, OnnxMl.TensorProto.DataType type, ByteBuffer bytes, long... dims) {
    OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
        .setRawData(ByteString.copyFrom(bytes.array()));
    for (long dim : dims) {
      tensor.addDims(dim);
    }
    graph.addInitializer(tensor);
    return name;
  }

  private static void checkSize(String name, int length, long... dims) {
    long size = 1;
    for (long dim : dims) {
      size *= dim;
    }
    if (size != length) {
      throw new IllegalArgumentException(
          "initializer " + name + ": " + length + " values do not fill the shape " + Arrays.toString(dims));
    }
  }

  private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, long... dims) {
    OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
    for (long dim : dims) {
      shape.addDim(dim == BATCH ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
          : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
    }
    return OnnxMl.ValueInfoProto.newBuilder().setName(name)
        .setType(OnnxMl.TypeProto.newBuilder().setTensorType(
            OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
        .build();
  }

  private static OnnxMl.AttributeProto attribute(String name, Object value) {
    OnnxMl.AttributeProto.Builder attribute = OnnxMl.AttributeProto.newBuilder().setName(name);
    if (value instanceof Integer || value instanceof Long) {
      attribute.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
    } else if (value instanceof Float || value instanceof Double) {
      attribute.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
    } else if (value instanceof long[] values) {
      attribute.setType(OnnxMl.AttributeProto.AttributeType.INTS);
      for (long v : values) {
        attribute.addInts(v);
      }
    } else if (value instanceof float[] values) {
      attribute.setType(OnnxMl.AttributeProto.AttributeType.FLOATS);
      for (float v : values) {
        attribute.addFloats(v);
      }
    } else if (value instanceof String text) {
      attribute.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(text));
    } else if (value instanceof String[] texts) {
      attribute.setType(OnnxMl.AttributeProto.AttributeType.STRINGS);
      for (String text : texts) {
        attribute.addStrings(ByteString.copyFromUtf8(text));
      }
    } else {
      throw new IllegalArgumentException("attribute " + name + ": unsupported value type " + value.getClass().getName());
    }
    return attribute.build();
  }
}
