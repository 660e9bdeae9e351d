package dev.recstream.bench.baseline;

/**
 * One measured number of a baseline, as a row of the results table.
 *
 * @param name what was measured, e.g. {@code "produce rate"}
 * @param value the number
 * @param unit its unit, e.g. {@code "records/s"} or {@code "µs"}
 */
public record Figure(String name, double value, String unit) {}
