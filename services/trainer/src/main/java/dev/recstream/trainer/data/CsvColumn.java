package dev.recstream.trainer.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The columns the events-csv reader understands, with the header spellings it accepts. */
enum CsvColumn {
  USER_ID("userId", Set.of("userid", "user", "visitorid", "customerid")),
  ITEM_ID("itemId", Set.of("itemid", "item", "productid")),
  TYPE("type", Set.of("type", "event", "eventtype", "behavior", "behaviour", "action")),
  TS("ts", Set.of("ts", "timestamp", "time", "eventtime", "datetime")),
  CATEGORY("category", Set.of("category", "categoryid", "cat"));

  private final String canonicalName;
  private final Set<String> spellings;

  CsvColumn(String canonicalName, Set<String> spellings) {
    this.canonicalName = canonicalName;
    this.spellings = spellings;
  }

  String canonicalName() {
    return canonicalName;
  }

  /** The column a header or {@code --columns} name means, ignoring case, '_', '-' and blanks. */
  static Optional<CsvColumn> named(String name) {
    String normalized = name.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
    return Arrays.stream(values()).filter(c -> c.spellings.contains(normalized)).findFirst();
  }

  /** "userId, itemId, type, ts, category": for error messages. */
  static String canonicalNames() {
    return Arrays.stream(values()).map(CsvColumn::canonicalName).collect(Collectors.joining(", "));
  }
}
