package dev.recstream.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the real datasets of ../shared/datasets for the tests that use them (absent in a user's clone). */
public final class SharedDatasets {
  private SharedDatasets() {}

  /** The {@code shared/datasets} folder beside the working directory or one of its ancestors. */
  public static Optional<Path> folder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("datasets");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
