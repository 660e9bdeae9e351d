package dev.recstream.trainer.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.rank.OnnxRanker;
import dev.recstream.trainer.rank.RankerOptions.Solver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

@DisplayName("RankerTraining fits a logistic-regression ranker whose ONNX export scores like Tribuo")
class RankerTrainingTest {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(RankerTrainingTest.class);
  private static final int FEATURES = 19;
  private static final List<String> NAMES = RankerTraining.numberedNames("f", FEATURES);
  private static final SyntheticRows DATA = SyntheticRows.generate(5_000, FEATURES, 0.5, 42);
  private static final SyntheticRows TRAIN = DATA.slice(0, 4_000);
  private static final SyntheticRows HELD_OUT = DATA.slice(4_000, 5_000);

  @TempDir Path dir;

  private static TrainedRanker train(Solver solver) {
    RankerOptions options = RankerOptions.defaults().withSolver(solver).withPenalty(1e-4, TRAIN.rows().length);
    return RankerTraining.train(TRAIN.rows(), TRAIN.positive(), NAMES, options);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Solver.class)
  @DisplayName("the trained ranker separates held-out rows with an AUC above 0.9")
  void heldOutAuc(Solver solver) {
    TrainedRanker ranker = train(solver);
    double[] scores = new double[HELD_OUT.rows().length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = ranker.predictWithTribuo(HELD_OUT.rows()[i]);
    }

    double auc = SyntheticRows.auc(scores, HELD_OUT.positive());

    LOG.info("held-out auc solver={} auc={}", solver, String.format("%.4f", auc));
    assertTrue(auc > 0.9, "AUC " + auc);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Solver.class)
  @DisplayName("ONNX scores equal Tribuo's own predictions on 1,000 rows within 1e-5")
  void onnxMatchesTribuo(Solver solver) {
    TrainedRanker ranker = train(solver);
    Path file = dir.resolve("ranker-" + solver + ".onnx");
    ranker.exportOnnx(file, 1);
    float[] flat = scaledRows(ranker, HELD_OUT.rows());

    float[] onnx;
    try (OnnxRanker scorer = OnnxRanker.open(file, ranker.positiveIndex())) {
      onnx = scorer.score(flat, HELD_OUT.rows().length, FEATURES);
    }

    double maxDifference = 0;
    for (int i = 0; i < onnx.length; i++) {
      double tribuo = ranker.predictWithTribuo(HELD_OUT.rows()[i]);
      assertEquals(tribuo, onnx[i], 1e-5, "row " + i);
      maxDifference = Math.max(maxDifference, Math.abs(tribuo - onnx[i]));
    }
    LOG.info("onnx vs tribuo solver={} rows={} maxAbsDifference={}", solver, onnx.length, maxDifference);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Solver.class)
  @DisplayName("ONNX log-odds are the logit of the ONNX score, and linear in the row for a logistic regression")
  void logOddsAreLinear(Solver solver) {
    TrainedRanker ranker = train(solver);
    Path file = dir.resolve("ranker-odds-" + solver + ".onnx");
    ranker.exportOnnx(file, 1);
    float[] flat = scaledRows(ranker, HELD_OUT.rows());
    int rows = HELD_OUT.rows().length;
    try (OnnxRanker scorer = OnnxRanker.open(file, ranker.positiveIndex())) {
      float[] p = scorer.score(flat, rows, FEATURES);
      double[] odds = scorer.logOdds(flat, rows, FEATURES);
      for (int i = 0; i < rows; i++) {
        if (p[i] > 1e-4 && p[i] < 1 - 1e-4) {
          assertEquals(Math.log(p[i] / (1 - p[i])), odds[i], 1e-3, "row " + i);
        }
      }
      float[] zero = new float[FEATURES];
      float[] unit = new float[FEATURES];
      unit[3] = 1f;
      float[] twice = new float[FEATURES];
      twice[3] = 2f;
      double bias = scorer.logOdds(zero, 1, FEATURES)[0];
      double step = scorer.logOdds(unit, 1, FEATURES)[0] - bias;
      assertEquals(bias + 2 * step, scorer.logOdds(twice, 1, FEATURES)[0], 1e-4);
    }
  }

  @Test
  @DisplayName("feature names that do not sort in the given order are refused, naming the culprit")
  void refusesMisSortedNames() {
    List<String> names = new ArrayList<>(NAMES);
    names.set(2, "f2");  // "f2" sorts after "f03" … "f18", so Tribuo would move its column

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RankerTraining.train(TRAIN.rows(), TRAIN.positive(), names, RankerOptions.defaults()));

