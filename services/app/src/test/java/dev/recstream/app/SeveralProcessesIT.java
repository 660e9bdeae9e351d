package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's "Several processes on one machine", run as the script the README shows
 * ({@code scripts/local-cluster.sh}) with this build on the test classpath (issue #11, defect 4):
 * the servers and three clustered processes start in the script's order, a user's events go in
 * and recommendations come out over HTTP, the registry and a retrain answer, and a stop leaves no
 * process behind.
 */
@DisplayName("Several processes on one machine: the README's script")
class SeveralProcessesIT {
  private static final Logger LOG = LoggerFactory.getLogger(SeveralProcessesIT.class);
  private static final Path SCRIPT = Path.of(System.getProperty("basedir", "."), "scripts", "local-cluster.sh");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int httpPort;

  @Test
  @DisplayName("starts the servers and three clustered processes, learns from a user's events, answers for models and a retrain, "
      + "and stops every process")
  void theRecipeWorks(@TempDir Path dir) throws Exception {
    long started = System.nanoTime();
    httpPort = ChildApp.freePort();
    Process script = startScript(dir);
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> ready = follow(script, output);
    List<ProcessHandle> processes = List.of();
    try {
      awaitReady(ready, output);
      processes = script.descendants().toList();
      assertEquals(4, script.children().count(), "servers, store, scoring and gateway processes: " + output);
      LOG.info("several processes: ready after {} s processes={}", seconds(started), processes.size());

      HttpResponse<String> health = get("/health/ready");
      assertEquals(200, health.statusCode(), health.body());
      JsonObject services = new JsonObject(health.body()).getJsonObject("services");
      assertEquals(services.getJsonObject("store").getString("activeModel"), services.getJsonObject("scoring").getString("model"));

      String user = learnFromEvents();
      JsonObject models = new JsonObject(get("/v1/models").body());
      assertEquals("streaming-cooc-1", models.getString("active"), models.encode());
      assertEquals(models.getString("active"), models.getString("served"), models.encode());
      assertTrue(models.containsKey("training"), "the training service runs: " + models.encode());
      HttpResponse<String> retrain = post("/v1/models/retrain", "");
      assertEquals(202, retrain.statusCode(), retrain.body());
      LOG.info("several processes: served user={} after {} s", user, seconds(started));
    } catch (AssertionError | Exception e) {
      e.addSuppressed(new AssertionError("the processes' logs:\n" + logTails(dir.resolve("logs"))));
      throw e;
    } finally {
      // SIGTERM, as Ctrl-C would have the script stop; Process.destroy() would also close its output.
      script.toHandle().destroy();
      assertTrue(script.waitFor(150, TimeUnit.SECONDS), "the script stops on SIGTERM: " + output);
    }
    assertEquals(143, script.exitValue(), "stopped by its SIGTERM trap: " + output);
    for (ProcessHandle process : processes) {
      process.onExit().get(30, TimeUnit.SECONDS);
    }
    assertFalse(processes.stream().anyMatch(ProcessHandle::isAlive), "every process the script started is gone");
    // PostgreSQL runs detached from the servers' process; it removes this file when it stops.
    assertFalse(Files.exists(dir.resolve("postgres").resolve("postmaster.pid")), "the embedded PostgreSQL stopped");
    LOG.info("several processes: stopped after {} s", seconds(started));
  }

  /** The script with this build's classes instead of the shaded jar, which is built after the tests. */
  private Process startScript(Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // C1 only and the serial collector: four JVMs start on two cores, none runs long.
    String recstream = String.join(" ", java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Main.class.getName());
    ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString(), "--data-dir", dir.toString(),
        "--http-port", String.valueOf(httpPort), "--cluster-ports", ChildApp.freePort() + "," + ChildApp.freePort() + "," + ChildApp.freePort())
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("RECSTREAM"));
    builder.environment().put("RECSTREAM", recstream);
    return builder.start();
  }

  /** Collects the script's output; completes when it says the gateway is ready. */
  private static CompletableFuture<Void> follow(Process script, List<String> output) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          LOG.info("script: {}", line);
          output.add(line);
          if (line.startsWith("recstream is ready")) {
            ready.complete(null);
          }
        }
      } catch (IOException ignored) {
        // The script ended: so does its output.
      }
      ready.completeExceptionally(new AssertionError("the script ended before the gateway was ready"));
    }, "local-cluster-output");
    pump.setDaemon(true);
    pump.start();
    return ready;
  }

  private static void awaitReady(CompletableFuture<Void> ready, List<String> output) {
    try {
      ready.get(240, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("not ready: " + e.getMessage() + "; the script said " + output, e);
    }
  }

  /**
   * Shoppers view a kettle with a teapot, then a new user views the kettle: the scoring node (in
   * another process than the store and the gateway) learned the pair from the stream and
   * recommends the teapot because of the kettle.
   */
  private String learnFromEvents() throws Exception {
    String run = "several-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    JsonArray shoppers = new JsonArray();
    for (int u = 0; u < 5; u++) {
      for (String item : List.of("kettle", "teapot")) {
        shoppers.add(new JsonObject().put("eventId", run + u + item).put("userId", run + u).put("itemId", run + item).put("type", "view"));
      }
    }
    HttpResponse<String> accepted = post("/v1/events", shoppers.encode());
    assertEquals(202, accepted.statusCode(), accepted.body());
    String user = run + "new";
    JsonObject view = new JsonObject().put("eventId", run + "new-kettle").put("userId", user).put("itemId", run + "kettle").put("type", "view");
    assertEquals(202, post("/v1/events", view.encode()).statusCode());
    JsonObject recs = null;
    for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; Thread.sleep(200)) {
      HttpResponse<String> response = get("/v1/users/" + user + "/recommendations?k=5");
      assertEquals(200, response.statusCode(), response.body());
      recs = new JsonObject(response.body());
      if (reasonFor(recs, run + "teapot").contains(run + "kettle")) {
        return user;
      }
    }
    throw new AssertionError("the new user was never recommended the teapot for the kettle: " + recs);
  }

  private static String reasonFor(JsonObject recs, String itemId) {
    return recs.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> itemId.equals(item.getString("itemId")))
        .map(item -> item.getString("reason", "")).findFirst().orElse("");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private static String seconds(long since) {
    return String.format("%.1f", (System.nanoTime() - since) / 1e9);
  }

  /** The last lines of each process's log, for a failure message. */
  private static String logTails(Path logs) throws IOException {
    if (!Files.isDirectory(logs)) {
      return "(no logs in " + logs + ")";
    }
    try (Stream<Path> files = Files.list(logs)) {
      return files.sorted().map(file -> {
        try {
          List<String> lines = Files.readAllLines(file);
          return "== " + file.getFileName() + "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
          return "== " + file.getFileName() + ": " + e.getMessage();
        }
      }).collect(Collectors.joining("\n"));
    }
  }
}
