package dev.recstream.trainer.rank;

import ai.onnx.proto.OnnxMl;
import dev.recstream.model.rank.FeatureScaler;
import dev.recstream.trainer.onnx.OnnxGraphBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradient-boosted regression trees that rank each user's candidates (XGBoost's LambdaMART,
 * objective {@code rank:ndcg}, one query group per user), read back from XGBoost's JSON model
 * into plain arrays and exported as one ONNX {@code TreeEnsembleRegressor} node — so serving needs
 * ONNX Runtime only, as for the linear ranker.
 *
 * <p>The ONNX graph takes {@code "input"} float {@code [-1, features]} (z-scored rows, as the
 * trees were trained on) and returns {@code "output"} float {@code [-1, 1]}: the logistic
 * function of the ensemble's margin. The logistic keeps the score in (0, 1), where the two-stage
 * scorer expects a candidate's score; it does not change the order, and a LambdaMART margin is
 * not a calibrated probability.
 */
public final class BoostedTrees {
  private static final Logger LOG = LoggerFactory.getLogger(BoostedTrees.class);
  /** XGBoost's marker of "no value"; our rows have none, and 0 is a value. */
  private static final float MISSING = Float.NaN;

  /** One tree in XGBoost's layout: node {@code n} is a leaf when {@code left[n] < 0}. */
  record Tree(int[] left, int[] right, int[] feature, float[] threshold, float[] leafValue, boolean[] defaultLeft) {
    float value(float[] row) {
      int n = 0;
      while (left[n] >= 0) {
        float x = row[feature[n]];
        n = Float.isNaN(x) ? (defaultLeft[n] ? left[n] : right[n]) : (x < threshold[n] ? left[n] : right[n]);
      }
      return leafValue[n];
    }
  }

  private final List<Tree> trees;
  private final float baseScore;
  private final int featureCount;
  private final BoostedTreeOptions options;

  private BoostedTrees(List<Tree> trees, float baseScore, int featureCount, BoostedTreeOptions options) {
    this.trees = List.copyOf(trees);
    this.baseScore = baseScore;
    this.featureCount = featureCount;
    this.options = options;
  }

  /** Thrown when XGBoost's native library cannot be loaded on this machine. */
  public static final class UnavailableException extends RuntimeException {
    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Fits the ensemble.
   *
   * @param scaledRows z-scored rows, row-major ({@link #flatten}), each user's rows together
   * @param features the values per row
   * @param positive whether each row is its user's next item
   * @param groups the number of rows of each user, in row order; they sum to the rows
   * @throws UnavailableException if XGBoost's native library cannot be loaded
   * @throws IllegalStateException if XGBoost fails
   */
  public static BoostedTrees train(float[] scaledRows, int features, boolean[] positive, int[] groups,
      BoostedTreeOptions options) {
    int rows = positive.length;
    if ((long) rows * features != scaledRows.length) {
      throw new IllegalArgumentException(
          scaledRows.length + " values are not " + rows + " rows of " + features + " features");
    }
    checkGroups(groups, rows);
    long started = System.nanoTime();
    DMatrix matrix = null;
    Booster booster = null;
    try {
      matrix = new DMatrix(scaledRows, rows, features, MISSING);
      float[] labels = new float[positive.length];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = positive[i] ? 1 : 0;
      }
      matrix.setLabel(labels);
      matrix.setGroup(groups);
      booster = XGBoost.train(matrix, parameters(options), options.trees(), Map.of(), null, null);
      BoostedTrees trained = fromJson(booster.toByteArray("json"), options);
      LOG.info("boosted trees trained rows={} users={} trees={} nodes={} millis={}", rows, groups.length,
          trained.trees.size(), trained.nodeCount(), (System.nanoTime() - started) / 1_000_000);
      return trained;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost could not train the ranker: " + e.getMessage(), e);
    } catch (LinkageError e) {
      throw new UnavailableException("XGBoost's native library could not be loaded (" + e.getMessage()
          + "); on Debian it needs the package libgomp1", e);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      if (matrix != null) {
        matrix.dispose();
      }
    }
  }

  /**
   * The rows in one row-major array, z-scored by {@code scaler} (null: as they are): the one copy
   * of the rows that training needs besides XGBoost's own, off the heap.
   */
  public static float[] flatten(float[][] rows, FeatureScaler scaler) {
    int features = rows.length == 0 ? 0 : rows[0].length;
    float[] flat = new float[rows.length * features];
    float[] row = new float[features];
    for (int i = 0; i < rows.length; i++) {
      if (scaler == null) {
        System.arraycopy(rows[i], 0, flat, i * features, features);
      } else {
        scaler.apply(rows[i], row);
        System.arraycopy(row, 0, flat, i * features, features);
      }
    }
    return flat;
  }

  /** The rows as XGBoost's dense matrix, NaN meaning "missing". */
  static DMatrix matrix(float[][] rows) throws XGBoostError {
    return new DMatrix(flatten(rows, null), rows.length, rows.length == 0 ? 0 : rows[0].length, MISSING);
  }

  /** XGBoost's parameters for {@code options}. */
  static Map<String, Object> parameters(BoostedTreeOptions options) {
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "rank:ndcg");
    p.put("tree_method", "hist");
    p.put("eta", options.learningRate());
    p.put("max_depth", options.maxDepth());
    p.put("min_child_weight", options.minChildWeight());
    p.put("subsample", options.subsample());
    p.put("colsample_bytree", options.columnSample());
    p.put("nthread", options.threads());
    p.put("seed", options.seed());
    p.put("verbosity", 0);
    return p;
  }

