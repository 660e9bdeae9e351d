package dev.recstream.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recstream run --insecure} in a child JVM on the test classpath: a real process a test
 * can overload or kill. Configuration comes only from {@code env} (inherited RECSTREAM_* removed).
 */
final class ChildApp {
  private static final Logger LOG = LoggerFactory.getLogger(ChildApp.class);
  private static final Pattern HTTP_PORT = Pattern.compile("http=[^:]+:(\\d+)");

  private final Process process;
  private final Integer httpPort;

  private ChildApp(Process process, Integer httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /** Starts the app and returns once it printed that it is running. */
  static ChildApp start(int heapMb, String services, Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heapMb + "m",
        "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "run", "--insecure", "--services=" + services, "--http-port", "0"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("RECSTREAM_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> running = new CompletableFuture<>();
    Thread pump = new Thread(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("recstream is running")) {
            Matcher m = HTTP_PORT.matcher(line);
            running.complete(m.find() ? Integer.parseInt(m.group(1)) : null);
          } else if (line.contains("OutOfMemoryError") || line.contains(" ERROR ")) {
            LOG.warn("app: {}", line);
          }
        }
      } catch (Exception ignored) {
        // The process ended: so does its output.
      }
      running.completeExceptionally(new AssertionError("the app exited before it was running"));
    }, "child-app-output");
    pump.setDaemon(true);
    pump.start();
    return new ChildApp(process, running.get(120, TimeUnit.SECONDS));
  }

  /** The gateway's port; null when the child runs no gateway. */
  Integer httpPort() {
    return httpPort;
  }

  boolean isAlive() {
    return process.isAlive();
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
