package dev.recstream.model;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model package's {@code items.txt} (CONTRACT §6): line n holds the id of item index n
 * (1-based). Every package kind reads it here, so the line-to-index rule lives in one place.
 */
public final class VocabularyFile {
  private VocabularyFile() {}

  /**
   * Reads a vocabulary file.
   *
   * @throws IOException naming the file and line when an id repeats: a repeat would silently
   *     shift every later index by one against the model's rows
   */
  public static ItemVocabulary read(Path file) throws IOException {
    ItemVocabulary vocabulary = new ItemVocabulary();
    int lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        int index = vocabulary.add(line);
        if (index != lineNumber) {
          throw new IOException(file + " line " + lineNumber + ": item '" + line + "' already is on line " + index
              + "; line n must hold the id of item index n, so ids must be unique");
        }
      }
    }
    return vocabulary;
  }

  /** Writes {@code vocabulary} so that line n holds the id of item index n. */
  public static void write(Path file, ItemVocabulary vocabulary) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 1; i <= vocabulary.size(); i++) {
        out.write(vocabulary.idOf(i));
        out.write('\n');
      }
    }
  }
}
