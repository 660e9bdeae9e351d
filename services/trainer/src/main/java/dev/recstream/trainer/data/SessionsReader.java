package dev.recstream.trainer.data;

import dev.recstream.model.SequenceDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads session files, each session becoming one "user": Diginetica's (ordered by timeframe) and
 * YooChoose's as session-rec prepares them (ordered by time), recognized by their header. Given
 * a folder, reads its {@code .txt}, {@code .csv} and {@code .tsv} files, {@code train*} first and
 * {@code test*} last (so {@code train.txt} then {@code test.txt}); a session found in several
 * files is one sequence.
 */
final class SessionsReader implements DatasetReader {
  private static final List<String> EXTENSIONS = List.of(".txt", ".csv", ".tsv");

  @Override
  public SequenceDataset read(Path path) throws IOException {
    Sessions sessions = new Sessions();
    for (Path file : Files.isDirectory(path) ? sessionFiles(path) : List.of(path)) {
      sessions.readFile(file);
    }
    return sessions.build(path.getFileName().toString());
  }

  /** The folder's session files in reading order. */
  static List<Path> sessionFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> found = files.filter(Files::isRegularFile).filter(SessionsReader::hasSessionExtension)
          .sorted(Comparator.comparingInt(SessionsReader::readingRank).thenComparing(p -> p.getFileName().toString()))
          .toList();
      if (found.isEmpty()) {
        throw new IOException(folder + ": no session files (" + String.join(", ", EXTENSIONS) + ") in this folder");
      }
      return found;
    }
  }

  private static boolean hasSessionExtension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static int readingRank(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.startsWith("train") ? 0 : name.startsWith("test") ? 2 : 1;
  }

  /** The sessions of one read, over one or more files. */
  private static final class Sessions {
    private final SequenceBuilder builder = new SequenceBuilder(true, false);
    // Diginetica's timeframe counts from the session's start, which its earliest eventdate dates.
    private final Map<String, Long> digineticaStarts = new HashMap<>();

    void readFile(Path file) throws IOException {
      try (LineCursor lines = new LineCursor(file)) {
        String header = lines.next();
        if (header == null) {
          return;
        }
        SessionLayout layout = SessionLayout.detect(header, lines);
        for (String line = lines.next(); line != null; line = lines.next()) {
          List<String> fields = Fields.separated(line, layout.separator());
          if (fields.size() < layout.width()) {
            throw lines.error("expected at least " + layout.width() + " fields, got " + fields.size());
          }
          addRow(layout, fields, lines);
        }
      }
    }

    SequenceDataset build(String name) {
      digineticaStarts.forEach(builder::shiftTimestamps);
      return builder.build(name);
    }

    private void addRow(SessionLayout layout, List<String> fields, LineCursor lines) throws MalformedDatasetException {
      String session = fields.get(layout.session()).trim();
      String item = fields.get(layout.item()).trim();
      if (session.isEmpty() || item.isEmpty()) {
        throw lines.error((session.isEmpty() ? "session id" : "item id") + " is empty");
      }
      String time = fields.get(layout.time()).trim();
      if (layout.diginetica()) {
        long timeframe = timeframe(time, lines);
        builder.add(session, item, timeframe, timeframe, null);
        digineticaStarts.merge(session, dayStart(fields.get(layout.date()).trim(), lines), Math::min);
      } else {
        long millis = epochSeconds(time, lines);
        builder.add(session, item, millis, millis, null);
      }
    }

    private static long timeframe(String value, LineCursor lines) throws MalformedDatasetException {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw lines.error("timeframe: expected milliseconds since the session began, got '" + value + "'");
      }
    }

    private static long dayStart(String value, LineCursor lines) throws MalformedDatasetException {
      try {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      } catch (DateTimeException e) {
        throw lines.error("eventdate: expected a date such as 2016-05-09, got '" + value + "'");
      }
    }

    private static long epochSeconds(String value, LineCursor lines) throws MalformedDatasetException {
      try {
        return Timestamps.toMillis(value, true);
      } catch (IllegalArgumentException e) {
        throw lines.error("Time: expected epoch seconds, got '" + value + "'");
      }
    }
  }
}
