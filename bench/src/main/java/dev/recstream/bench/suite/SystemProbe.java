package dev.recstream.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the system under test while a scenario runs, once a second: heap in use and process CPU
 * time from the gateway's Prometheus page ({@code /metrics}, admin role), and the resident set of
 * the JVM from {@code /proc/PID/status} when its process id is known (Linux). Keeps the peaks and
 * the CPU seconds spent, so each scenario can say how much memory and how many cores it took.
 *
 * <p>A sample that fails (the gateway busy past its timeout) is skipped, never fatal: a probe must
 * not change the run it watches.
 */
final class SystemProbe implements AutoCloseable {
  /**
   * Peak heap and RSS in MiB (-1 when never read), the cores the JVM used on average, and the CPU
   * seconds it spent in all (-1 when {@code /metrics} could not be read at the start or the end).
   */
  public record Usage(double heapMaxMiB, double rssMaxMiB, double cores, double cpuSeconds) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI metrics;
  private final String apiKey;
  private final Path status;
  private ScheduledExecutorService timer;
  private volatile double heapMax = -1;
  private volatile double rssMax = -1;
  private double cpuStartSeconds = -1;
  private long startNanos;

  /**
   * @param gateway base URL of the gateway
   * @param apiKey Bearer key with the admin role, or null when the system is open
   * @param pid the JVM's process id, or 0 when unknown (no RSS)
   */
  SystemProbe(String gateway, String apiKey, long pid) {
    this.metrics = URI.create(gateway + "/metrics");
    this.apiKey = apiKey;
    this.status = pid > 0 ? Path.of("/proc", Long.toString(pid), "status") : null;
  }

  /** Resets the peaks and starts sampling (once per scenario; {@link #stop} ends it). */
  void start() {
    heapMax = -1;
    rssMax = -1;
    startNanos = System.nanoTime();
    cpuStartSeconds = cpuSeconds(scrape());
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "system-probe");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
  }

  /**
   * Stops sampling and returns the peaks since {@link #start}. The last page is tried three times:
   * right after a heavy load the gateway may answer late, and without it the CPU is unknown.
   */
  Usage stop() {
    close();
    String page = scrape();
    for (int attempt = 1; attempt < 3 && cpuSeconds(page) < 0; attempt++) {
      page = scrape();
    }
    sample(page);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double cpu = cpuSeconds(page);
    double spent = cpu < 0 || cpuStartSeconds < 0 ? -1 : cpu - cpuStartSeconds;
    return new Usage(heapMax, rssMax, spent < 0 ? -1 : spent / seconds, spent);
  }

  /**
   * Waits until the JVM spends less than {@code cores} of CPU over a second — what a previous load
   * left behind has drained — for at most {@code maxSeconds}; false if it did not settle (or
   * {@code /metrics} could not be read).
   */
  boolean awaitIdle(double cores, int maxSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
    double before = cpuSeconds(scrape());
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      double now = cpuSeconds(scrape());
      if (before >= 0 && now >= 0 && now - before < cores) {
        return true;
      }
      before = now;
    }
    return false;
  }

  private void sample() {
    sample(scrape());
  }

  private void sample(String page) {
    double heap = heapBytes(page);
    if (heap >= 0) {
      heapMax = Math.max(heapMax, heap / (1 << 20));
    }
    double rss = rssKib();
    if (rss >= 0) {
      rssMax = Math.max(rssMax, rss / 1024);
    }
  }

  /** The Prometheus page, or "" when it cannot be read now. */
  private String scrape() {
    HttpRequest.Builder request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Σ jvm_memory_used_bytes{area="heap",…}, or -1 when the page has none. */
  static double heapBytes(String page) {
    double sum = -1;
    for (String line : page.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
        sum = Math.max(sum, 0) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** process_cpu_time_ns_total in seconds, or -1 when the page has none. */
  static double cpuSeconds(String page) {
    for (String line : page.split("\n")) {
      if (line.startsWith("process_cpu_time_ns_total ")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) / 1e9;
      }
    }
    return -1;
  }

  private double rssKib() {
    if (status == null) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Double.parseDouble(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process is gone or the format is unexpected: no RSS for this sample.
    }
    return -1;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
