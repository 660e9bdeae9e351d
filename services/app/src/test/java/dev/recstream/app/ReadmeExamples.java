package dev.recstream.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell examples of one README section with the output the README shows after each, and a
 * comparison of shapes: what a test can hold the README to when ids, scores and times differ
 * from run to run.
 */
final class ReadmeExamples {
  /** A command block and the output block that follows it (null when none does). */
  record Example(String command, String shownOutput) {
    /** Whether running it again changes nothing (a GET with curl), so a test may retry it. */
    boolean isRepeatable() {
      return !command.contains("-X POST") && !command.contains("--data");
    }
  }

  private ReadmeExamples() {
  }

  static Path readme() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("README.md");
  }

  /**
   * The {@code sh} blocks between the heading {@code title} and the next heading of any level,
   * each with the plain or {@code json} block right after it.
   */
  static List<Example> section(Path readme, String title) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    int start = lines.indexOf(title);
    if (start < 0) {
      throw new IllegalStateException(readme + " has no heading '" + title + "'");
    }
    List<Example> examples = new ArrayList<>();
    String pendingCommand = null;
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
      String fence = lines.get(i);
      if (!fence.startsWith("```")) {
        continue;
      }
      StringBuilder body = new StringBuilder();
      for (i++; !lines.get(i).startsWith("```"); i++) {
        body.append(lines.get(i)).append('\n');
      }
      String language = fence.substring(3).trim();
      if (language.equals("sh")) {
        if (pendingCommand != null) {
          examples.add(new Example(pendingCommand, null));
        }
        pendingCommand = body.toString();
      } else if (pendingCommand != null && (language.isEmpty() || language.equals("json"))) {
        examples.add(new Example(pendingCommand, body.toString()));
        pendingCommand = null;
      }
    }
    if (pendingCommand != null) {
      examples.add(new Example(pendingCommand, null));
    }
    return examples;
  }

  /** The README's commands aimed at another port. */
  static String onPort(String command, int port) {
    return command.replace("127.0.0.1:8080", "127.0.0.1:" + port).replace("localhost:8080", "127.0.0.1:" + port);
  }

  /**
   * Where {@code actual} differs in shape from {@code shown}: the status line of an HTTP answer,
   * and for each JSON line the same keys with values of the same JSON types, arrays compared by
   * their first element ({@code …} in the README stands for more of the same). Empty when they
   * agree.
   */
  static List<String> shapeDifferences(String shown, String actual) {
    List<String> shownLines = meaningfulLines(shown);
    List<String> actualLines = meaningfulLines(actual);
    List<String> differences = new ArrayList<>();
    if (!shownLines.isEmpty() && shownLines.get(0).startsWith("HTTP/")) {
      if (actualLines.isEmpty() || !actualLines.get(0).equals(shownLines.get(0))) {
        differences.add("status line: shown '" + shownLines.get(0) + "', got '"
            + (actualLines.isEmpty() ? "" : actualLines.get(0)) + "'");
      }
      shownLines = shownLines.stream().filter(l -> l.startsWith("{")).toList();
      actualLines = actualLines.stream().filter(l -> l.startsWith("{")).toList();
    }
    if (shownLines.size() != actualLines.size()) {
      differences.add("lines: shown " + shownLines.size() + ", got " + actualLines.size() + ": " + actualLines);
      return differences;
    }
    for (int i = 0; i < shownLines.size(); i++) {
      compare("line " + (i + 1), parse(shownLines.get(i)), parse(actualLines.get(i)), differences);
    }
    return differences;
  }

  private static List<String> meaningfulLines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  private static Object parse(String line) {
    String json = line.replace(", …", "").replace(",…", "");
    return json.startsWith("[") ? new JsonArray(json) : new JsonObject(json);
  }

  private static void compare(String path, Object shown, Object actual, List<String> differences) {
    if (shown instanceof JsonObject s && actual instanceof JsonObject a) {
      if (!s.fieldNames().equals(a.fieldNames())) {
        differences.add(path + ": keys shown " + s.fieldNames() + ", got " + a.fieldNames());
        return;
      }
      for (Map.Entry<String, Object> entry : s) {
        compare(path + "." + entry.getKey(), entry.getValue(), a.getValue(entry.getKey()), differences);
      }
    } else if (shown instanceof JsonArray s && actual instanceof JsonArray a) {
      if (!s.isEmpty() && a.isEmpty()) {
        differences.add(path + ": shown " + s.size() + " elements, got none");
      } else if (s.isEmpty() && !a.isEmpty()) {
        differences.add(path + ": shown empty, got " + a.encode());
      } else if (!s.isEmpty()) {
        compare(path + "[0]", s.getValue(0), a.getValue(0), differences);
      }
    } else if (!type(shown).equals(type(actual))) {
      differences.add(path + ": shown a " + type(shown) + " (" + shown + "), got a " + type(actual) + " (" + actual + ")");
    }
  }

  private static String type(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof CharSequence) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return value instanceof JsonObject ? "object" : "array";
  }
}
