package dev.recstream.bench.suite;

import java.nio.file.Path;

/**
 * What one performance run does: the system it drives, and the rate and length of each scenario.
 * {@link #full} is the run the targets are stated for; {@link #smoke} is the same run at
 * a few hundred events per second for a few seconds, for the test suite.
 *
 * @param http gateway base URL
 * @param kafka the broker the system reads ({@code host:port})
 * @param pg the system's PostgreSQL URL (the PostgreSQL baseline writes a scratch table there)
 * @param packageDir the model package the system serves (the ONNX baseline), or null
 * @param replay dataset in the sequences format the load replays, or null for synthetic items
 * @param pid the system's JVM process id for its resident set, or 0
 * @param apiKey admin key when the system requires one, or null
 * @param users users driven by each load scenario
 * @param warmupSeconds a load at {@code latencyRate} first, whose figures are thrown away
 * @param latencyRate offered events/s of the latency scenario
 * @param latencySeconds its length
 * @param sustainedRate offered events/s of the sustained scenario
 * @param sustainedSeconds its length
 * @param getRate GET recommendations per second
 * @param getSeconds its length
 * @param saturationRate offered events/s of the saturation scenario (above what the box can do)
 * @param saturationSeconds its length
 * @param graceSeconds how long each load scenario waits for late pushes
 * @param kafkaRecords records of the Kafka baseline
 * @param pgRows rows of the PostgreSQL baseline
 * @param out directory for results.md and results.json, or null
 */
public record SuiteOptions(String http, String kafka, String pg, Path packageDir, Path replay, long pid, String apiKey,
    int users, int warmupSeconds, int latencyRate, int latencySeconds, int sustainedRate, int sustainedSeconds,
    int getRate, int getSeconds, int saturationRate, int saturationSeconds, int graceSeconds,
    int kafkaRecords, int pgRows, Path out) {

  /** The targets: 5,000/s for latency, 10,000/s sustained for 60 s, 2,000 GET/s, and 15,000/s offered. */
  public static SuiteOptions full(String http, String kafka, String pg, Path packageDir, Path replay, long pid,
      String apiKey, Path out) {
    return new SuiteOptions(http, kafka, pg, packageDir, replay, pid, apiKey, 5000, 20, 5000, 30, 10_000, 60,
        2000, 20, 15_000, 30, 10, 300_000, 500_000, out);
  }

  /** Every scenario at a low rate for two seconds: the harness end to end, in the test suite. */
  public static SuiteOptions smoke(String http, String kafka, String pg, Path out) {
    return new SuiteOptions(http, kafka, pg, null, null, 0, null, 50, 1, 100, 2, 200, 2, 100, 2, 300, 2, 5,
        5_000, 20_000, out);
  }
}
