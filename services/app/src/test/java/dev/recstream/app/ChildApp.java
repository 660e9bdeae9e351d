package dev.recstream.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recstream run --insecure} or {@code recstream dev} in a child JVM on the test classpath:
 * a real process a test can overload or kill. Configuration comes only from {@code env}
 * (inherited RECSTREAM_* removed).
 */
final class ChildApp {
  private static final Logger LOG = LoggerFactory.getLogger(ChildApp.class);
  private static final Pattern RUN_HTTP_PORT = Pattern.compile("http=[^:]+:(\\d+)");
  private static final Pattern DEV_HTTP_PORT = Pattern.compile("REST API +http://[^:]+:(\\d+)/");

  private final Process process;
  private final List<String> output;
  private final Integer httpPort;

  private ChildApp(Process process, List<String> output, Pattern httpPort) {
    this.process = process;
    this.output = output;
    this.httpPort = find(httpPort).map(Integer::valueOf).orElse(null);
  }

  /** Starts the app and returns once it printed that it is running. */
  static ChildApp start(int heapMb, String services, Map<String, String> env) throws Exception {
    return launch(heapMb, List.of("run", "--insecure", "--services=" + services, "--http-port", "0"), env,
        "recstream is running", RUN_HTTP_PORT);
  }

  /**
   * Starts {@code recstream dev} with {@code args} and returns once it printed its last start-up
   * line; fails with everything it printed when it exits before that.
   */
  static ChildApp dev(int heapMb, List<String> args, Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>(List.of("dev"));
    command.addAll(args);
    return launch(heapMb, command, env, "Press Ctrl-C to stop.", DEV_HTTP_PORT);
  }

  /** Runs {@code recstream args…} to its end; its exit status and output are then {@link #exitValue()} and {@link #output()}. */
  static ChildApp runToEnd(int heapMb, List<String> args, Map<String, String> env) throws Exception {
    return runToEnd(heapMb, args, env, true);
  }

  /**
   * As {@link #runToEnd(int, List, Map)}; without {@code exitOnOutOfMemory} the JVM runs as
   * {@code java -jar} does, so recstream's own out-of-memory handling shows.
   */
  static ChildApp runToEnd(int heapMb, List<String> args, Map<String, String> env, boolean exitOnOutOfMemory)
      throws Exception {
    Process process = builder(heapMb, args, env, exitOnOutOfMemory).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread pump = pump(process, lines, line -> { });
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("recstream " + args + " did not end within 120 s: " + lines);
    }
    pump.join(5_000);
    return new ChildApp(process, lines, RUN_HTTP_PORT);
  }

  private static ChildApp launch(int heapMb, List<String> args, Map<String, String> env, String lastStartLine,
      Pattern httpPort) throws Exception {
    Process process = builder(heapMb, args, env, true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> started = new CompletableFuture<>();
    Thread pump = pump(process, lines, line -> {
      if (line.startsWith(lastStartLine)) {
        started.complete(null);
      }
    });
    process.onExit().thenRun(() -> {
      try {
        pump.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      started.completeExceptionally(new IllegalStateException("exit status " + process.exitValue()));
    });
    try {
      started.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new AssertionError("recstream " + args + " did not start; it printed:\n" + String.join("\n", lines), e);
    }
    return new ChildApp(process, lines, httpPort);
  }

  private static ProcessBuilder builder(int heapMb, List<String> args, Map<String, String> env, boolean exitOnOutOfMemory) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heapMb + "m"));
    if (exitOnOutOfMemory) {
      command.add("-XX:+ExitOnOutOfMemoryError");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("RECSTREAM_"));
    builder.environment().putAll(env);
    return builder;
  }

  /** Copies the process's output into {@code lines} on a daemon thread, line by line through {@code onLine}. */
  private static Thread pump(Process process, List<String> lines, Consumer<String> onLine) {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread pump = new Thread(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
          onLine.accept(line);
          if (line.contains("OutOfMemoryError") || line.contains(" ERROR ")) {
            LOG.warn("app: {}", line);
          }
        }
      } catch (Exception ignored) {
        // The process ended: so does its output.
      }
    }, "child-app-output");
    pump.setDaemon(true);
    pump.start();
    return pump;
  }

  /** A loopback port free right now, for a child to listen on (fixed ports survive its restart). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The first group of {@code pattern} in the output so far. */
  Optional<String> find(Pattern pattern) {
    for (String line : output) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** Every line the process printed so far (stdout and stderr). */
  List<String> output() {
    return List.copyOf(output);
  }

  /** The gateway's port; null when the child runs no gateway. */
  Integer httpPort() {
    return httpPort;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no drain, no commit. Returns the exit status. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    return process.exitValue();
  }

  /** SIGTERM and a wait for the clean shutdown. */
  void stop() throws InterruptedException {
    process.destroy();
    process.waitFor(60, TimeUnit.SECONDS);
  }
}
