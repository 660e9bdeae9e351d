package dev.recstream.trainer.data;

import dev.recstream.model.SequenceDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code user item item …} lines (whitespace-separated, items in time order). A file
 * {@code item2attributes.json} beside it supplies the items' attributes.
 */
final class SequencesReader implements DatasetReader {
  static final String ATTRIBUTES_FILE = "item2attributes.json";

  @Override
  public SequenceDataset read(Path path) throws IOException {
    SequenceBuilder builder = new SequenceBuilder(false, false);
    try (LineCursor lines = new LineCursor(path)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        addLine(builder, lines, line);
      }
    }
    Path attributes = path.resolveSibling(ATTRIBUTES_FILE);
    if (Files.isRegularFile(attributes)) {
      ItemAttributesFile.read(attributes, builder);
    }
    return builder.build(path.getFileName().toString());
  }

  private static void addLine(SequenceBuilder builder, LineCursor lines, String line) throws MalformedDatasetException {
    List<String> fields = Fields.whitespace(line);
    if (fields.size() < 2) {
      throw lines.error("expected 'user item item …', got " + Fields.count(fields.size()));
    }
    String userId = fields.get(0);
    for (int i = 1; i < fields.size(); i++) {
      builder.add(userId, fields.get(i));
    }
  }
}
