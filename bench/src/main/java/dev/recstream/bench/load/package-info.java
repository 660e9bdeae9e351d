/**
 * A load generator and meter for a running recstream (issue #5): it sends behavior events at a
 * fixed rate over HTTP or Kafka, follows the same users over the WebSocket live feed, and measures
 * how long each event takes to come back as a pushed recommendation list.
 *
 * <p>Entry points: {@link dev.recstream.bench.load.LoadRun#main} (command line, {@code bench/load.sh})
 * and {@link dev.recstream.bench.load.LoadRun#run} (tests).
 */
package dev.recstream.bench.load;
