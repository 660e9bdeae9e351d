package dev.recstream.trainer.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streams a text file's non-blank lines and knows the 1-based number of the current one. */
final class LineCursor implements Closeable {
  private final BufferedReader reader;
  private final String fileName;
  private long number;

  LineCursor(Path file) throws IOException {
    this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    this.fileName = file.getFileName().toString();
  }

  /** The next non-blank line, without a byte-order mark, or null at the end of the file. */
  String next() throws IOException {
    String line;
    do {
      try {
        line = reader.readLine();
      } catch (CharacterCodingException e) {
        // A binary file (an archive, a model) or another encoding: say so, not "Input length = 1".
        throw new MalformedDatasetException(fileName, number + 1,
            "not UTF-8 text; is it the dataset itself (uncompressed), in the format given by --format?");
      }
      number++;
    } while (line != null && line.isBlank());
    if (line != null && number == 1 && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    return line;
  }

  /** The 1-based number of the line {@link #next()} last returned. */
  long number() {
    return number;
  }

  /** The file's name, as error messages give it. */
  String fileName() {
    return fileName;
  }

  /** An error about the current line. */
  MalformedDatasetException error(String problem) {
    return new MalformedDatasetException(fileName, number, problem);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
