package dev.recstream.trainer.data;

import dev.recstream.model.SequenceDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads an events CSV: at least {@code userId,itemId}, optionally {@code type}, {@code ts} (epoch
 * seconds or milliseconds, or ISO-8601) and {@code category}. Each user's events are sorted by
 * time when there is a {@code ts} column (ties keep file order), else kept in file order. Type
 * values are kept as given unless a preset maps them; categories become item attributes, as
 * dense 1-based category indices in first-sight order.
 */
final class EventsCsvReader implements DatasetReader {
  private final CsvLayout explicitLayout;

  /** @param explicitLayout the layout of a headerless file, or null to take it from the header */
  EventsCsvReader(CsvLayout explicitLayout) {
    this.explicitLayout = explicitLayout;
  }

  @Override
  public SequenceDataset read(Path path) throws IOException {
    try (LineCursor lines = new LineCursor(path)) {
      String first = lines.next();
      if (first == null) {
        return new SequenceBuilder(false, false).build(path.getFileName().toString());
      }
      CsvLayout layout = explicitLayout != null ? explicitLayout : CsvLayout.fromHeader(Fields.csv(first), lines);
      Rows rows = new Rows(layout, lines);
      String row = layout.header() ? lines.next() : first;
      for (; row != null; row = lines.next()) {
        rows.add(Fields.csv(row));
      }
      return rows.builder.build(path.getFileName().toString());
    }
  }

  /** One file's rows going into a builder. */
  private static final class Rows {
    private final CsvLayout layout;
    private final LineCursor lines;
    private final SequenceBuilder builder;
    private final CategoryAttributes categories = new CategoryAttributes();

    Rows(CsvLayout layout, LineCursor lines) {
      this.layout = layout;
      this.lines = lines;
      this.builder = new SequenceBuilder(layout.has(CsvColumn.TS), layout.has(CsvColumn.TYPE));
    }

    void add(List<String> fields) throws MalformedDatasetException {
      if (fields.size() < layout.width()) {
        throw lines.error("expected " + layout.width() + " fields (" + layout.describe() + "), got " + fields.size());
      }
      long ts = timestamp(fields);
      String type = layout.has(CsvColumn.TYPE) ? layout.typeName(fields.get(layout.position(CsvColumn.TYPE))) : null;
      int item = builder.add(required(fields, CsvColumn.USER_ID), required(fields, CsvColumn.ITEM_ID), ts, ts, type);
      if (layout.has(CsvColumn.CATEGORY)) {
        categories.add(builder, item, fields.get(layout.position(CsvColumn.CATEGORY)));
      }
    }

    private String required(List<String> fields, CsvColumn column) throws MalformedDatasetException {
      String value = fields.get(layout.position(column));
      if (value.isEmpty()) {
        throw lines.error(column.canonicalName() + " is empty");
      }
      return value;
    }

    private long timestamp(List<String> fields) throws MalformedDatasetException {
      if (!layout.has(CsvColumn.TS)) {
        return 0L;
      }
      try {
        return Timestamps.toMillis(fields.get(layout.position(CsvColumn.TS)), layout.seconds());
      } catch (IllegalArgumentException e) {
        throw lines.error("ts: " + e.getMessage());
      }
    }
  }
}
