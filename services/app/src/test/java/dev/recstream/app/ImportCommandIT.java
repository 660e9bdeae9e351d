package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSystem.class)
@DisplayName("recstream import")
class ImportCommandIT {

  @Test
  @DisplayName("loads a file straight into PostgreSQL, idempotently, and into a running system over HTTP")
  void importsIdempotently(@TempDir Path dir) throws Exception {
    String prefix = "imp" + UUID.randomUUID().toString().substring(0, 8) + "-";
    StringBuilder pairs = new StringBuilder();
    for (int u = 0; u < 50; u++) {
      for (int i = 0; i < 6; i++) {
        pairs.append(prefix).append(u).append(' ').append(prefix).append("item").append((u + i) % 30).append('\n');
      }
    }
    Path file = dir.resolve(prefix + "pairs.txt");
    Files.writeString(file, pairs);
    Path config = dir.resolve("recstream.json");
    Files.writeString(config, new JsonObject().put("pgUrl", TestSystem.get().pgUrl()).encode());

    Cli first = new Cli();
    assertEquals(0, first.run("import", "--format", "sasrec", "--config", config.toString(), file.toString()), first.err.toString());
    assertTrue(first.out.toString().startsWith("imported 300 events (300 new)"), first.out.toString());
    assertEquals(300, TestSystem.get().storedEvents("import:" + file.getFileName() + ":"));
    assertEquals(6, TestSystem.get().eventsOfUser(prefix + "7"));

    Cli again = new Cli();
    assertEquals(0, again.run("import", "--format", "sasrec", "--config", config.toString(), file.toString()), again.err.toString());
    assertTrue(again.out.toString().startsWith("imported 300 events (0 new)"), again.out.toString());

    Path other = dir.resolve(prefix + "again.txt");
    Files.writeString(other, pairs);
    Cli http = new Cli();
    assertEquals(0, http.run("import", "--format", "pairs", "--http", "http://127.0.0.1:" + TestSystem.get().httpPort(),
        other.toString()), http.err.toString());
    assertEquals(300, TestSystem.get().storedEvents("import:" + other.getFileName() + ":"));

    Cli bad = new Cli();
    assertEquals(2, bad.run("import", "--format", "parquet", file.toString()));
    assertTrue(bad.err.toString().contains("unknown dataset format 'parquet'"), bad.err.toString());
  }
}
