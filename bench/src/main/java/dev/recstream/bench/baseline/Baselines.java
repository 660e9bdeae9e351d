package dev.recstream.bench.baseline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the physical limits of this box with the real components alone (issue #5): Kafka,
 * PostgreSQL, an empty Vert.x HTTP server and ONNX Runtime, one after the other so that they do
 * not compete, and prints one table. Run it beside a load run on the same box: recstream's figures
 * mean most as ratios of these.
 */
@Command(name = "baselines", mixinStandardHelpOptions = true,
    description = "Measure what Kafka, PostgreSQL, a Vert.x HTTP server and ONNX Runtime alone can do on this box.")
public final class Baselines implements Callable<Integer> {
  @Option(names = "--kafka", description = "host:port of a running Kafka broker (Kafka baseline)")
  String kafka;
  @Option(names = "--pg", description = "postgresql://user:pass@host:port/db (PostgreSQL baseline)")
  String pg;
  @Option(names = "--http-rate", defaultValue = "2000", description = "open-loop HTTP requests per second (default ${DEFAULT-VALUE})")
  int httpRate;
  @Option(names = "--seconds", defaultValue = "10", description = "length of each HTTP run (default ${DEFAULT-VALUE})")
  int seconds;
  @Option(names = "--package", description = "model package directory with ranker.onnx (ONNX baseline)")
  Path packageDir;
  @Option(names = "--only", split = ",", description = "comma-separated subset of kafka,pg,http,onnx (default: all whose input is given)")
  List<String> only;
  @Option(names = "--out", description = "directory for results.md and results.json")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Baselines()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    BaselineOptions options;
    try {
      options = BaselineOptions.of(kafka, pg, httpRate, seconds, packageDir,
          only == null ? null : new LinkedHashSet<>(only), out);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    System.out.print(run(options).toMarkdown());
    return 0;
  }

  /** Runs the chosen baselines in sequence; writes results.md and results.json if {@code o.out()} is set. */
  public static BaselineResults run(BaselineOptions o) throws Exception {
    List<BaselineResult> results = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    for (String name : o.chosen()) {
      String missing = o.missingInput(name);
      if (missing != null) {
        skipped.put(name, missing);
        continue;
      }
      results.add(switch (name) {
        case "kafka" -> KafkaBaseline.run(o.kafka(), o.kafkaRecords());
        case "pg" -> PgBaseline.run(o.pg(), o.pgRows());
        case "http" -> HttpBaseline.run(o.httpRate(), o.seconds(), HttpBaseline.DEFAULT_CONNECTIONS);
        case "onnx" -> OnnxBaseline.run(o.packageDir());
        default -> throw new IllegalStateException("no baseline named " + name);
      });
    }
    BaselineResults r = new BaselineResults(results, skipped, Runtime.getRuntime().availableProcessors());
    if (o.out() != null) {
      r.write(o.out());
    }
    return r;
  }
}
