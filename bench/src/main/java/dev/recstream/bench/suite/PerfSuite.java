package dev.recstream.bench.suite;

import dev.recstream.bench.baseline.BaselineOptions;
import dev.recstream.bench.baseline.BaselineResults;
import dev.recstream.bench.baseline.Baselines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole performance run of the live path, in one process so that every figure comes from the
 * same run: for each configuration of the system — {@code default} ({@code recstream dev} with no
 * model package: the built-in streaming model) and {@code two-stage} (serving the given package,
 * after a bulk import of the replayed dataset) — it starts the given jar fresh, runs the scenarios
 * of each workload ({@link WorkloadRun}: the skewed workload, and for {@code two-stage} the replay
 * too) and stops it. The baselines (Kafka, PostgreSQL, empty HTTP server, ONNX Runtime) run once,
 * against the first system, before its scenarios. {@code bench/perf.sh} calls this.
 */
@Command(name = "perf", mixinStandardHelpOptions = true,
    description = "Start recstream dev from a jar in each configuration and run the baselines and load scenarios.")
public final class PerfSuite implements Callable<Integer> {
  static final String DEFAULT = "default";
  static final String TWO_STAGE = "two-stage";

  @Option(names = "--jar", required = true, description = "the recstream jar under test")
  Path jar;
  @Option(names = "--package", description = "the model package two-stage serves (and the ONNX baseline loads)")
  Path packageDir;
  @Option(names = "--replay", description = "dataset (sequences format): imported into two-stage, replayed by its replay workload")
  Path replay;
  @Option(names = "--configurations", split = ",", defaultValue = DEFAULT + "," + TWO_STAGE,
      description = "which to run, in order (default ${DEFAULT-VALUE})")
  List<String> configurations;
  @Option(names = "--plan", defaultValue = "full", description = "full, or brief to try the harness (default ${DEFAULT-VALUE})")
  String plan;
  @Option(names = "--port", defaultValue = "18080", description = "gateway port of the system (default ${DEFAULT-VALUE})")
  int port;
  @Option(names = "--work", description = "directory for the systems' data and logs (default: a new temporary one)")
  Path work;
  @Option(names = "--label", defaultValue = "", description = "build and configuration, printed in the title")
  String label;
  @Option(names = "--note", description = "a line added under the tables")
  List<String> notes;
  @Option(names = "--out", description = "directory for results.md and results.json")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PerfSuite()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ScenarioPlan scenarioPlan = ScenarioPlan.named(plan);
    for (String c : configurations) {
      if (!c.equals(DEFAULT) && !c.equals(TWO_STAGE)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--configurations: unknown " + c);
      }
    }
    if (configurations.contains(TWO_STAGE) && (packageDir == null || replay == null)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "two-stage needs --package and --replay");
    }
    Path dir = work != null ? work : Files.createTempDirectory("recstream-perf");
    List<String> lines = new ArrayList<>(notes == null ? List.of() : notes);
    BaselineResults baselines = null;
    List<WorkloadResult> results = new ArrayList<>();
    for (String configuration : configurations) {
      boolean twoStage = configuration.equals(TWO_STAGE);
      try (DevSystem system = DevSystem.start(jar, twoStage ? packageDir : null, port, dir.resolve(configuration))) {
        if (twoStage) {
          lines.add("two-stage: bulk import before its scenarios (recstream import --format sequences "
              + replay.getFileName() + "): " + system.importSequences(replay));
        }
        SuiteOptions o = new SuiteOptions(configuration, system.http(), system.kafka(), system.pg(), packageDir,
            twoStage ? replay : null, system.pid(), null, scenarioPlan, null);
        baselines = baselines != null ? baselines : baselines(o);
        results.addAll(workloads(o));
      }
    }
    lines.add(0, String.format(Locale.ROOT, "Configurations, each a fresh `recstream dev` (-Xmx2g) from %s: "
        + "default = no model package (the built-in streaming model); two-stage = serving %s.", jar, packageDir));
    SuiteReport report = new SuiteReport(label, baselines, results, lines);
    if (out != null) {
      report.write(out);
    }
    System.out.print(report.toMarkdown());
    return 0;
  }

  /**
   * Against one running system (the test suite's): the baselines, then every workload; writes
   * results.md and results.json when {@code o.out()} is set.
   */
  public static SuiteReport run(SuiteOptions o, String label, List<String> notes) throws Exception {
    SuiteReport report = new SuiteReport(label, baselines(o), workloads(o), notes);
    if (o.out() != null) {
      report.write(o.out());
    }
    return report;
  }

  private static BaselineResults baselines(SuiteOptions o) throws Exception {
    ScenarioPlan p = o.plan();
    return Baselines.run(BaselineOptions.of(o.kafka(), o.pg(), p.getRate(), Math.max(2, p.getSeconds() / 2),
        o.packageDir(), null, null).withSizes(p.kafkaRecords(), p.pgRows()));
  }

  /** The skewed workload, then the replay when the options name a dataset. */
  private static List<WorkloadResult> workloads(SuiteOptions o) throws Exception {
    List<WorkloadResult> results = new ArrayList<>();
    results.add(WorkloadRun.run(o, SuiteWorkload.skewed(o.plan())));
    if (o.replay() != null) {
      results.add(WorkloadRun.run(o, SuiteWorkload.replay(o.replay(), o.plan())));
    }
    return results;
  }
}
