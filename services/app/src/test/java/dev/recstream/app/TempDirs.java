package dev.recstream.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the temporary directories integration tests run their servers in. An overload run
 * leaves close to 2 GB of Kafka and PostgreSQL data; left behind, a few dozen local runs fill a
 * disk. Called after the servers using the directory have stopped.
 */
final class TempDirs {

  private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

  private TempDirs() {
  }

  /**
   * Deletes {@code dir} and everything under it. Never throws: a file that cannot be deleted is
   * logged and left, since the test's verdict does not depend on its clean-up.
   */
  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      // Deepest first, so each directory is empty when its turn comes.
      paths.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteOne);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete all of {}: {}", dir, e.toString());
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
