package dev.recstream.app;

import dev.recstream.shared.catalog.CatalogItem;
import dev.recstream.trainer.data.Fields;
import dev.recstream.trainer.data.MalformedDatasetException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a catalog file for {@code recstream import-catalog}: JSON Lines (one item object per
 * line) or CSV whose header names the columns, each record validated as {@code PUT
 * /v1/items/{itemId}} validates a body ({@link CatalogItem#problems}). A bad record is reported and
 * skipped; of several records with one itemId the last wins.
 */
final class CatalogLines {
  /** The columns a CSV header may name; attributes need JSON Lines. */
  static final List<String> CSV_COLUMNS = List.of("itemId", "title", "brand", "category", "price", "available");

  private CatalogLines() {}

  enum Format {
    JSON_LINES, CSV;

    /** {@code jsonl} or {@code csv} when given; otherwise CSV for a {@code .csv} file, JSON Lines for any other. */
    static Format of(String name, Path file) {
      if (name == null) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : JSON_LINES;
      }
      return switch (name) {
        case "jsonl" -> JSON_LINES;
        case "csv" -> CSV;
        default -> throw new IllegalArgumentException("--format: must be jsonl or csv, was '" + name + "'");
      };
    }
  }

  /** What one record gave: the item, or why it is skipped ({@code "field: rule"}, several joined by "; "). */
  record Line(CatalogItem item, String problem) {
    static Line bad(String problem) {
      return new Line(null, problem);
    }
  }

  /**
   * A file read.
   *
   * @param items the distinct items in the order their ids first appear, each as its last record
   *     gave it
   * @param records the records read, valid or not (blank lines are not records)
   */
  record Catalog(List<CatalogItem> items, long records, long skipped, long duplicates) {}

  /**
   * Reads every record of {@code file}, telling {@code badRecord} of each skipped one as {@code
   * "<file> line N: field: rule"}.
   *
   * @throws MalformedDatasetException when the file is not UTF-8 text or a CSV header is unusable
   */
  static Catalog read(Path file, Format format, Consumer<String> badRecord) throws IOException {
    String name = file.getFileName().toString();
    Map<String, CatalogItem> items = new LinkedHashMap<>();
    long records = 0;
    long skipped = 0;
    long number = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<String> header = null;
      for (String text = readLine(reader, name, number); text != null; text = readLine(reader, name, number)) {
        number++;
        if (number == 1 && text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        if (text.isBlank()) {
          continue;
        }
        if (format == Format.CSV && header == null) {
          header = csvHeader(text, name, number);
          continue;
        }
        records++;
        Line line = format == Format.CSV ? csv(header, text) : json(text);
        if (line.item() == null) {
          skipped++;
          badRecord.accept(name + " line " + number + ": " + line.problem());
        } else {
          items.put(line.item().itemId(), line.item());
        }
      }
    }
    return new Catalog(List.copyOf(items.values()), records, skipped, records - skipped - items.size());
  }

  private static String readLine(BufferedReader reader, String name, long number) throws IOException {
    try {
      return reader.readLine();
    } catch (CharacterCodingException e) {
      throw new MalformedDatasetException(name, number + 1, "not UTF-8 text; is it the catalog itself (uncompressed)?");
    }
  }

  /** One JSON Lines record: an object with {@code itemId} and the fields of {@code PUT /v1/items/{itemId}}. */
  static Line json(String text) {
    JsonObject record;
    try {
      record = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return Line.bad("not a JSON object");
    }
    return validate(record);
  }

  /**
   * The item a record describes, or its problems: {@code itemId} must be there and a string, the
   * rest is checked by {@link CatalogItem#problems}.
   */
  static Line validate(JsonObject record) {
    Object id = record.getValue("itemId");
    JsonObject body = record.copy();
    body.remove("itemId");
    String itemId = id instanceof String s ? s : null;
    List<String> problems = new ArrayList<>(CatalogItem.problems(itemId, body));
    if (itemId == null) {
      problems.removeIf(p -> p.startsWith("itemId: "));
      problems.add(0, id == null ? "itemId: required" : "itemId: must be a string");
    }
    return problems.isEmpty() ? new Line(CatalogItem.of(itemId, body), null) : Line.bad(String.join("; ", problems));
  }

  /** The columns a header names: each one of {@link #CSV_COLUMNS}, once, itemId among them. */
  static List<String> csvHeader(String text, String file, long number) throws MalformedDatasetException {
    List<String> columns = Fields.csv(text);
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      if (column.equals("attributes")) {
        throw new MalformedDatasetException(file, number,
            "attributes are not supported in CSV; give the catalog as JSON Lines to import attributes");
      }
      if (!CSV_COLUMNS.contains(column)) {
        throw new MalformedDatasetException(file, number,
            "unknown column '" + column + "' in the header; columns are " + String.join(", ", CSV_COLUMNS));
      }
      if (!seen.add(column)) {
        throw new MalformedDatasetException(file, number, "column '" + column + "' appears twice in the header");
      }
    }
    if (!seen.contains("itemId")) {
      throw new MalformedDatasetException(file, number, "the header has no itemId column");
    }
    return columns;
  }

  /**
   * One CSV record under {@code header}: an empty field is an absent value; price is a number and
   * available true or false, else the record gets the rule they break.
   */
  static Line csv(List<String> header, String text) {
    List<String> fields = Fields.csv(text);
    if (fields.size() != header.size()) {
      return Line.bad("expected " + header.size() + " fields as in the header, found " + fields.size());
    }
    JsonObject record = new JsonObject();
    for (int i = 0; i < fields.size(); i++) {
      String value = fields.get(i);
      if (!value.isEmpty()) {
        record.put(header.get(i), typed(header.get(i), value));
      }
    }
    return validate(record);
  }

  /** A price as a number and available as a boolean when they read as such; the text as it is otherwise. */
  private static Object typed(String column, String value) {
    if (column.equals("price")) {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        return value;
      }
    }
    if (column.equals("available") && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(value);
    }
    return value;
  }
}
