package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.bench.load.LoadOptions;
import dev.recstream.bench.load.LoadResult;
import dev.recstream.bench.load.LoadRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The load generator (bench, issue #5) against the real system: a low rate must meter cleanly. */
@ExtendWith(TestSystem.class)
@DisplayName("The load generator")
class LoadSmokeIT {
  private static LoadOptions options() {
    return LoadOptions.of("http://127.0.0.1:" + TestSystem.get().httpPort(), 200, 3).withUsers(50).withGrace(5);
  }

  private static void assertClean(LoadResult r) {
    assertEquals(600, r.sent(), r.toMarkdown());
    assertEquals(r.sent(), r.acknowledged(), r.toMarkdown());
    assertEquals(0, r.errorCount(), r.toMarkdown());
    assertTrue(r.missing() <= r.sent() / 100, "at most 1% without push\n" + r.toMarkdown());
    assertTrue(r.timedPushes() >= r.sent() - r.sent() / 100, r.toMarkdown());
    assertTrue(r.latencyCount() > 0 && r.p50Ms() > 0, r.toMarkdown());
  }

  @Test
  @DisplayName("over HTTP: every event acknowledged, pushed and timed; results files written")
  void http(@TempDir Path out) throws Exception {
    LoadResult r = LoadRun.run(options().withOut(out));
    assertClean(r);
    assertTrue(Files.readString(out.resolve("results.md")).contains("latency p99.9 (ms)"));
    assertTrue(Files.readString(out.resolve("results.json")).contains("\"p99.9\""));
  }

  @Test
  @DisplayName("over Kafka: every event acknowledged by the broker, pushed and timed")
  void kafka() throws Exception {
    assertClean(LoadRun.run(options().withKafka(TestSystem.get().kafkaBootstrap())));
  }
}
