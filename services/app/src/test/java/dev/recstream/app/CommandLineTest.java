package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The recstream command line")
class CommandLineTest {
  private final Cli cli = new Cli();

  @Test
  @DisplayName("an unknown command is bad usage: exit 2")
  void unknownCommand() {
    assertEquals(2, cli.run("bogus"));
    assertTrue(cli.err.toString().contains("bogus"), cli.err.toString());
  }

  @Test
  @DisplayName("an unknown service is bad usage, with one line naming it")
  void unknownService() {
    assertEquals(2, cli.run("run", "--services=store,foo"));
    assertEquals("recstream: --services: unknown service 'foo'; use all, none or a list of store,metrics,scoring,training,ingestion,gateway",
        cli.err.toString().strip());
  }

  @Test
  @DisplayName("a malformed setting in the config file stops start-up with a sentence naming it")
  void badConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("recstream.yaml");
    Files.writeString(file, "httpPort: 70000\n");
    assertEquals(2, cli.run("run", "--config", file.toString()));
    assertTrue(cli.err.toString().startsWith("recstream: " + file + " key httpPort must be a whole number from 0 to 65535"), cli.err.toString());
  }

  @Test
  @DisplayName("a dataset that is not there is named as missing, in one line, exit 1")
  void missingDataset(@TempDir Path dir) {
    Path missing = dir.resolve("datasets/amazon-beauty/sequences.txt");
    assertEquals(1, cli.run("eval", "--data", missing.toString(), "--format", "sequences", "--models", "pop",
        "--out", dir.resolve("out").toString()));
    assertEquals("recstream: no such file: " + missing, cli.err.toString().strip());
  }

  @Test
  @DisplayName("an unknown key in the config file is named")
  void unknownConfigKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("recstream.json");
    Files.writeString(file, "{\"htpPort\": 8080}");
    assertEquals(2, cli.run("run", "--config", file.toString()));
    assertTrue(cli.err.toString().contains("unknown setting 'htpPort'"), cli.err.toString());
  }

  @Test
  @DisplayName("run refuses to open the gateway without API keys unless --insecure")
  void runNeedsKeys(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("recstream.json");
    Files.writeString(file, "{\"pgUrl\": \"postgresql://u:p@127.0.0.1:1/db\", \"kafkaBootstrap\": \"127.0.0.1:1\"}");
    assertEquals(2, cli.run("run", "--config", file.toString()));
    assertTrue(cli.err.toString().contains("run needs API keys for the gateway: set RECSTREAM_API_KEYS"), cli.err.toString());
  }

  @Test
  @DisplayName("run refuses scoring without the store in the same process unless it joins a cluster")
  void scoringNeedsTheStore() {
    assertEquals(2, cli.run("run", "--services=scoring"));
    assertTrue(cli.err.toString().contains("scoring needs the store: without --cluster it must run in the same process"),
        cli.err.toString());
  }

  @Test
  @DisplayName("a malformed API key entry is named without echoing it")
  void badApiKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("recstream.yaml");
    Files.writeString(file, "apiKeys: [\"shop:owner:" + "0".repeat(64) + "\"]\n");
    assertEquals(2, cli.run("run", "--config", file.toString()));
    assertTrue(cli.err.toString().contains("unknown role 'owner'"), cli.err.toString());
  }

  @Test
  @DisplayName("keygen prints a key and an entry that accepts it")
  void keygen() {
    assertEquals(0, cli.run("keygen", "--name", "shop", "--roles", "ingest,read"));
    String[] lines = cli.out.toString().split("\n");
    String key = lines[0].substring("key    ".length()).trim();
    String entry = lines[1].substring("entry  ".length()).trim();
    assertTrue(entry.startsWith("shop:ingest+read:"), entry);
    assertEquals("shop", dev.recstream.shared.security.ApiKeys.parse(java.util.List.of(entry)).authenticate(key).orElseThrow().name());
    assertEquals(2, new Cli().run("keygen", "--name", "shop", "--roles", "owner"));
  }
}
