package dev.recstream.bench.suite;

import dev.recstream.bench.baseline.GetLoad;
import dev.recstream.bench.load.LoadOptions;
import dev.recstream.bench.load.LoadResult;
import dev.recstream.bench.load.LoadRun;
import dev.recstream.model.UserSequence;
import dev.recstream.trainer.data.DatasetFormat;
import dev.recstream.trainer.data.DatasetReaders;
import dev.recstream.trainer.data.ReaderOptions;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The scenarios of one workload against one running system: a warm-up over Kafka and over HTTP
 * whose figures are thrown away, then low rate over Kafka and over HTTP, GET recommendations, high
 * rate and sustained over Kafka — lightest first, so that a backlog left by one does not weigh on
 * a lighter one (each event scenario also waits for its last pushes before the next starts).
 *
 * <p>Before the warm-up and after it, the run waits (at most 30 s) until the system's JVM is idle.
 * The GETs read users with a history: the dataset's own users when replaying (the suite imports
 * them first), otherwise the users the two low-rate scenarios just drove.
 */
final class WorkloadRun {
  private static final long SEED = 42L;
  /** Below this the system counts as idle: an idle recstream dev spends a few hundredths of a core. */
  private static final double IDLE_CORES = 0.25;
  private static final int SETTLE_SECONDS = 30;

  private final SuiteOptions o;
  private final SuiteWorkload workload;
  private final SystemProbe probe;

  private WorkloadRun(SuiteOptions o, SuiteWorkload workload, SystemProbe probe) {
    this.o = o;
    this.workload = workload;
    this.probe = probe;
  }

  static WorkloadResult run(SuiteOptions o, SuiteWorkload workload) throws Exception {
    try (SystemProbe probe = new SystemProbe(o.http(), o.apiKey(), o.pid())) {
      return new WorkloadRun(o, workload, probe).scenarios();
    }
  }

  private WorkloadResult scenarios() throws Exception {
    ScenarioPlan p = o.plan();
    settle();
    load(p.warmupRate(), p.warmupSeconds(), true);
    load(p.warmupRate(), p.warmupSeconds(), false);
    settle();
    List<Scenario> done = new ArrayList<>();
    done.add(measured(Scenario.Kind.LOW_KAFKA, p.lowRate(), p.lowSeconds(), true));
    done.add(measured(Scenario.Kind.LOW_HTTP, p.lowRate(), p.lowSeconds(), false));
    done.add(get(getUsers(done)));
    done.add(measured(Scenario.Kind.HIGH_KAFKA, p.highRate(), p.highSeconds(), true));
    done.add(measured(Scenario.Kind.SUSTAINED, p.sustainedRate(), p.sustainedSeconds(), true));
    return new WorkloadResult(o.configuration(), workload, done);
  }

  private Scenario measured(Scenario.Kind kind, int rate, int seconds, boolean kafka) throws Exception {
    progress(kind, rate, seconds);
    probe.start();
    LoadResult result = load(rate, seconds, kafka);
    return new Scenario(kind, result, null, probe.stop());
  }

  private Scenario get(List<String> users) throws Exception {
    progress(Scenario.Kind.GET, o.plan().getRate(), o.plan().getSeconds());
    probe.start();
    var result = GetLoad.run(o.http(), o.apiKey(), users, o.plan().getRate(), o.plan().getSeconds());
    return new Scenario(Scenario.Kind.GET, null, result, probe.stop());
  }

  private List<String> getUsers(List<Scenario> driven) throws Exception {
    if (workload.replay() != null) {
      return DatasetReaders.read(workload.replay(), DatasetFormat.SEQUENCES, ReaderOptions.DEFAULTS).users().stream()
          .map(UserSequence::userId).toList();
    }
    return driven.stream().flatMap(s -> s.load() == null ? Stream.empty() : s.load().userIds().stream()).toList();
  }

  /** Lets a backlog left by the previous workload or the warm-up drain, so it does not weigh on the next scenario. */
  private void settle() throws InterruptedException {
    if (!probe.awaitIdle(IDLE_CORES, SETTLE_SECONDS)) {
      System.err.printf(Locale.ROOT, "perf %s/%s: the system was still busy after %d s; going on%n",
          o.configuration(), workload.name(), SETTLE_SECONDS);
    }
  }

  /** One line on stderr per scenario: a whole run takes minutes, and its operator wants to know where it is. */
  private void progress(Scenario.Kind kind, int rate, int seconds) {
    System.err.printf(Locale.ROOT, "perf %s %s/%s: %s at %,d/s for %d s%n", LocalTime.now().withNano(0),
        o.configuration(), workload.name(), kind.label, rate, seconds);
  }

  private LoadResult load(int rate, int seconds, boolean kafka) throws Exception {
    return LoadRun.run(new LoadOptions(o.http(), kafka ? o.kafka() : null, rate, seconds, workload.users(),
        workload.items(), o.apiKey(), o.plan().graceSeconds(), SEED, null, workload.replay(), o.plan().perConnection()));
  }
}
