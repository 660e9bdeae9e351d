package dev.recstream.bench.suite;

import dev.recstream.bench.baseline.BaselineOptions;
import dev.recstream.bench.baseline.BaselineResults;
import dev.recstream.bench.baseline.Baselines;
import dev.recstream.bench.baseline.GetLoad;
import dev.recstream.bench.load.LoadOptions;
import dev.recstream.bench.load.LoadResult;
import dev.recstream.bench.load.LoadRun;
import dev.recstream.model.UserSequence;
import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import dev.recstream.trainer.data.ReaderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole performance run of issue #5 against a running system, in one process so that every
 * figure comes from the same run: the baselines first (Kafka, PostgreSQL, empty HTTP, ONNX
 * Runtime), then a warm-up, then the scenarios from lightest to heaviest so that a backlog left by
 * one does not weigh on a lighter one: latency (Kafka, 5,000/s), HTTP intake (same rate), GET
 * recommendations (2,000/s), sustained (Kafka, 10,000/s for 60 s) and saturation (Kafka, more than
 * the box can take). {@code bench/perf.sh} starts the system and calls this.
 */
@Command(name = "perf", mixinStandardHelpOptions = true,
    description = "Baselines and load scenarios against a running recstream; one results table.")
public final class PerfSuite implements Callable<Integer> {
  @Option(names = "--http", required = true, description = "gateway base URL")
  String http;
  @Option(names = "--kafka", required = true, description = "host:port of the system's Kafka broker")
  String kafka;
  @Option(names = "--pg", required = true, description = "the system's PostgreSQL URL (the baseline uses a scratch table)")
  String pg;
  @Option(names = "--package", description = "the model package the system serves (ONNX baseline)")
  Path packageDir;
  @Option(names = "--replay", description = "dataset (sequences format) whose users the loads replay and the GETs read")
  Path replay;
  @Option(names = "--pid", defaultValue = "0", description = "the system's JVM process id, for its resident set")
  long pid;
  @Option(names = "--api-key", description = "admin key when the system requires one")
  String apiKey;
  @Option(names = "--label", defaultValue = "", description = "commit and configuration, printed in the title")
  String label;
  @Option(names = "--note", description = "a line added under the tables (e.g. the import rate measured before)")
  List<String> notes;
  @Option(names = "--out", description = "directory for results.md and results.json")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PerfSuite()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SuiteReport report = run(SuiteOptions.full(http, kafka, pg, packageDir, replay, pid, apiKey, out), label,
        notes == null ? List.of() : notes);
    System.out.print(report.toMarkdown());
    return 0;
  }

  /** Runs everything; writes results.md and results.json when {@code o.out()} is set. */
  public static SuiteReport run(SuiteOptions o, String label, List<String> notes) throws Exception {
    BaselineResults baselines = Baselines.run(BaselineOptions.of(o.kafka(), o.pg(), o.getRate(),
        Math.max(2, o.getSeconds() / 2), o.packageDir(), null, null).withSizes(o.kafkaRecords(), o.pgRows()));
    List<String> getUsers = o.replay() == null ? GetLoad.defaultUserIds(o.users())
        : DatasetReaders.read(o.replay(), DatasetFormat.SEQUENCES, ReaderOptions.DEFAULTS).users().stream()
            .map(UserSequence::userId).toList();
    List<Scenario> scenarios = new ArrayList<>();
    try (SystemProbe probe = new SystemProbe(o.http(), o.apiKey(), o.pid())) {
      load(o, o.latencyRate(), o.warmupSeconds(), true);
      scenarios.add(measured(probe, "latency (Kafka)", () -> load(o, o.latencyRate(), o.latencySeconds(), true)));
      scenarios.add(measured(probe, "HTTP intake", () -> load(o, o.latencyRate(), o.latencySeconds(), false)));
      probe.start();
      scenarios.add(new Scenario("GET recommendations", null,
          GetLoad.run(o.http(), o.apiKey(), getUsers, o.getRate(), o.getSeconds()), probe.stop()));
      scenarios.add(measured(probe, "sustained (Kafka)", () -> load(o, o.sustainedRate(), o.sustainedSeconds(), true)));
      scenarios.add(measured(probe, "saturation (Kafka)", () -> load(o, o.saturationRate(), o.saturationSeconds(), true)));
    }
    SuiteReport report = new SuiteReport(label, baselines, scenarios, notes);
    if (o.out() != null) {
      report.write(o.out());
    }
    return report;
  }

  private interface LoadCall {
    LoadResult run() throws Exception;
  }

  private static Scenario measured(SystemProbe probe, String name, LoadCall call) throws Exception {
    probe.start();
    LoadResult result = call.run();
    return new Scenario(name, result, null, probe.stop());
  }

  private static LoadResult load(SuiteOptions o, int rate, int seconds, boolean kafka) throws Exception {
    LoadOptions options = new LoadOptions(o.http(), kafka ? o.kafka() : null, rate, seconds, o.users(), 10_000,
        o.apiKey(), o.graceSeconds(), 42L, null, o.replay());
    return LoadRun.run(options);
  }
}
