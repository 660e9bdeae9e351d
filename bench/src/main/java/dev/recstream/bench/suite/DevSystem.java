package dev.recstream.bench.suite;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code recstream dev} from a given jar, as a child process with {@code -Xmx2g}: embedded
 * PostgreSQL and Kafka and every service, with a data directory of its own, optionally serving a
 * model package. Only the jar's command line and what {@code dev} prints when ready are used, so
 * that an older build can be measured by the same suite.
 */
final class DevSystem implements AutoCloseable {
  private static final long READY_SECONDS = 180;
  private static final Pattern PG_URL = Pattern.compile("RECSTREAM_PG_URL=(\\S+)");
  private static final Pattern KAFKA = Pattern.compile("RECSTREAM_KAFKA_BOOTSTRAP=(\\S+)");

  private final Path jar;
  private final Process process;
  private final Thread stopOnExit;
  private final String http;
  private final String pg;
  private final String kafka;

  private DevSystem(Path jar, Process process, Thread stopOnExit, int port, String log) {
    this.jar = jar;
    this.process = process;
    this.stopOnExit = stopOnExit;
    this.http = "http://127.0.0.1:" + port;
    this.pg = find(PG_URL, log);
    this.kafka = find(KAFKA, log);
  }

  /**
   * Starts {@code recstream dev} in {@code dir} (created; the log is {@code dir/dev.log}) and waits
   * until it says it is ready.
   *
   * @param modelPackage a package directory to serve (copied into the data directory's models), or
   *     null for the built-in streaming model
   */
  static DevSystem start(Path jar, Path modelPackage, int port, Path dir) throws IOException, InterruptedException {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    if (modelPackage != null) {
      copyTree(modelPackage, data.resolve("models").resolve(modelPackage.getFileName()));
    }
    Path log = dir.resolve("dev.log");
    ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx2g", "-jar", jar.toString(), "dev", "--data-dir",
        data.toString(), "--http-port", Integer.toString(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(new File("/dev/null"));
    withoutRecstreamSettings(builder);
    Process process = builder.start();
    Thread stopOnExit = new Thread(process::destroy, "stop-recstream-dev");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    return new DevSystem(jar, process, stopOnExit, port, awaitReady(process, log));
  }

  private static String awaitReady(Process process, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log);
      if (text.contains("is ready")) {
        return text;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("recstream dev exited with code " + process.exitValue()
            + " before it was ready; its output:\n" + text);
      }
      Thread.sleep(200);
    }
    process.destroy();
    throw new IllegalStateException("recstream dev was not ready within " + READY_SECONDS + " s; see " + log);
  }

  String http() {
    return http;
  }

  String pg() {
    return pg;
  }

  String kafka() {
    return kafka;
  }

  long pid() {
    return process.pid();
  }

  /** {@code recstream import --format sequences dataset} into this system's PostgreSQL; its last line of output. */
  String importSequences(Path dataset) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar.toString(), "import", "--format", "sequences",
        dataset.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(new File("/dev/null"));
    withoutRecstreamSettings(builder).put("RECSTREAM_PG_URL", pg);
    Process importer = builder.start();
    List<String> lines = new ArrayList<>(new String(importer.getInputStream().readAllBytes()).lines().toList());
    if (importer.waitFor() != 0 || lines.isEmpty()) {
      throw new IllegalStateException("recstream import of " + dataset + " failed with code " + importer.exitValue()
          + ": " + String.join("\n", lines));
    }
    return lines.get(lines.size() - 1);
  }

  /** SIGTERM (dev stops its services, Kafka and PostgreSQL in order), forcibly after a minute. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Runtime.getRuntime().removeShutdownHook(stopOnExit);
  }

  private static String find(Pattern pattern, String log) {
    Matcher m = pattern.matcher(log);
    if (!m.find()) {
      throw new IllegalStateException("recstream dev did not print " + pattern.pattern().replace("(\\S+)", "")
          + " when ready; its output:\n" + log);
    }
    return m.group(1);
  }

  /**
   * The caller's RECSTREAM_* variables removed: the system is configured by its flags alone, and
   * recstream refuses variables it does not know (such as the suite's own RECSTREAM_BENCH_*).
   */
  private static Map<String, String> withoutRecstreamSettings(ProcessBuilder builder) {
    builder.environment().keySet().removeIf(name -> name.startsWith("RECSTREAM_"));
    return builder.environment();
  }

  /** The java launcher running this suite, so the system runs on the same JDK. */
  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
