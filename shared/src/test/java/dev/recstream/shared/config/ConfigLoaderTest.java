package dev.recstream.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ConfigLoader builds a checked RecstreamConfig")
class ConfigLoaderTest {

  private static final String PG_URL = "postgresql://rec:s3cret@db.internal:5432/recstream";

  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static RecstreamConfig load(Path file, Map<String, String> env, Map<Setting, Object> flags) {
    return ConfigLoader.load(RecstreamConfig.defaults(), file, env, flags);
  }

  private static RecstreamConfig loadEnv(Map<String, String> env) {
    return load(null, env, Map.of());
  }

  private static String failure(Path file, Map<String, String> env, Map<Setting, Object> flags) {
    return assertThrows(ConfigException.class, () -> load(file, env, flags)).getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + part + "' missing from: " + message);
    }
  }

  @Nested
  @DisplayName("precedence")
  class Precedence {

    static Stream<Arguments> layers() {
      return Stream.of(
          Arguments.of("defaults alone", false, false, false, 8080),
          Arguments.of("a file beats the defaults", true, false, false, 8081),
          Arguments.of("the environment beats a file", true, true, false, 8082),
          Arguments.of("a flag beats the environment and a file", true, true, true, 8083),
          Arguments.of("a flag beats the environment", false, true, true, 8083),
          Arguments.of("a flag beats a file", true, false, true, 8083));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    @DisplayName("is defaults < file < environment < flags")
    void risingPrecedence(String description, boolean file, boolean env, boolean flag, int expectedPort) throws IOException {
      Path path = file ? write("recstream.yaml", "httpPort: 8081\n") : null;
      Map<String, String> vars = env ? Map.of("RECSTREAM_HTTP_PORT", "8082") : Map.of();
      Map<Setting, Object> flags = flag ? Map.of(Setting.HTTP_PORT, 8083) : Map.of();

      assertEquals(expectedPort, load(path, vars, flags).httpPort());
    }

    @Test
    @DisplayName("each layer overrides only the settings it names")
    void layersOverrideOnlyWhatTheyName() throws IOException {
      Path file = write("recstream.json", "{\"httpHost\": \"10.0.0.1\", \"pgPoolSize\": 3}");

      RecstreamConfig config = load(file, Map.of("RECSTREAM_PG_POOL_SIZE", "5"), Map.of(Setting.KAFKA_GROUP_ID, "flagged"));

      assertEquals("10.0.0.1", config.httpHost());
      assertEquals(5, config.pgPoolSize());
      assertEquals("flagged", config.kafkaGroupId());
      assertEquals(8080, config.httpPort());
      assertEquals(5701, config.clusterPort());
    }

    @Test
    @DisplayName("defaults alone leave the database, broker and model unset")
    void defaultsAlone() {
      RecstreamConfig config = loadEnv(Map.of());

      assertEquals("0.0.0.0", config.httpHost());
      assertEquals(8080, config.httpPort());
      assertNull(config.pgUrl());
      assertEquals(List.of(), config.kafkaBootstrap());
      assertEquals(List.of(), config.clusterMembers());
      assertNull(config.modelDir());
      assertEquals(1000, config.storeBatchMax());
      assertEquals(20_000, config.storeMaxPending());
    }
  }

  @Nested
  @DisplayName("files")
  class ConfigFiles {

    @Test
    @DisplayName("a YAML file sets every kind of value")
    void yamlFile() throws IOException {
      Path file = write("recstream.yml", String.join("\n",
          "httpPort: 9000",
          "pgUrl: " + PG_URL,
          "kafkaBootstrap:",
          "  - k1:9092",
          "  - k2:9093",
          "kafkaGroupId: group-a",
          "modelDir: /models",
          ""));

      RecstreamConfig config = load(file, Map.of(), Map.of());

      assertEquals(9000, config.httpPort());
      assertEquals(PG_URL, config.pgUrl());
      assertEquals(List.of("k1:9092", "k2:9093"), config.kafkaBootstrap());
      assertEquals("k1:9092,k2:9093", config.kafkaBootstrapServers());
      assertEquals("group-a", config.kafkaGroupId());
      assertEquals("/models", config.modelDir());
    }

    @Test
    @DisplayName("a JSON file gives the same config as the equivalent YAML file")
    void jsonFileMatchesYaml() throws IOException {
      Path json = write("recstream.json",
          "{\"httpPort\": 9000, \"pgUrl\": \"" + PG_URL + "\", \"kafkaBootstrap\": \"k1:9092,k2:9093\", \"clusterPort\": \"5702\"}");
      Path yaml = write("recstream.yaml",
          "httpPort: 9000\npgUrl: " + PG_URL + "\nkafkaBootstrap: k1:9092,k2:9093\nclusterPort: '5702'\n");

      RecstreamConfig fromJson = load(json, Map.of(), Map.of());

      assertEquals(load(yaml, Map.of(), Map.of()), fromJson);
      assertEquals(List.of("k1:9092", "k2:9093"), fromJson.kafkaBootstrap());
      assertEquals(5702, fromJson.clusterPort());
    }

    @Test
    @DisplayName("a JSON file may list kafkaBootstrap as an array, like YAML")
    void jsonArrayForHostPortList() throws IOException {
      Path file = write("recstream.json", "{\"kafkaBootstrap\": [\"k1:9092\", \"k2:9093\"]}");

      assertEquals(List.of("k1:9092", "k2:9093"), load(file, Map.of(), Map.of()).kafkaBootstrap());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "\n", "# nothing configured yet\n"})
    @DisplayName("an empty YAML file leaves the defaults")
    void emptyYamlFile(String content) throws IOException {
      Path file = write("empty.yaml", content);

      assertEquals(loadEnv(Map.of()), load(file, Map.of(), Map.of()));
    }

    @Test
    @DisplayName("an unknown key is named together with the file")
    void unknownFileKey() throws IOException {
      Path file = write("recstream.yaml", "httpPrt: 9000\n");

      String message = failure(file, Map.of(), Map.of());

      assertContains(message, "'httpPrt'", file.toString(), "httpPort");
    }

    @Test
    @DisplayName("a file of another format is refused")
    void otherFormatRefused() throws IOException {
      Path file = write("recstream.toml", "httpPort = 9000\n");

      assertContains(failure(file, Map.of(), Map.of()), file.toString(), ".json, .yaml or .yml");
    }

    @Test
    @DisplayName("invalid JSON is refused, naming the file")
    void invalidJson() throws IOException {
      Path file = write("recstream.json", "{\"httpPort\": ");

      assertContains(failure(file, Map.of(), Map.of()), file.toString(), "not valid JSON");
    }

    @Test
    @DisplayName("a YAML file that is not a mapping is refused")
    void yamlNotAMapping() throws IOException {
      Path file = write("recstream.yaml", "- httpPort\n- 9000\n");

      assertContains(failure(file, Map.of(), Map.of()), file.toString(), "mapping");
    }

    @Test
    @DisplayName("a missing file is refused, naming it")
    void missingFile() {
      Path file = dir.resolve("absent.yaml");

      assertContains(failure(file, Map.of(), Map.of()), "cannot read", file.toString());
    }
  }

  @Nested
  @DisplayName("environment variables")
  class Environment {

    @Test
    @DisplayName("an unknown RECSTREAM_ variable stops with a message naming it")
    void unknownRecstreamVariable() {
      String message = failure(null, Map.of("RECSTREAM_FOO", "bar"), Map.of());

      assertContains(message, "RECSTREAM_FOO", "RECSTREAM_HTTP_PORT");
    }

    @Test
    @DisplayName("variables without the RECSTREAM_ prefix are ignored")
    void otherVariablesIgnored() {
      Map<String, String> env = Map.of(
          "PATH", "/usr/bin",
          "HTTP_PORT", "not a port",
          "recstream_http_port", "x",
          "RECSTREAMHTTP_PORT", "x");

      assertEquals(loadEnv(Map.of()), loadEnv(env));
    }

    @Test
    @DisplayName("every setting can be given by its variable, with surrounding blanks trimmed")
    void everySettingFromTheEnvironment() {
      Map<String, String> env = new HashMap<>();
      env.put("RECSTREAM_HTTP_HOST", " 127.0.0.1 ");
      env.put("RECSTREAM_HTTP_PORT", "0");
      env.put("RECSTREAM_PG_URL", PG_URL);
      env.put("RECSTREAM_PG_POOL_SIZE", "4");
      env.put("RECSTREAM_KAFKA_BOOTSTRAP", " k1:9092 , k2:9093 ");
      env.put("RECSTREAM_KAFKA_GROUP_ID", "g");
      env.put("RECSTREAM_CLUSTER_HOST", "node-1.local");
      env.put("RECSTREAM_CLUSTER_PORT", "65535");
      env.put("RECSTREAM_CLUSTER_MEMBERS", "node-1.local:5701,[::1]:5702");
      env.put("RECSTREAM_MODEL_DIR", "/m");
      env.put("RECSTREAM_STORE_BATCH_MAX", "10");
      env.put("RECSTREAM_STORE_MAX_PENDING", "100");
      env.put("RECSTREAM_LOG_LEVEL", "debug");
      env.put("RECSTREAM_MAX_PER_CATEGORY", "0");
      env.put("RECSTREAM_RETRAIN_MINUTES", "15");
      env.put("RECSTREAM_SCORING_THREADS", "3");
      env.put("RECSTREAM_TRAINING_MEMORY", "2g");

      RecstreamConfig config = loadEnv(env);

      assertEquals(new RecstreamConfig("127.0.0.1", 0, PG_URL, 4, List.of("k1:9092", "k2:9093"), "g",
          "node-1.local", 65535, List.of("node-1.local:5701", "[::1]:5702"), "/m", 10, 100, 0, 3, 15, "2g", List.of(), 1000, List.of(), "DEBUG"), config);
    }
  }

  @Nested
  @DisplayName("malformed values")
  class Malformed {

    static Stream<Arguments> badPorts() {
      return Stream.of(
          Arguments.of("env", "80x", "environment variable RECSTREAM_HTTP_PORT", "'80x'"),
          Arguments.of("env", "70000", "environment variable RECSTREAM_HTTP_PORT", "70000"),
          Arguments.of("env", "-1", "environment variable RECSTREAM_HTTP_PORT", "-1"),
          Arguments.of("env", "", "environment variable RECSTREAM_HTTP_PORT", "''"),
          Arguments.of("file", "80x", "key httpPort", "'80x'"),
          Arguments.of("file", "70000", "key httpPort", "70000"),
          Arguments.of("file", "80.5", "key httpPort", "80.5"),
          Arguments.of("flag", "80x", "option for httpPort", "'80x'"),
          Arguments.of("flag", 70000, "option for httpPort", "70000"));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("badPorts")
    @DisplayName("a malformed port is named with its origin and value")
    void malformedPort(String layer, Object value, String origin, String shown) throws IOException {
      Path file = layer.equals("file") ? write("recstream.yaml", "httpPort: " + value + "\n") : null;
      Map<String, String> env = layer.equals("env") ? Map.of("RECSTREAM_HTTP_PORT", String.valueOf(value)) : Map.of();
      Map<Setting, Object> flags = layer.equals("flag") ? Map.of(Setting.HTTP_PORT, value) : Map.of();

      String message = failure(file, env, flags);

      assertContains(message, origin, shown, "0 to 65535");
      if (file != null) {
        assertContains(message, file.toString());
      }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "mysql://rec:s3cret@db.internal:3306/recstream",
        "http://rec:s3cret@db.internal/recstream",
        "postgresql://rec:s3cret@db.internal:5432",
        "postgresql://rec:s3cret@db.internal:5432/",
        "rec:s3cret@db.internal/recstream",
        "postgresql:rec:s3cret@db/x",
        "postgresql://rec:s3cret@with@db/x"})
    @DisplayName("a database URL that is not postgresql://…/database is refused with its password hidden")
    void badPgUrl(String url) {
      String message = failure(null, Map.of("RECSTREAM_PG_URL", url), Map.of());

      assertContains(message, "RECSTREAM_PG_URL", "postgresql://");
      assertFalse(message.contains("s3cret"), () -> "password leaked: " + message);
    }

    @Test
    @DisplayName("the redacted URL keeps the user and host")
    void redactedUrlKeepsUserAndHost() {
      String message = failure(null, Map.of("RECSTREAM_PG_URL", "mysql://rec:s3cret@db.internal:3306/recstream"), Map.of());

      assertContains(message, "'mysql://rec:***@db.internal:3306/recstream'");
    }

    @ParameterizedTest(name = "level [{0}]")
    @ValueSource(strings = {"loud", "5", ""})
    @DisplayName("a log level that is not TRACE, DEBUG, INFO, WARN, ERROR or OFF is refused")
    void badLogLevel(String level) {
      String message = failure(null, Map.of("RECSTREAM_LOG_LEVEL", level), Map.of());

      assertContains(message, "RECSTREAM_LOG_LEVEL");
    }

    @ParameterizedTest(name = "training memory [{0}]")
    @ValueSource(strings = {"lots", "0%", "150%", "0g", "2t", ""})
    @DisplayName("a training memory that is neither a share of the heap nor a size is refused with both forms")
    void badTrainingMemory(String memory) {
      String message = failure(null, Map.of("RECSTREAM_TRAINING_MEMORY", memory), Map.of());

      assertContains(message, "RECSTREAM_TRAINING_MEMORY");
      assertContains(message, memory.equals("0%") || memory.equals("150%") ? "share from 0% (excluded) to 100%"
          : memory.equals("0g") ? "more than 0" : "such as 50% or a size such as 512m or 3g");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql://rec:s3cret@db:5432/recstream", "postgres://db/recstream"})
    @DisplayName("both postgresql:// and postgres:// URLs are accepted")
    void goodPgUrls(String url) {
      assertEquals(url, loadEnv(Map.of("RECSTREAM_PG_URL", url)).pgUrl());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"k1:9092,k2", "k2", ":9092", "k1:"})
    @DisplayName("a host:port list member without a host or port is refused and named")
    void hostPortMemberWithoutPort(String list) {
      String message = failure(null, Map.of("RECSTREAM_KAFKA_BOOTSTRAP", list), Map.of());

      String member = list.contains(",") ? list.substring(list.indexOf(',') + 1) : list;
      assertContains(message, "RECSTREAM_KAFKA_BOOTSTRAP", member);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " , "})
    @DisplayName("an empty host:port list is refused")
    void emptyHostPortList(String list) {
      assertContains(failure(null, Map.of("RECSTREAM_CLUSTER_MEMBERS", list), Map.of()),
          "RECSTREAM_CLUSTER_MEMBERS", "at least one host:port");
    }

    @Test
    @DisplayName("a port of a host:port member out of range is named")
    void hostPortOutOfRange() {
      assertContains(failure(null, Map.of("RECSTREAM_KAFKA_BOOTSTRAP", "k1:99999"), Map.of()),
          "RECSTREAM_KAFKA_BOOTSTRAP", "port of k1:99999", "99999");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RECSTREAM_PG_POOL_SIZE", "RECSTREAM_STORE_BATCH_MAX", "RECSTREAM_STORE_MAX_PENDING"})
    @DisplayName("a count of zero is refused")
    void zeroCountRefused(String variable) {
      assertContains(failure(null, Map.of(variable, "0"), Map.of()), variable, "from 1");
    }

    @Test
    @DisplayName("a host with spaces or slashes is refused")
    void badHost() {
      assertContains(failure(null, Map.of("RECSTREAM_HTTP_HOST", "http://x"), Map.of()),
          "RECSTREAM_HTTP_HOST", "host name or IP address", "'http://x'");
    }

    @Test
    @DisplayName("an empty text setting is refused")
    void emptyText() {
      assertContains(failure(null, Map.of("RECSTREAM_KAFKA_GROUP_ID", "  "), Map.of()),
          "RECSTREAM_KAFKA_GROUP_ID", "must not be empty");
    }
  }

  @Nested
  @DisplayName("JSON form")
  class JsonForm {

    @Test
    @DisplayName("toJson and fromJson round-trip a full config")
    void roundTripFull() {
      RecstreamConfig config = new RecstreamConfig("127.0.0.1", 9000, PG_URL, 4, List.of("k1:9092", "k2:9093"), "g",
          "node-1", 5702, List.of("node-1:5701", "node-2:5701"), "/models", 500, 10_000, 2, 4, 60, "30%",
          List.of("shop:ingest+read:" + "ab".repeat(32)), 50, List.of("https://shop.example.com"), "WARN");

      assertEquals(config, RecstreamConfig.fromJson(config.toJson()));
    }

    @Test
    @DisplayName("toJson and fromJson round-trip the defaults, unset values included")
    void roundTripDefaults() {
      RecstreamConfig config = loadEnv(Map.of());

      RecstreamConfig back = RecstreamConfig.fromJson(config.toJson());

      assertEquals(config, back);
      assertNull(back.pgUrl());
    }

    @Test
    @DisplayName("the config survives encoding to text, as on the event bus")
    void roundTripThroughText() {
      RecstreamConfig config = loadEnv(Map.of("RECSTREAM_CLUSTER_MEMBERS", "a:1,b:2"));

      String text = config.toJson().encode();

      assertEquals(config, RecstreamConfig.fromJson(new io.vertx.core.json.JsonObject(text)));
    }

    @Test
    @DisplayName("withHttpPort changes only the port")
    void withHttpPort() {
      RecstreamConfig config = loadEnv(Map.of("RECSTREAM_PG_URL", PG_URL));

      RecstreamConfig moved = config.withHttpPort(9999);

      assertEquals(9999, moved.httpPort());
      assertEquals(config, moved.withHttpPort(config.httpPort()));
    }
  }
}
