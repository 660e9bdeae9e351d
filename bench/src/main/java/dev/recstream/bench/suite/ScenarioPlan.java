package dev.recstream.bench.suite;

/**
 * The rates and lengths of the scenarios each workload runs, and the sizes of the baselines.
 * {@link #full} is what the targets are stated for; {@link #brief} keeps every rate and
 * cuts every length, to try the whole harness end to end; {@link #smoke} is a few hundred events
 * per second for two seconds, for the test suite.
 *
 * @param users users of the skewed workload
 * @param items catalog of the skewed workload (Zipf(1.0) popularity)
 * @param replayUsers users of the replay workload
 * @param perConnection users followed per WebSocket connection
 * @param warmupRate events/s of the warm-up (Kafka, then HTTP), whose figures are thrown away
 * @param warmupSeconds length of each of the two warm-ups
 * @param lowRate events/s of the low-rate scenarios (Kafka and HTTP)
 * @param lowSeconds their length
 * @param highRate events/s of the high-rate scenario (Kafka; also the CPU per event)
 * @param highSeconds its length
 * @param sustainedRate events/s of the sustained scenario (Kafka)
 * @param sustainedSeconds its length
 * @param getRate GET recommendations per second
 * @param getSeconds its length (after a warm-up of a third of it, at most 3 s)
 * @param graceSeconds how long each event scenario waits at most for late pushes
 * @param kafkaRecords records of the Kafka baseline
 * @param pgRows rows of the PostgreSQL baseline
 */
public record ScenarioPlan(int users, int items, int replayUsers, int perConnection, int warmupRate,
    int warmupSeconds, int lowRate, int lowSeconds, int highRate, int highSeconds, int sustainedRate,
    int sustainedSeconds, int getRate, int getSeconds, int graceSeconds, int kafkaRecords, int pgRows) {

  /** The targets: 1,000/s and 5,000/s for 20 s, 10,000/s for 60 s, 2,000 GET/s for 20 s. */
  public static ScenarioPlan full() {
    return new ScenarioPlan(2000, 5000, 5000, 500, 2000, 5, 1000, 20, 5000, 20, 10_000, 60, 2000, 20, 10,
        300_000, 500_000);
  }

  /** The same rates for 5 s (sustained 20 s): the harness end to end in a few minutes. */
  public static ScenarioPlan brief() {
    return new ScenarioPlan(2000, 5000, 5000, 500, 2000, 3, 1000, 5, 5000, 5, 10_000, 20, 2000, 6, 10,
        100_000, 200_000);
  }

  /** Every scenario at a low rate for two seconds: the harness end to end, in the test suite. */
  public static ScenarioPlan smoke() {
    return new ScenarioPlan(50, 1000, 50, 500, 100, 1, 100, 2, 200, 2, 300, 2, 100, 2, 5, 5_000, 20_000);
  }

  /** {@code full} or {@code brief}, as the command line names them. */
  public static ScenarioPlan named(String name) {
    return switch (name) {
      case "full" -> full();
      case "brief" -> brief();
      default -> throw new IllegalArgumentException("--plan: must be full or brief, got " + name);
    };
  }
}
