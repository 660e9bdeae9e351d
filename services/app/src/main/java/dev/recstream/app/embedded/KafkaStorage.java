package dev.recstream.app.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a KRaft log directory: reuses the cluster id recorded in {@code meta.properties} or
 * mints a new one, then runs the storage tool's {@code format} command, which is a no-op on a
 * directory that is already formatted.
 */
final class KafkaStorage {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaStorage.class);
  private static final String META_PROPERTIES = "meta.properties";
  private static final String CLUSTER_ID_KEY = "cluster.id";

  private KafkaStorage() {
  }

  /** Whether the directory holds a formatted KRaft node. */
  static boolean isFormatted(Path logDir) {
    return Files.isRegularFile(logDir.resolve(META_PROPERTIES));
  }

  /**
   * The cluster id of an already formatted directory, or a fresh random one. Reusing the id
   * matters: a node refuses to start on a directory formatted for another cluster.
   */
  static String clusterId(Path logDir) {
    Path meta = logDir.resolve(META_PROPERTIES);
    if (!Files.isRegularFile(meta)) {
      return Uuid.randomUuid().toString();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the Kafka cluster id from " + meta + ": " + e.getMessage(), e);
    }
    String id = properties.getProperty(CLUSTER_ID_KEY);
    if (id == null || id.isBlank()) {
      throw new IllegalStateException("the Kafka metadata file " + meta + " has no " + CLUSTER_ID_KEY);
    }
    return id;
  }

  /**
   * Formats {@code logDir} for {@code clusterId} with the broker's own configuration, leaving an
   * already formatted directory untouched.
   */
  static void format(Path logDir, String clusterId, Properties brokerProperties) {
    Path configFile = writeTemporaryConfig(brokerProperties);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      int exitCode = StorageTool$.MODULE$.execute(new String[] {
        "format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"}, printStream);
      logToolOutput(output);
      if (exitCode != 0) {
        throw new IllegalStateException("the storage tool exited with code " + exitCode + ": " + output);
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not format the Kafka log directory " + logDir
          + " for cluster " + clusterId + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(configFile);
    }
  }

  /** The storage tool only reads configuration from a file; keep it out of the log directory. */
  private static Path writeTemporaryConfig(Properties properties) {
    try {
      Path file = Files.createTempFile("recstream-kafka-", ".properties");
      try (OutputStream out = Files.newOutputStream(file)) {
        properties.store(out, "written for kafka-storage format; deleted right after");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a temporary Kafka configuration file: " + e.getMessage(), e);
    }
  }

  private static void logToolOutput(ByteArrayOutputStream output) {
    output.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> !line.isBlank())
        .forEach(line -> LOG.debug("kafka-storage: {}", line));
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete the temporary Kafka configuration file={} reason={}", file, e.getMessage());
    }
  }
}
