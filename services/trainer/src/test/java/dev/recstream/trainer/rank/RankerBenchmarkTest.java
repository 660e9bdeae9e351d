package dev.recstream.trainer.rank;

import dev.recstream.model.rank.OnnxRanker;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timings for the report; nothing here asserts a duration. The 1.6 M-row training takes ~15 s and
 * ~1.7 GB of heap, so it runs only with {@code -Drecstream.benchmark=true}.
 */
@DisplayName("Ranker timings (logged, not asserted)")
class RankerBenchmarkTest {
  private static final Logger LOG = LoggerFactory.getLogger(RankerBenchmarkTest.class);
  private static final int FEATURES = 19;
  private static final int WARM_UP_CALLS = 2_000;
  private static final int TIMED_CALLS = 5_000;

  @TempDir Path dir;

  @Test
  @DisplayName("OnnxRanker.score takes microseconds for a batch of 1 and of 200 rows")
  void scoringTime() {
    SyntheticRows data = SyntheticRows.generate(5_000, FEATURES, 0.5, 7);
    TrainedRanker ranker = RankerTraining.train(
        data.rows(), data.positive(), RankerTraining.numberedNames("f", FEATURES), RankerOptions.defaults());
    Path file = dir.resolve("ranker.onnx");
    ranker.exportOnnx(file, 1);
    float[] flat = RankerTrainingTest.scaledRows(ranker, Arrays.copyOf(data.rows(), 200));

    try (OnnxRanker scorer = OnnxRanker.open(file, ranker.positiveIndex())) {
      for (int batch : new int[] {1, 200}) {
        long[] nanos = time(scorer, flat, batch);
        LOG.info("onnx score batch={} calls={} medianMicros={} p99Micros={}", batch, nanos.length,
            micros(nanos[nanos.length / 2]), micros(nanos[nanos.length * 99 / 100]));
      }
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "recstream.benchmark", matches = "true")
  @DisplayName("LIBLINEAR trains on 1.6 M rows × 19 features in seconds")
  void trainingTime() {
    int rows = 1_600_000;
    SyntheticRows data = SyntheticRows.generate(rows, FEATURES, 2.0, 11);
    RankerOptions options = RankerOptions.defaults().withPenalty(1e-4, rows);

    long start = System.nanoTime();
    TrainedRanker ranker = RankerTraining.train(
        data.rows(), data.positive(), RankerTraining.numberedNames("f", FEATURES), options);
    long millis = (System.nanoTime() - start) / 1_000_000;

    LOG.info("liblinear training rows={} features={} cost={} millis={} positiveIndex={}",
        rows, FEATURES, options.cost(), millis, ranker.positiveIndex());
  }

  private static long[] time(OnnxRanker scorer, float[] flat, int batch) {
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      scorer.score(flat, batch, FEATURES);
    }
    long[] nanos = new long[TIMED_CALLS];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      scorer.score(flat, batch, FEATURES);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static String micros(long nanos) {
    return String.format("%.1f", nanos / 1_000.0);
  }
}
