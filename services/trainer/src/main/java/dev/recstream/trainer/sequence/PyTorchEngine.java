package dev.recstream.trainer.sequence;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;

/**
 * DJL's PyTorch engine from the native library on the classpath ({@code pytorch-native-cpu}),
 * never downloaded: offline mode, the bundled version and flavour, and a bounded thread count
 * (STACK.md). Settings already given (environment or system properties) win.
 */
final class PyTorchEngine {
  static final String VERSION = "2.7.1";

  private PyTorchEngine() {}

  /**
   * The engine, its intra-op threads set to {@code threads} the first time (PyTorch fixes them
   * once per process).
   *
   * @throws IllegalStateException with one sentence when the native library cannot be loaded
   */
  static synchronized Engine get(int threads) {
    setDefault("ai.djl.offline", "true");
    setDefault("PYTORCH_VERSION", VERSION);
    setDefault("PYTORCH_FLAVOR", "cpu");
    setDefault("ai.djl.pytorch.num_threads", Integer.toString(threads));
    setDefault("ai.djl.pytorch.num_interop_threads", "1");
    try {
      return Engine.getEngine("PyTorch");
    } catch (EngineException | IllegalArgumentException e) {
      throw new IllegalStateException("PyTorch (for training sequence models) could not be loaded: " + e.getMessage()
          + "; the native library is bundled for linux-x86_64 only", e);
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getenv(key) == null && System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
