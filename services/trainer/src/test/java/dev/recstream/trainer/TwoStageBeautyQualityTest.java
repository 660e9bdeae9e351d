package dev.recstream.trainer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.EvaluationResult;
import dev.recstream.model.eval.ProgressListener;
import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import dev.recstream.trainer.data.ReaderOptions;
import dev.recstream.trainer.data.SharedDatasets;
import dev.recstream.trainer.report.EvaluationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #3's quality bar on the real Amazon Beauty split (CONTRACT §7, full ranking), raised with
 * issue #12's reranker: the {@code default} model (the two-stage model) reaches NDCG@10 ≥ 0.071
 * (0.0723 with its boosted-tree reranker; the linear ranker alone gives 0.0691) and beats the
 * co-occurrence baseline of the same run by at least 12%. About a minute and a half on 2 cores; skipped when ../shared/datasets is absent.
 */
@DisplayName("The default (two-stage) model on Amazon Beauty")
class TwoStageBeautyQualityTest {
  private static final Logger LOG = LoggerFactory.getLogger(TwoStageBeautyQualityTest.class);

  @Test
  @DisplayName("reaches NDCG@10 ≥ 0.071 in full ranking and beats co-occurrence by at least 12%")
  void beatsTheBar() throws Exception {
    Path file = beauty();
    assumeTrue(file != null, "../shared/datasets/amazon-beauty is not present: skipping the Beauty quality test");
    SequenceDataset dataset = DatasetReaders.read(file, DatasetFormat.SEQUENCES, ReaderOptions.DEFAULTS);
    EvaluationReport report = OfflineEvaluation.run(dataset, List.of("cooc", "default"), EvaluationOptions.defaults(),
        model -> ProgressListener.NONE);
    LOG.info("Beauty evaluation\n{}", report.toMarkdown());
    double cooc = ndcg10(report.results().get(0));
    double twoStage = ndcg10(report.results().get(1));
    assertTrue(twoStage >= 0.071, "two-stage NDCG@10 " + twoStage + " is below 0.071");
    assertTrue(twoStage >= 1.12 * cooc, "two-stage NDCG@10 " + twoStage + " is not 12% above cooc's " + cooc);
    assertTrue(report.results().get(1).trainSeconds() < 600, "training took more than 10 minutes");
  }

  private static double ndcg10(EvaluationResult result) {
    return result.full().get("NDCG@10");
  }

  private static Path beauty() {
    return SharedDatasets.folder().map(d -> d.resolve("amazon-beauty/sequences.txt")).filter(Files::exists).orElse(null);
  }
}
