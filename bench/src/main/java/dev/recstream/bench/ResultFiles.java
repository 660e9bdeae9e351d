package dev.recstream.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How every benchmark keeps its results: {@code results.json} for tools, {@code results.md} for people. */
public final class ResultFiles {
  private ResultFiles() {}

  /** Writes both files into {@code dir}, creating it if needed. */
  public static void write(Path dir, JsonObject json, String markdown) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.json"), json.encodePrettily() + "\n");
    Files.writeString(dir.resolve("results.md"), markdown);
  }
}
