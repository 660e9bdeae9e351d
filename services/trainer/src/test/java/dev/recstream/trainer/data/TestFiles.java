package dev.recstream.trainer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the small dataset files the reader tests read. */
final class TestFiles {
  private TestFiles() {}

  /** Writes {@code lines}, each ending in a newline, to {@code dir/name}. */
  static Path write(Path dir, String name, String... lines) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }
}
