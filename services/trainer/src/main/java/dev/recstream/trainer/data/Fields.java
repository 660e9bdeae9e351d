package dev.recstream.trainer.data;

import java.util.ArrayList;
import java.util.List;

/** Splits a line into fields without regular expressions: the readers' hot path. */
public final class Fields {
  private Fields() {}

  /** "1 field", "3 fields": for error messages. */
  static String count(int fields) {
    return fields + (fields == 1 ? " field" : " fields");
  }

  /** The fields between runs of spaces and tabs; leading and trailing blanks give no field. */
  static List<String> whitespace(String line) {
    List<String> fields = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      boolean blank = c == ' ' || c == '\t';
      if (blank && start >= 0) {
        fields.add(line.substring(start, i));
        start = -1;
      } else if (!blank && start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      fields.add(line.substring(start));
    }
    return fields;
  }

  /** The fields between single {@code separator} characters; empty fields are kept. */
  static List<String> separated(String line, char separator) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    for (int i = line.indexOf(separator); i >= 0; i = line.indexOf(separator, start)) {
      fields.add(line.substring(start, i));
      start = i + 1;
    }
    fields.add(line.substring(start));
    return fields;
  }

  /**
   * The fields of one CSV record on one line: comma-separated, a field may be double-quoted and
   * then holds commas and doubled quotes ({@code ""}). Fields are trimmed.
   */
  public static List<String> csv(String line) {
    if (line.indexOf('"') < 0) {
      List<String> fields = separated(line, ',');
      fields.replaceAll(String::trim);
      return fields;
    }
    return quotedCsv(line);
  }

  private static List<String> quotedCsv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString().trim());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString().trim());
    return fields;
  }
}