  /**
   * Reads the trees of an XGBoost model saved as JSON ({@code Booster.toByteArray("json")}): per
   * tree, the arrays {@code left_children}, {@code right_children}, {@code split_indices}, {@code
   * split_conditions} (a leaf's value at a leaf) and {@code default_left}; the model's {@code
   * base_score}, which XGBoost writes as {@code "5E-1"} or, since 3.0, {@code "[5E-1]"}.
   *
   * @throws IllegalArgumentException if the model is not a single-target tree ensemble
   */
  static BoostedTrees fromJson(byte[] json, BoostedTreeOptions options) {
    JsonObject learner = new JsonObject(new String(json, StandardCharsets.UTF_8)).getJsonObject("learner");
    JsonObject parameters = learner.getJsonObject("learner_model_param");
    String numTarget = parameters.getString("num_target", "1");
    if (!"1".equals(numTarget) || !"0".equals(parameters.getString("num_class", "0"))) {
      throw new IllegalArgumentException("only a single-target XGBoost model can be read, not num_target=" + numTarget
          + " num_class=" + parameters.getString("num_class"));
    }
    float baseScore = Float.parseFloat(parameters.getString("base_score").replace("[", "").replace("]", ""));
    int features = Integer.parseInt(parameters.getString("num_feature"));
    JsonObject booster = learner.getJsonObject("gradient_booster");
    if (!"gbtree".equals(booster.getString("name"))) {
      throw new IllegalArgumentException("only a gbtree XGBoost model can be read, not " + booster.getString("name"));
    }
    JsonArray treeArray = booster.getJsonObject("model").getJsonArray("trees");
    List<Tree> trees = new ArrayList<>(treeArray.size());
    for (int t = 0; t < treeArray.size(); t++) {
      trees.add(tree(treeArray.getJsonObject(t), features, t));
    }
    return new BoostedTrees(trees, baseScore, features, options);
  }

  private static Tree tree(JsonObject json, int features, int index) {
    int[] left = ints(json.getJsonArray("left_children"));
    int[] right = ints(json.getJsonArray("right_children"));
    int[] feature = ints(json.getJsonArray("split_indices"));
    JsonArray conditions = json.getJsonArray("split_conditions");
    JsonArray defaults = json.getJsonArray("default_left");
    int n = left.length;
    float[] threshold = new float[n];
    float[] leafValue = new float[n];
    boolean[] defaultLeft = new boolean[n];
    for (int i = 0; i < n; i++) {
      float condition = conditions.getNumber(i).floatValue();
      boolean leaf = left[i] < 0;
      threshold[i] = leaf ? 0 : condition;
      leafValue[i] = leaf ? condition : 0;
      defaultLeft[i] = defaults.getInteger(i) != 0;
      if (!leaf && (feature[i] < 0 || feature[i] >= features || left[i] >= n || right[i] < 0 || right[i] >= n)) {
        throw new IllegalArgumentException("tree " + index + " node " + i + " splits on feature " + feature[i]
            + " into " + left[i] + "/" + right[i] + ", outside its " + features + " features or " + n + " nodes");
      }
    }
    return new Tree(left, right, feature, threshold, leafValue, defaultLeft);
  }

  private static int[] ints(JsonArray array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.getInteger(i);
    }
    return values;
  }

  /** The ensemble's margin for one z-scored row: base score plus one leaf per tree. */
  public float margin(float[] row) {
    float sum = baseScore;
    for (Tree tree : trees) {
      sum += tree.value(row);
    }
    return sum;
  }

  /** The number of trees. */
  public int treeCount() {
    return trees.size();
  }

  /** The number of nodes over all trees. */
  public int nodeCount() {
    int nodes = 0;
    for (Tree tree : trees) {
      nodes += tree.left().length;
    }
    return nodes;
  }

