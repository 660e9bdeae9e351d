/**
 * Pure statistics for recstream's online metrics: confidence intervals for rates and their
 * differences (Wilson, Newcombe), the sample-ratio-mismatch test of an experiment's assignment,
 * and counters and latency histograms over sliding time windows.
 *
 * <p>Nothing here reads a clock, logs or touches Vert.x: time is passed in as epoch milliseconds,
 * so a verticle owns the instances and the tests are deterministic. The records are immutable;
 * the mutable classes are not thread-safe and say so.
 */
package dev.recstream.metrics.stats;
