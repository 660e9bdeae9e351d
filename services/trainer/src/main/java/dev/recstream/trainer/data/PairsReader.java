package dev.recstream.trainer.data;

import dev.recstream.model.SequenceDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code user item} lines, time-ordered per user; users may interleave. */
final class PairsReader implements DatasetReader {

  @Override
  public SequenceDataset read(Path path) throws IOException {
    SequenceBuilder builder = new SequenceBuilder(false, false);
    try (LineCursor lines = new LineCursor(path)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        List<String> fields = Fields.whitespace(line);
        if (fields.size() != 2) {
          throw lines.error("expected 'user item', got " + Fields.count(fields.size()));
        }
        builder.add(fields.get(0), fields.get(1));
      }
    }
    return builder.build(path.getFileName().toString());
  }
}
