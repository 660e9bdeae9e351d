package dev.recstream.model.rank;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process-wide ONNX Runtime environment, created on a thread with a large stack.
 *
 * <p>Why: when ONNX Runtime 1.29.0 (Linux) creates its environment, its telemetry reads {@code
 * /proc/self/cmdline} and matches it with a recursive {@code std::regex}, using roughly 250 bytes
 * of native stack per command-line character. A JVM started with a classpath of a few KB (an IDE,
 * {@code java -cp …}) overflows the 1 MB default Java thread stack there and dies with SIGSEGV,
 * leaving no hs_err file. 1.28.0 has no such code. Sessions and runs afterwards are unaffected,
 * so only the creation moves to a 256 MB stack (reserved address space, touched only as needed).
 *
 * <p>Public because every ONNX model in the process (the ranker here, packaged sequence models
 * in {@code dev.recstream.model.sequence}) must get its environment through this one holder.
 */
public final class OrtEnvironmentHolder {
  private static final long INIT_STACK_BYTES = 256L << 20;
  private static OrtEnvironment environment;

  private OrtEnvironmentHolder() {}

  /**
   * The shared environment, created on first use; never closed, as every session in the process
   * uses it. (Not a static initializer: the init thread's lambda would wait for this class's
   * initialization, which waits for the thread.)
   */
  public static synchronized OrtEnvironment environment() {
    if (environment == null) {
      environment = create();
    }
    return environment;
  }

  private static OrtEnvironment create() {
    AtomicReference<OrtEnvironment> environment = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread init = new Thread(null, () -> {
      try {
        environment.set(OrtEnvironment.getEnvironment());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "onnxruntime-init", INIT_STACK_BYTES);
    init.start();
    try {
      init.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the ONNX Runtime environment.", e);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("ONNX Runtime could not create its environment: " + failure.get(), failure.get());
    }
    return environment.get();
  }
}
