package dev.recstream.bench;

import dev.recstream.model.twostage.TwoStagePackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to recommend for users after an event with the two-stage model: candidate generation,
 * features, one ONNX Runtime call for the whole batch, top-k. A batch of 64 is what the scoring
 * service ranks when events arrive together; divide its time by 64 for the cost per event.
 *
 * <p>Needs a model package ({@code recstream train … --out DIR}) named by the system property
 * {@code recstream.package}; the histories replayed are the package's own training sequences
 * (every user's items but the last), so the candidate sets are realistic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xss2m")
public class TwoStageScoringBenchmark {
  private static final int USERS = 2_000;

  @Param({"1", "64"})
  public int batch;

  private TwoStagePackage model;
  private List<List<String>> histories;
  private int next;

  @Setup(Level.Trial)
  public void open() throws IOException {
    String dir = System.getProperty("recstream.package");
    if (dir == null) {
      throw new IllegalStateException("set -Drecstream.package=DIR to a model package written by `recstream train`");
    }
    model = TwoStagePackage.open(Path.of(dir));
    histories = readHistories(Path.of(dir).resolve(TwoStagePackage.SEQUENCES));
  }

  @TearDown(Level.Trial)
  public void close() {
    model.close();
  }

  @Benchmark
  public Object recommend() {
    List<List<String>> users = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      users.add(histories.get(next));
      next = (next + 1) % histories.size();
    }
    return model.recommend(users, 10);
  }

  private List<List<String>> readHistories(Path sequences) throws IOException {
    List<List<String>> result = new ArrayList<>();
    for (String line : Files.readAllLines(sequences)) {
      String[] indices = line.trim().split(" ");
      if (indices.length >= 2) {
        result.add(Arrays.stream(indices, 0, indices.length - 1)
            .map(i -> model.vocabulary().idOf(Integer.parseInt(i))).toList());
      }
      if (result.size() == USERS) {
        break;
      }
    }
    return result;
  }
}
