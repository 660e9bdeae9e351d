package dev.recstream.trainer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plain-text files of a model package: one line per item, sequence or attribute list. */
final class PackageFiles {
  private PackageFiles() {}

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
