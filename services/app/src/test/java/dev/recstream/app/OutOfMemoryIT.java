package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out of memory is an error a user can act on (issue #15): one sentence naming the heap limit and
 * how to raise it, exit 1, no stack trace — in a child JVM whose heap cannot hold the dataset.
 */
@DisplayName("recstream out of memory")
class OutOfMemoryIT {

  @Test
  @DisplayName("eval on more data than the heap holds ends with one sentence naming the limit, exit 1, no stack trace")
  void oneSentence(@TempDir Path dir) throws Exception {
    Path data = Cli.chains(dir, 100_000, 50_000, 20, 7);
    ChildApp eval = ChildApp.runToEnd(32, List.of("eval", "--data", data.toString(), "--format", "sequences",
        "--models", "cooc", "--out", dir.resolve("out").toString()), Map.of(), false);
    String printed = String.join("\n", eval.output());
    assertEquals(1, eval.exitValue(), printed);
    // The JVM reports a little less than -Xmx as its limit (a survivor space), so the number is not checked.
    assertTrue(eval.output().stream().anyMatch(line -> line.startsWith("recstream: out of memory: the Java heap is limited to ")
        && line.endsWith(" MiB; give the JVM more (e.g. java -Xmx8g -jar recstream.jar …) or use less data")), printed);
    assertTrue(eval.output().stream().noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Exception in thread")),
        printed);
  }
}
