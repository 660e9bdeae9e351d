package dev.recstream.trainer.data;

import java.util.Arrays;
import java.util.List;

/**
 * Options of the {@code events-csv} reader: explicit columns for a headerless file, or a named
 * preset. Both empty means the file's first line is a header naming its columns.
 *
 * @param columns column names in file order (e.g. {@code userId,itemId,category,type,ts}); empty
 *     when the file has a header
 * @param preset a named layout such as {@code taobao}, or null
 */
public record ReaderOptions(List<String> columns, String preset) {

  /** No columns, no preset: the reader takes the layout from the file's header. */
  public static final ReaderOptions DEFAULTS = new ReaderOptions(List.of(), null);

  /** Checks that columns and preset are not both given. */
  public ReaderOptions {
    columns = columns == null ? List.of() : List.copyOf(columns);
    if (!columns.isEmpty() && preset != null) {
      throw new IllegalArgumentException("columns: give either columns or a preset, not both");
    }
  }

  /** Explicit columns from a comma-separated list, as {@code --columns userId,itemId,ts} gives them. */
  public static ReaderOptions columns(String commaSeparated) {
    List<String> names = Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
    return new ReaderOptions(names, null);
  }

  /** The named preset, e.g. {@code taobao}. */
  public static ReaderOptions preset(String name) {
    return new ReaderOptions(List.of(), name);
  }

  /** Whether these options differ from {@link #DEFAULTS}. */
  public boolean isCustom() {
    return !columns.isEmpty() || preset != null;
  }
}
