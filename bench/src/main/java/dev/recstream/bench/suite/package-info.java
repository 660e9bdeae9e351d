/**
 * The performance suite of the live path ({@code bench/perf.sh}): it starts {@code recstream dev}
 * from a jar in each configuration, runs the same-run baselines and the load scenarios of each
 * workload against it, and reports every target with the measured figure, whether it is met and
 * its ratio to the same run's baseline ({@link dev.recstream.bench.suite.PerfSuite},
 * {@link dev.recstream.bench.suite.SuiteReport}); {@link dev.recstream.bench.suite.MedianOfRuns}
 * turns several runs into the medians for bench/RESULTS.md. Only the system's external contract is
 * used (HTTP, the Kafka topic, the WebSocket live feed, {@code /metrics}), so an older build can be
 * measured by the same suite.
 */
package dev.recstream.bench.suite;
