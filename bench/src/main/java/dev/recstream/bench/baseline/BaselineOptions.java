package dev.recstream.bench.baseline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What one baselines run does. A record rather than picocli fields so that a suite runner or a
 * test can build one without a command line; {@link #of} uses the command line's sizes and
 * {@link #withSizes} makes a run small.
 *
 * @param kafka {@code host:port} of a running broker, or null to skip the Kafka baseline
 * @param pg {@code postgresql://user:pass@host:port/db}, or null to skip the PostgreSQL baseline
 * @param httpRate requests per second of the open-loop HTTP run
 * @param seconds length of each HTTP run (open loop, then closed loop)
 * @param packageDir a model package directory with {@code ranker.onnx}, or null to skip ONNX
 * @param only the baselines to run; empty for every one whose input is given
 * @param out directory for results.md and results.json, or null to write nothing
 * @param kafkaRecords records the Kafka baseline sends
 * @param pgRows rows the PostgreSQL baseline inserts in batches
 */
public record BaselineOptions(String kafka, String pg, int httpRate, int seconds, Path packageDir, Set<String> only,
    Path out, int kafkaRecords, int pgRows) {
  /** Every baseline, in the order they run. */
  public static final List<String> NAMES = List.of("kafka", "pg", "http", "onnx");

  public BaselineOptions {
    only = only == null ? Set.of() : Set.copyOf(only);
    for (String name : only) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("--only: unknown baseline \"" + name + "\"; choose from " + String.join(",", NAMES));
      }
    }
    for (String name : only) {
      if (missingInput(name, kafka, pg, packageDir) != null) {
        throw new IllegalArgumentException("--only " + name + ": " + missingInput(name, kafka, pg, packageDir));
      }
    }
    if (kafka != null && !kafka.matches("[^:/\\s]+:\\d+(,[^:/\\s]+:\\d+)*")) {
      throw new IllegalArgumentException("--kafka: must be host:port, got " + kafka);
    }
    if (pg != null && !(pg.startsWith("postgresql://") || pg.startsWith("postgres://"))) {
      throw new IllegalArgumentException("--pg: must be a postgresql://user:pass@host:port/db URL, got " + pg);
    }
    if (packageDir != null && !Files.isRegularFile(packageDir.resolve("ranker.onnx"))) {
      throw new IllegalArgumentException("--package: " + packageDir + " is not a model package directory with ranker.onnx");
    }
    positive("--http-rate", httpRate);
    positive("--seconds", seconds);
    positive("kafkaRecords", kafkaRecords);
    positive("pgRows", pgRows);
  }

  /** The command line's sizes: 300,000 Kafka records, 500,000 PostgreSQL rows. */
  public static BaselineOptions of(String kafka, String pg, int httpRate, int seconds, Path packageDir,
      Set<String> only, Path out) {
    return new BaselineOptions(kafka, pg, httpRate, seconds, packageDir, only, out,
        KafkaBaseline.DEFAULT_RECORDS, PgBaseline.DEFAULT_ROWS);
  }

  public BaselineOptions withSizes(int records, int rows) {
    return new BaselineOptions(kafka, pg, httpRate, seconds, packageDir, only, out, records, rows);
  }

  /** The baselines chosen, in run order: those named by {@code only}, or all. */
  List<String> chosen() {
    return NAMES.stream().filter(n -> only.isEmpty() || only.contains(n)).toList();
  }

  /** Why baseline {@code name} cannot run, or null if its input is given. */
  String missingInput(String name) {
    return missingInput(name, kafka, pg, packageDir);
  }

  private static String missingInput(String name, String kafka, String pg, Path packageDir) {
    return switch (name) {
      case "kafka" -> kafka == null ? "needs --kafka host:port" : null;
      case "pg" -> pg == null ? "needs --pg URL" : null;
      case "onnx" -> packageDir == null ? "needs --package DIR" : null;
      default -> null;
    };
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": must be 1 or more, got " + value);
    }
  }
}
