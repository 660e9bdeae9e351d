package dev.recstream.bench.suite;

import java.nio.file.Path;

/**
 * One configuration of the system under test, running, and what to run against it.
 *
 * @param configuration its name in the results, e.g. {@code default} or {@code two-stage}
 * @param http gateway base URL
 * @param kafka the broker the system reads ({@code host:port})
 * @param pg the system's PostgreSQL URL (the PostgreSQL baseline writes a scratch table there)
 * @param packageDir a model package with {@code ranker.onnx} for the ONNX baseline, or null
 * @param replay dataset in the sequences format for the replay workload (run after the skewed
 *     one), or null for the skewed workload alone
 * @param pid the system's JVM process id for its resident set, or 0
 * @param apiKey admin key when the system requires one, or null
 * @param plan rates and lengths of the scenarios
 * @param out directory for results.md and results.json, or null
 */
public record SuiteOptions(String configuration, String http, String kafka, String pg, Path packageDir, Path replay,
    long pid, String apiKey, ScenarioPlan plan, Path out) {

  /** The skewed workload alone, every scenario at a low rate for two seconds: the harness in the test suite. */
  public static SuiteOptions smoke(String http, String kafka, String pg, Path out) {
    return new SuiteOptions("test system", http, kafka, pg, null, null, 0, null, ScenarioPlan.smoke(), out);
  }
}
