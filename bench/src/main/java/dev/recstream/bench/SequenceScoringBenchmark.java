package dev.recstream.bench;

import dev.recstream.model.sequence.SequenceOnnxRecommender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * The time to recommend for users after an event with a sequence package ({@code sasrec},
 * {@code gru4rec}): what the scoring service runs per batch, {@link
 * SequenceOnnxRecommender#recommendAll} — one ONNX Runtime call for the batch's left-padded
 * rows, then the top 10 of every item outside each history. Run it beside {@link
 * TwoStageScoringBenchmark} for the same-run baseline; divide a batch's time by 64 for the cost
 * per event.
 *
 * <p>Needs {@code -Drecstream.sequencePackage=DIR} (a package written by {@code recstream train
 * --model sasrec}) and {@code -Drecstream.histories=FILE}, a {@code sequences} file whose users'
 * items (all but the last) are replayed, newest first, as the scoring service passes them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class SequenceScoringBenchmark {
  private static final int USERS = 2_000;

  @Param({"1", "64"})
  public int batch;

  private SequenceOnnxRecommender model;
  private List<List<String>> newestFirst;
  private int next;

  @Setup(Level.Trial)
  public void open() throws IOException {
    String dir = System.getProperty("recstream.sequencePackage");
    String histories = System.getProperty("recstream.histories");
    if (dir == null || histories == null) {
      throw new IllegalStateException("set -Drecstream.sequencePackage=DIR (recstream train --model sasrec) and "
          + "-Drecstream.histories=FILE (a sequences file)");
    }
    model = SequenceOnnxRecommender.open(Path.of(dir));
    newestFirst = readHistories(Path.of(histories));
  }

  @TearDown(Level.Trial)
  public void close() {
    model.close();
  }

  @Benchmark
  public Object serve() {
    List<List<String>> users = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      users.add(newestFirst.get(next));
      next = (next + 1) % newestFirst.size();
    }
    return model.recommendAll(users, 10);
  }

  private static List<List<String>> readHistories(Path sequences) throws IOException {
    List<List<String>> result = new ArrayList<>();
    for (String line : Files.readAllLines(sequences)) {
      String[] fields = line.trim().split(" ");
      if (fields.length >= 3) {
        List<String> items = new ArrayList<>(Arrays.asList(fields).subList(1, fields.length - 1));
        Collections.reverse(items);
        result.add(List.copyOf(items));
      }
      if (result.size() == USERS) {
        break;
      }
    }
    return result;
  }
}
