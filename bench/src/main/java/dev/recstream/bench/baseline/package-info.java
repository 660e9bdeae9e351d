/**
 * Same-run baselines (issue #5): the raw capability of each real component on this box — a Kafka
 * broker, PostgreSQL, a Vert.x HTTP server, ONNX Runtime — measured alone, so that recstream's own
 * figures can be reported as ratios of what the machine can do at all. Each baseline cleans up
 * after itself (scratch topic or table dropped, clients and servers closed).
 *
 * <p>Entry points: {@link dev.recstream.bench.baseline.Baselines#main} (command line, {@code
 * bench/baselines.sh}), {@link dev.recstream.bench.baseline.Baselines#run} and {@link
 * dev.recstream.bench.baseline.GetLoad#run} (suite runners and tests).
 */
package dev.recstream.bench.baseline;
