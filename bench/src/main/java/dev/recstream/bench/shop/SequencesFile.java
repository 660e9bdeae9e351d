package dev.recstream.bench.shop;

import dev.recstream.shared.event.EventType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code sequences} format: {@code user item item …} per line, items in time order; types and
 * times are dropped. The items' categories go to {@value #ATTRIBUTES_FILE} beside it, in S3-Rec's
 * {@code {"item": [attributeId]}} shape, because that is the name the sequences reader looks for
 * next to the file it reads (as for Amazon Beauty).
 */
final class SequencesFile implements EventSink {
  static final String ATTRIBUTES_FILE = "item2attributes.json";

  private final AsciiOut out;

  SequencesFile(Path file) throws IOException {
    this.out = new AsciiOut(file);
  }

  @Override
  public void beginUser(int user) throws IOException {
    out.write(user);
  }

  @Override
  public void event(int user, int item, EventType type, long epochMillis, int category) throws IOException {
    out.write(' ').write(item);
  }

  @Override
  public void endUser() throws IOException {
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** Writes every item's category, {@code {"1": [7], "2": [3], …}}, as the file beside {@code file}. */
  static Path writeAttributes(Catalog catalog, Path file) throws IOException {
    Path attributes = file.toAbsolutePath().resolveSibling(ATTRIBUTES_FILE);
    try (AsciiOut json = new AsciiOut(attributes)) {
      json.write('{');
      for (int item = 1; item <= catalog.items(); item++) {
        json.write(item == 1 ? "\"" : ", \"").write(item).write("\": [").write(catalog.categoryOf(item)).write(']');
      }
      json.write("}\n");
    }
    return attributes;
  }
}
