package dev.recstream.trainer.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The dataset formats of CONTRACT §7, by the names the command line uses. */
public enum DatasetFormat {
  /** {@code user item item …} per line. */
  SEQUENCES("sequences"),
  /** {@code user item} per line, time-ordered per user. */
  PAIRS("pairs"),
  /** A CSV with at least {@code userId,itemId}, optionally {@code type,ts,category}. */
  EVENTS_CSV("events-csv"),
  /** Session-id, item, time files: Diginetica's and YooChoose's (session-rec) layouts. */
  SESSIONS("sessions");

  private final String wireName;

  DatasetFormat(String wireName) {
    this.wireName = wireName;
  }

  /** The name used on the command line, e.g. {@code events-csv}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The format called {@code name} on the command line.
   *
   * @throws IllegalArgumentException naming the valid names when {@code name} is none of them
   */
  public static DatasetFormat fromName(String name) {
    if ("sasrec".equals(name)) {
      // SASRec's data files (e.g. Beauty.txt) hold one `user item` pair per line, time-ordered.
      return PAIRS;
    }
    for (DatasetFormat format : values()) {
      if (format.wireName.equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("format: unknown dataset format '" + name + "'; valid formats are " + validNames());
  }

  private static String validNames() {
    return Arrays.stream(values()).map(DatasetFormat::wireName).collect(Collectors.joining(", ")) + ", sasrec (= pairs)";
  }
}
