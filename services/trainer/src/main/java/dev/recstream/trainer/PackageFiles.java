package dev.recstream.trainer;

import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of a model package beside its ONNX graphs: the opening fields every {@code
 * model.json} has, and plain-text lines per item, sequence or attribute list.
 */
public final class PackageFiles {
  private PackageFiles() {}

  /** {@code kind}, {@code version} (digits), {@code created} (now), {@code training}, {@code metrics}: CONTRACT §6's model.json fields. */
  public static JsonObject metadata(String kind, long version, JsonObject training, JsonObject metrics) {
    return new JsonObject()
        .put("kind", kind)
        .put("version", Long.toString(version))
        .put("created", Instant.now().toString())
        .put("training", training)
        .put("metrics", metrics);
  }

  /** One line per sequence: its item indices separated by spaces. */
  static void writeIndexLines(Path file, List<int[]> sequences) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int[] sequence : sequences) {
        for (int i = 0; i < sequence.length; i++) {
          if (i > 0) {
            out.write(' ');
          }
          out.write(Integer.toString(sequence[i]));
        }
        out.write('\n');
      }
    }
  }

  /** One line per item with attributes: the item index, then its attribute ids. */
  static void writeAttributes(Path file, Map<Integer, int[]> attributes) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Map.Entry<Integer, int[]> e : new TreeMap<>(attributes).entrySet()) {
        out.write(Integer.toString(e.getKey()));
        for (int a : e.getValue()) {
          out.write(' ');
          out.write(Integer.toString(a));
        }
        out.write('\n');
      }
    }
  }
}
