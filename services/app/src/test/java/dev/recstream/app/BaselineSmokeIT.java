package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.bench.baseline.BaselineOptions;
import dev.recstream.bench.baseline.BaselineResults;
import dev.recstream.bench.baseline.Baselines;
import dev.recstream.bench.baseline.GetLoad;
import dev.recstream.bench.baseline.GetLoadResult;
import dev.recstream.bench.baseline.HttpBaseline;
import dev.recstream.bench.baseline.KafkaBaseline;
import dev.recstream.bench.baseline.LatencySummary;
import dev.recstream.bench.baseline.PgBaseline;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The same-run baselines (bench, issue #5) at tiny sizes against the test system's real servers. */
@ExtendWith(TestSystem.class)
@DisplayName("The baselines")
class BaselineSmokeIT {
  @Test
  @DisplayName("measure Kafka, PostgreSQL and HTTP with every record and row accounted for, skip ONNX "
      + "without a package, write their files and leave no topic or table behind")
  void baselines(@TempDir Path out) throws Exception {
    TestSystem system = TestSystem.get();
    BaselineResults results = Baselines.run(
        BaselineOptions.of(system.kafkaBootstrap(), system.pgUrl(), 200, 2, null, null, out).withSizes(5_000, 20_000));
    String table = results.toMarkdown();

    KafkaBaseline.Result kafka = results.get(KafkaBaseline.Result.class);
    assertEquals(5_000, kafka.acknowledged(), table);
    assertEquals(0, kafka.failed(), table);
    assertEquals(5_000, kafka.consumed(), table);
    assertTrue(kafka.producePerSecond() > 0 && kafka.endToEndPerSecond() > 0, table);
    assertFalse(topicExists(kafka.topic()), "scratch topic " + kafka.topic() + " deleted");

    PgBaseline.Result pg = results.get(PgBaseline.Result.class);
    assertEquals(20_000, pg.inserted(), table);
    assertTrue(pg.rowsPerSecond() > 0, table);
    assertEquals(2_000, pg.singleRowMicros().count(), table);
    assertOrdered(pg.singleRowMicros(), table);
    assertNull(regclass(pg.table()), "scratch table " + pg.table() + " dropped");

    HttpBaseline.Result http = results.get(HttpBaseline.Result.class);
    assertClean(http.openLoop(), 400, table);
    assertTrue(http.saturationRequests() > 0 && http.saturationPerSecond() > 0, table);
    assertEquals(0, http.saturationErrors(), table);

    assertEquals("needs --package DIR", results.skipped().get("onnx"), table);
    assertTrue(Files.readString(out.resolve("results.md")).contains("| kafka | produce rate"));
    assertTrue(Files.readString(out.resolve("results.json")).contains("\"baseline\" : \"pg\""));
  }

  @Test
  @DisplayName("GET load reads recommendations from the gateway at a fixed rate: every request a 2xx, none a 404")
  void getLoad() throws Exception {
    GetLoadResult r = GetLoad.run("http://127.0.0.1:" + TestSystem.get().httpPort(), null,
        GetLoad.defaultUserIds(20), 100, 2);
    assertClean(r, 200, r.figures().toString());
  }

  private static void assertClean(GetLoadResult r, long requests, String table) {
    assertEquals(requests, r.sent(), table);
    assertEquals(requests, r.ok(), table);
    assertEquals(Map.of(), r.errors(), table);
    assertTrue(r.answeredPerSecond() > 0, table);
    assertEquals(requests, r.latencyMs().count(), table);
    assertOrdered(r.latencyMs(), table);
  }

  private static void assertOrdered(LatencySummary l, String table) {
    assertTrue(0 < l.p50() && l.p50() <= l.p95() && l.p95() <= l.p99() && l.p99() <= l.p999() && l.p999() <= l.max(),
        "percentiles ordered: " + l + "\n" + table);
  }

  private static boolean topicExists(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        TestSystem.get().kafkaBootstrap()))) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      return topics.contains(topic);
    }
  }

  /** PostgreSQL's name for the table, or null when there is none. */
  private static String regclass(String table) throws Exception {
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestSystem.get().pgUrl()))
        .using(TestSystem.get().vertx()).build();
    try {
      return pool.preparedQuery("SELECT to_regclass($1)::text").execute(Tuple.of(table))
          .map(rows -> rows.iterator().next().getString(0))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      pool.close();
    }
  }
}
