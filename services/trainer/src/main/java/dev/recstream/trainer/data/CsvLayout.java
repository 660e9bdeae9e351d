package dev.recstream.trainer.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the events-csv columns are and how to read them.
 *
 * @param positions 0-based field index per known column
 * @param header whether the file's first line is a header
 * @param seconds whether numeric timestamps are always epoch seconds (else detected per value)
 * @param typeNames maps a file's type values to recstream's; unmapped values are kept as given
 */
record CsvLayout(Map<CsvColumn, Integer> positions, boolean header, boolean seconds, Map<String, String> typeNames) {
  /** The name that skips a column in {@code --columns}. */
  static final String SKIP = "_";

  /** Taobao UserBehavior: {@code userId,itemId,categoryId,behavior,timestampSeconds}, no header. */
  private static final CsvLayout TAOBAO = new CsvLayout(
      positionsOf(List.of("userId", "itemId", "category", "type", "ts")), false, true,
      Map.of("pv", "view", "cart", "add_to_cart", "fav", "click", "buy", "purchase"));
  private static final Map<String, CsvLayout> PRESETS = Map.of("taobao", TAOBAO);

  CsvLayout {
    positions = Collections.unmodifiableMap(new EnumMap<>(positions));
    typeNames = Map.copyOf(typeNames);
  }

  /**
   * The layout the options name, or empty when they name none and the file's header decides.
   *
   * @throws IllegalArgumentException naming the option when a column or preset is unknown
   */
  static Optional<CsvLayout> fromOptions(ReaderOptions options) {
    if (options.preset() != null) {
      return Optional.of(preset(options.preset()));
    }
    if (!options.columns().isEmpty()) {
      return Optional.of(new CsvLayout(positionsOf(options.columns()), false, false, Map.of()));
    }
    return Optional.empty();
  }

  /** The layout a header line names; columns it does not know are ignored. */
  static CsvLayout fromHeader(List<String> names, LineCursor lines) throws MalformedDatasetException {
    Map<CsvColumn, Integer> positions = new EnumMap<>(CsvColumn.class);
    for (int i = 0; i < names.size(); i++) {
      int position = i;
      CsvColumn.named(names.get(i)).ifPresent(column -> positions.putIfAbsent(column, position));
    }
    if (!positions.containsKey(CsvColumn.USER_ID) || !positions.containsKey(CsvColumn.ITEM_ID)) {
      throw lines.error("expected a header naming at least userId and itemId (known columns: "
          + CsvColumn.canonicalNames() + "), got '" + String.join(",", names) + "'; a file without a header needs its "
          + "columns named (--columns, e.g. userId,itemId,category,type,ts) or a preset (--preset " + String.join(", ", PRESETS.keySet()) + ")");
    }
    return new CsvLayout(positions, true, false, Map.of());
  }

  boolean has(CsvColumn column) {
    return positions.containsKey(column);
  }

  /** The column's 0-based field index; call only when {@link #has} says so. */
  int position(CsvColumn column) {
    return positions.get(column);
  }

  /** How many fields a row needs at least. */
  int width() {
    return positions.values().stream().mapToInt(p -> p + 1).max().orElse(0);
  }

  /** The recstream type for the file's type value. */
  String typeName(String raw) {
    return typeNames.getOrDefault(raw, raw);
  }

  /** The column names in field order, e.g. "userId,itemId,ts": for error messages. */
  String describe() {
    String[] names = new String[width()];
    Arrays.fill(names, SKIP);
    positions.forEach((column, position) -> names[position] = column.canonicalName());
    return String.join(",", names);
  }

  private static CsvLayout preset(String name) {
    CsvLayout layout = PRESETS.get(name);
    if (layout == null) {
      throw new IllegalArgumentException("preset: unknown events-csv preset '" + name + "'; valid presets are " + String.join(", ", PRESETS.keySet()));
    }
    return layout;
  }

  private static Map<CsvColumn, Integer> positionsOf(List<String> names) {
    Map<CsvColumn, Integer> positions = new EnumMap<>(CsvColumn.class);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.equals(SKIP)) {
        continue;
      }
      CsvColumn column = CsvColumn.named(name).orElseThrow(() -> new IllegalArgumentException(
          "columns: unknown column '" + name + "'; valid columns are " + CsvColumn.canonicalNames() + " and " + SKIP + " to skip one"));
      if (positions.put(column, i) != null) {
        throw new IllegalArgumentException("columns: " + column.canonicalName() + " is named twice");
      }
    }
    if (!positions.containsKey(CsvColumn.USER_ID) || !positions.containsKey(CsvColumn.ITEM_ID)) {
      throw new IllegalArgumentException("columns: must name at least userId and itemId, got " + String.join(",", names));
    }
    return positions;
  }
}
