package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard as a person uses it, in real headless Chromium driven by playwright-core
 * ({@code src/test/browser/dashboard.test.mjs}): the live feed, a chart and the hit rate update
 * after events and a click on a recommended item. Needs Node.js, Debian's Chromium and the npm
 * package, which {@code .ci/run} installs; where they are missing the test is skipped, loudly.
 */
@ExtendWith(TestSystem.class)
@DisplayName("Dashboard in headless Chromium")
class DashboardBrowserIT {
  private static final Path BROWSER_DIR = Path.of("src/test/browser");
  private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @Test
  @DisplayName("posting events and clicking a recommended item updates the live feed, a chart and the hit rate")
  void dashboardUpdatesLive() throws Exception {
    List<String> missing = missingTools();
    if (!missing.isEmpty()) {
      String message = "DASHBOARD BROWSER TEST SKIPPED: " + String.join("; ", missing)
          + " (.ci/run installs them: apt-get install chromium, npm ci --prefix services/app/src/test/browser)";
      System.err.println("\n" + "!".repeat(message.length()) + "\n" + message + "\n" + "!".repeat(message.length()) + "\n");
      Assumptions.abort(message);
    }
    Path screenshot = Path.of("target/dashboard.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    Process node = new ProcessBuilder("node", "dashboard.test.mjs",
        "http://127.0.0.1:" + TestSystem.get().httpPort() + "/", screenshot.toString())
        .directory(BROWSER_DIR.toFile())
        .redirectErrorStream(true)
        .start();
    boolean finished = node.waitFor(180, TimeUnit.SECONDS);
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!finished) {
      node.destroyForcibly();
    }
    assertTrue(finished, "the browser test did not finish in 180 s: " + output);
    assertEquals(0, node.exitValue(), output);
    assertTrue(output.contains("\"ok\":true"), output);
    assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page at " + screenshot);
  }

  /** What is not there to run the browser, each said in a sentence. */
  private static List<String> missingTools() {
    List<String> missing = new ArrayList<>();
    try {
      Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      if (!version.waitFor(20, TimeUnit.SECONDS) || version.exitValue() != 0) {
        missing.add("'node --version' failed");
      }
    } catch (IOException | InterruptedException e) {
      missing.add("Node.js is not installed (" + e.getMessage() + ")");
    }
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add("no Chromium at " + CHROMIUM + " (set CHROMIUM to another path)");
    }
    if (!Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core"))) {
      missing.add("playwright-core is not installed in " + BROWSER_DIR.toAbsolutePath());
    }
    return missing;
  }
}