    assertTrue(e.getMessage().contains("\"f03\" (column 3) does not sort after \"f2\" (column 2)"), e.getMessage());
  }

  @Test
  @DisplayName("a constant feature keeps its column (z-scored to 0), so the ONNX input stays 19 wide")
  void keepsConstantFeature() {
    float[][] rows = new float[TRAIN.rows().length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = TRAIN.rows()[i].clone();
      rows[i][5] = 3f;
    }
    Path file = dir.resolve("constant.onnx");

    TrainedRanker ranker = RankerTraining.train(rows, TRAIN.positive(), NAMES, RankerOptions.defaults());
    ranker.exportOnnx(file, 1);

    assertEquals(1.0, ranker.scaler().stds()[5]);
    try (OnnxRanker scorer = OnnxRanker.open(file, ranker.positiveIndex())) {
      assertEquals(FEATURES, scorer.featureCount());
    }
  }

  @Test
  @DisplayName("numbered names are zero-padded so that they sort in numeric order")
  void numberedNamesSort() {
    assertEquals(List.of("x0", "x1", "x2"), RankerTraining.numberedNames("x", 3));
    assertEquals("f00", NAMES.get(0));
    assertEquals("f18", NAMES.get(18));
    RankerTraining.checkSortedNames(RankerTraining.numberedNames("f", 1_000));
  }

  @Test
  @DisplayName("options out of range are refused with the field's name")
  void refusesBadOptions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RankerOptions.defaults().withCost(0));
    assertEquals("RankerOptions.cost must be a finite number > 0, not 0.0.", e.getMessage());
    assertEquals(1.0 / (1e-4 * 1_600_000), RankerOptions.costForPenalty(1e-4, 1_600_000), 1e-15);
  }

  @Test
  @DisplayName("training with a single class is refused")
  void refusesOneClass() {
    boolean[] allNegative = new boolean[TRAIN.rows().length];

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RankerTraining.train(TRAIN.rows(), allNegative, NAMES, RankerOptions.defaults()));
    assertEquals("Training needs both classes but 0 of 4000 rows are positive.", e.getMessage());
  }

  @Test
  @DisplayName("Tribuo's logging level is restored after training")
  void restoresTribuoLogging() {
    Logger tribuo = Logger.getLogger("org.tribuo");
    tribuo.setLevel(Level.FINE);
    try {
      train(Solver.SGD);
      assertEquals(Level.FINE, tribuo.getLevel());
    } finally {
      tribuo.setLevel(null);
    }
  }

  @Test
  @DisplayName("OnnxRanker refuses rows of the wrong width and scores correctly from several threads")
  void scorerShapeAndThreads() throws Exception {
    TrainedRanker ranker = train(Solver.LIBLINEAR);
    Path file = dir.resolve("ranker.onnx");
    ranker.exportOnnx(file, 1);
    float[] flat = scaledRows(ranker, HELD_OUT.rows());
    int rows = HELD_OUT.rows().length;

    try (OnnxRanker scorer = OnnxRanker.open(file, ranker.positiveIndex())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.score(flat, 10, 18));
      assertTrue(e.getMessage().startsWith("Rows have 18 features but the ranker model " + file.toAbsolutePath()
          + " takes 19."), e.getMessage());

      float[] expected = scorer.score(flat, rows, FEATURES);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int batch = 1 + 97 * t;  // different batch sizes make the shared buffer grow mid-run
          results.add(pool.submit(() -> {
            for (int k = 0; k < 200; k++) {
              int from = (k * 13) % (rows - batch);
              float[] part = Arrays.copyOfRange(flat, from * FEATURES, (from + batch) * FEATURES);
              float[] got = scorer.score(part, batch, FEATURES);
              for (int i = 0; i < batch; i++) {
                assertEquals(expected[from + i], got[i], 0f);
              }
            }
            return null;
          }));
        }
        for (Future<?> result : results) {
          result.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
    assertThrows(IllegalArgumentException.class, () -> OnnxRanker.open(file, 2).close());
  }

  /** Z-scores rows into one row-major buffer, as the scoring service will. */
  static float[] scaledRows(TrainedRanker ranker, float[][] rawRows) {
    int width = rawRows[0].length;
    float[] flat = new float[rawRows.length * width];
    for (int i = 0; i < rawRows.length; i++) {
      System.arraycopy(rawRows[i], 0, flat, i * width, width);
    }
    ranker.scaler().applyRows(flat, rawRows.length);
    return flat;
  }
}
