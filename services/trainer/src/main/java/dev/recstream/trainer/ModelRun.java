package dev.recstream.trainer;

import dev.recstream.model.NextItemModel;
import dev.recstream.trainer.report.ModelFailure;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model's turn in an evaluation: its failure becomes its row instead of ending the run, and a
 * model holding native resources (an ONNX Runtime session) lets them go when its turn ends.
 */
final class ModelRun {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRun.class);

  private ModelRun() {}

  /** Runs {@code work} for {@code model}; a failure, out of memory too, is added to {@code failures}. */
  static void guarded(NextItemModel model, List<ModelFailure> failures, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | OutOfMemoryError e) {
      // Out of memory too: the failed model's structures are garbage once it is dropped, and
      // the next, smaller model usually fits.
      ModelFailure failure = ModelFailure.of(model.name(), e);
      LOG.warn("model failed model={} reason={}", model.name(), failure.reason());
      LOG.debug("model failed model={}", model.name(), e);
      failures.add(failure);
    } finally {
      if (model instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("model did not close model={} reason={}", model.name(), e.toString());
        }
      }
    }
  }
}
