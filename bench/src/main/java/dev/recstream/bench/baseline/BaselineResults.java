package dev.recstream.bench.baseline;

import dev.recstream.bench.ResultFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The baselines of one run, as typed results a test can assert on and as results.md /
 * results.json a person keeps beside recstream's own figures.
 *
 * @param results the baselines that ran, in run order
 * @param skipped the baselines that did not run, with the reason
 * @param cores processors the JVM saw: the figures are of this box
 */
public record BaselineResults(List<BaselineResult> results, Map<String, String> skipped, int cores) {
  public BaselineResults {
    results = List.copyOf(results);
    skipped = Map.copyOf(skipped);
  }

  /** The result of one kind, e.g. {@code get(KafkaBaseline.Result.class)}. */
  public <T extends BaselineResult> T get(Class<T> type) {
    return results.stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + type.getName() + " in this run; skipped: " + skipped));
  }

  public JsonObject toJson() {
    JsonArray baselines = new JsonArray();
    results.forEach(r -> baselines.add(r.toJson()));
    return new JsonObject().put("cores", cores).put("baselines", baselines).put("skipped", new JsonObject(Map.copyOf(skipped)));
  }

  public String toMarkdown() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "# recstream baselines (this box, %d cores)%n%n", cores));
    b.append("| baseline | figure | value | unit |\n|---|---|---|---|\n");
    for (BaselineResult r : results) {
      for (Figure f : r.figures()) {
        b.append("| ").append(r.name()).append(" | ").append(f.name()).append(" | ").append(Figure.format(f.value()))
            .append(" | ").append(f.unit()).append(" |\n");
      }
    }
    skipped.forEach((name, why) -> b.append("\nSkipped ").append(name).append(": ").append(why).append('.'));
    b.append(skipped.isEmpty() ? "" : "\n");
    b.append("\nEach baseline is a real component alone on this box (no recstream code): report recstream's "
        + "figures of the same run as ratios of these.\n");
    return b.toString();
  }

  /** Writes results.md and results.json into {@code dir} (created if needed). */
  public void write(Path dir) throws IOException {
    ResultFiles.write(dir, toJson(), toMarkdown());
  }
}