  /** The number of features a row has. */
  public int featureCount() {
    return featureCount;
  }

  /** What model.json says of the ranker. */
  public JsonObject describe() {
    return new JsonObject()
        .put("kind", "gradient-boosted-trees")
        .put("objective", "rank:ndcg")
        .put("trees", trees.size())
        .put("nodes", nodeCount())
        .put("maxDepth", options.maxDepth())
        .put("learningRate", options.learningRate());
  }

  /**
   * The ensemble as ONNX: one {@code ai.onnx.ml.TreeEnsembleRegressor} (splits {@code BRANCH_LT},
   * XGBoost's {@code x < threshold} goes left; a missing value follows {@code default_left}),
   * summed over trees from the base score, then a {@code Sigmoid} node.
   */
  public OnnxMl.ModelProto onnx(long version) {
    int nodes = nodeCount();
    long[] treeIds = new long[nodes];
    long[] nodeIds = new long[nodes];
    long[] featureIds = new long[nodes];
    String[] modes = new String[nodes];
    float[] values = new float[nodes];
    long[] trueIds = new long[nodes];
    long[] falseIds = new long[nodes];
    long[] missingTrue = new long[nodes];
    int leaves = 0;
    for (Tree tree : trees) {
      for (int n = 0; n < tree.left().length; n++) {
        leaves += tree.left()[n] < 0 ? 1 : 0;
      }
    }
    long[] targetTreeIds = new long[leaves];
    long[] targetNodeIds = new long[leaves];
    long[] targetIds = new long[leaves];
    float[] targetWeights = new float[leaves];
    int i = 0;
    int leaf = 0;
    for (int t = 0; t < trees.size(); t++) {
      Tree tree = trees.get(t);
      for (int n = 0; n < tree.left().length; n++, i++) {
        treeIds[i] = t;
        nodeIds[i] = n;
        if (tree.left()[n] < 0) {
          modes[i] = "LEAF";
          targetTreeIds[leaf] = t;
          targetNodeIds[leaf] = n;
          targetWeights[leaf++] = tree.leafValue()[n];
        } else {
          modes[i] = "BRANCH_LT";
          featureIds[i] = tree.feature()[n];
          values[i] = tree.threshold()[n];
          trueIds[i] = tree.left()[n];
          falseIds[i] = tree.right()[n];
          missingTrue[i] = tree.defaultLeft()[n] ? 1 : 0;
        }
      }
    }
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("aggregate_function", "SUM");
    // ONNX Runtime 1.29 leaves a regressor's post_transform LOGISTIC unapplied: a Sigmoid node does it.
    attributes.put("post_transform", "NONE");
    attributes.put("n_targets", 1L);
    attributes.put("base_values", new float[] {baseScore});
    attributes.put("nodes_treeids", treeIds);
    attributes.put("nodes_nodeids", nodeIds);
    attributes.put("nodes_featureids", featureIds);
    attributes.put("nodes_modes", modes);
    attributes.put("nodes_values", values);
    attributes.put("nodes_truenodeids", trueIds);
    attributes.put("nodes_falsenodeids", falseIds);
    attributes.put("nodes_missing_value_tracks_true", missingTrue);
    attributes.put("target_treeids", targetTreeIds);
    attributes.put("target_nodeids", targetNodeIds);
    attributes.put("target_ids", targetIds);
    attributes.put("target_weights", targetWeights);
    OnnxGraphBuilder graph = new OnnxGraphBuilder("recstream-ranker-boosted-trees");
    graph.input("input", OnnxMl.TensorProto.DataType.FLOAT, OnnxGraphBuilder.BATCH, featureCount);
    String margins = graph.mlNode("TreeEnsembleRegressor", attributes, "input");
    String scores = graph.node("Sigmoid", margins);
    graph.output("output", scores, OnnxMl.TensorProto.DataType.FLOAT, OnnxGraphBuilder.BATCH, 1);
    return graph.build("recstream two-stage ranker: " + trees.size() + " gradient-boosted trees (XGBoost rank:ndcg)",
        version);
  }

  private static void checkGroups(int[] groups, int rows) {
    if (groups == null) {
      throw new IllegalArgumentException("boosted trees rank each user's rows against each other: give the rows' groups");
    }
    long sum = 0;
    for (int g : groups) {
      if (g <= 0) {
        throw new IllegalArgumentException("every user's group must hold at least one row, not " + g);
      }
      sum += g;
    }
    if (sum != rows) {
      throw new IllegalArgumentException("the groups hold " + sum + " rows but there are " + rows);
    }
  }
}
