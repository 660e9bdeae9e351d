package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSystem.class)
@DisplayName("recstream import into a running system (streaming model)")
class ImportIntoRunningIT {
  private static final int USERS = 40;
  private static final int ITEMS = 20;
  private static final int LENGTH = 8;

  private final Http http = new Http(TestSystem.get());

  @Test
  @DisplayName("straight into PostgreSQL: without a restart, an imported user gets lists explained by their items, and imported items have similar items")
  void databaseImportIsLearnedWithoutRestart(@TempDir Path dir) throws Exception {
    String run = "running-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Path file = chains(dir, run);
    String user = run + "user7";
    List<String> history = itemsOf(run, 7);
    String item = history.get(0);
    assertEquals(404, http.get("/v1/items/" + item + "/similar?k=5").statusCode(), "the model has not seen the item yet");

    Path config = dir.resolve("recstream.json");
    Files.writeString(config, new JsonObject().put("pgUrl", TestSystem.get().pgUrl()).encode());
    Cli cli = new Cli();
    assertEquals(0, cli.run("import", "--format", "sequences", "--config", config.toString(), file.toString()), cli.err.toString());
    assertTrue(cli.out.toString().startsWith("imported " + USERS * LENGTH + " events (" + USERS * LENGTH + " new)"),
        cli.out.toString());

    Kafka.await("the running system to learn the imported items",
        () -> http.get("/v1/items/" + item + "/similar?k=5").statusCode() == 200, 30_000);
    JsonObject recs = http.get("/v1/users/" + user + "/recommendations?k=5").bodyAsJsonObject();
    List<JsonObject> items = recs.getJsonArray("items").stream().map(o -> (JsonObject) o).toList();
    assertTrue(items.stream().anyMatch(i -> i.getString("itemId").startsWith(run) && explainedBy(i.getString("reason"), history)),
        "a list that names the user's imported items, not only popular ones: " + recs.encode());
  }

  @Test
  @DisplayName("over HTTP: the events take the live path and are learned as they arrive, with no notice")
  void httpImportIsLearnedLive(@TempDir Path dir) throws Exception {
    String run = "running-http-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Path file = chains(dir, run);
    String item = itemsOf(run, 3).get(0);
    assertEquals(404, http.get("/v1/items/" + item + "/similar?k=5").statusCode(), "the model has not seen the item yet");

    Cli cli = new Cli();
    assertEquals(0, cli.run("import", "--format", "sequences", "--http", "http://127.0.0.1:" + TestSystem.get().httpPort(),
        file.toString()), cli.err.toString());
    Kafka.await("the live path to teach the model the imported items",
        () -> http.get("/v1/items/" + item + "/similar?k=5").statusCode() == 200, 10_000);
  }

  /** A reason that names one of {@code history}'s items: "… after X" or "… to X". */
  private static boolean explainedBy(String reason, List<String> history) {
    return reason != null && history.stream().anyMatch(h -> reason.endsWith(" " + h));
  }

  /** Users walking a ring of items, {@code user u} from item u on: every item follows another. */
  private static Path chains(Path dir, String run) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int u = 0; u < USERS; u++) {
      lines.append(run).append("user").append(u);
      itemsOf(run, u).forEach(item -> lines.append(' ').append(item));
      lines.append('\n');
    }
    Path file = dir.resolve(run + "sequences.txt");
    Files.writeString(file, lines);
    return file;
  }

  private static List<String> itemsOf(String run, int user) {
    return IntStream.range(0, LENGTH).mapToObj(i -> run + "item" + (user + i) % ITEMS).toList();
  }
}
