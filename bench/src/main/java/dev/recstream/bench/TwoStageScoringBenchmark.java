package dev.recstream.bench;

import dev.recstream.model.twostage.PackagedRecommender;
import dev.recstream.model.twostage.TwoStagePackage;
import dev.recstream.scoring.rules.BusinessRules;
import dev.recstream.scoring.rules.ItemCatalog;
import dev.recstream.shared.bus.ScoredItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
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
 * The time to recommend for users after an event with the two-stage model.
 *
 * <ul>
 *   <li>{@code rank}: candidate generation, features, one ONNX Runtime call for the whole batch,
 *       top-k — the model alone (the baseline);
 *   <li>{@code serve}: what the scoring service runs per batch — the packaged model over-fetching
 *       for the rules, with a reason per item, then the business rules (purchases, availability,
 *       category cap) on each list.
 * </ul>
 *
 * <p>A batch of 64 is what the scoring service ranks when events arrive together; divide its
 * time by 64 for the cost per event.
 *
 * <p>Needs a model package ({@code recstream train … --out DIR}) named by the system property
 * {@code recstream.package}, and for the {@code with-sequence} variant a package of the two-stage
 * model with a sequence model inside ({@code train --model two-stage+sasrec}) named by {@code
 * recstream.sequenceTwoStagePackage}: the same benchmark over both, in one run, gives what the
 * sequence model costs per event. The histories replayed are the package's own training
 * sequences (every user's items but the last), so the candidate sets are realistic.
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

  /** {@code plain}: the two-stage package; {@code with-sequence}: the one with a sequence model inside. */
  @Param({"plain", "with-sequence"})
  public String variant;

  private TwoStagePackage model;
  private PackagedRecommender served;
  private BusinessRules rules;
  private Set<String> purchased;
  private List<List<String>> histories;
  private List<List<String>> newestFirst;
  private int next;

  @Setup(Level.Trial)
  public void open() throws IOException {
    String property = variant.equals("plain") ? "recstream.package" : "recstream.sequenceTwoStagePackage";
    String dir = System.getProperty(property);
    if (dir == null) {
      throw new IllegalStateException("set -D" + property + "=DIR to a model package written by `recstream train`"
          + (variant.equals("plain") ? "" : " --model two-stage+sasrec"));
    }
    model = TwoStagePackage.open(Path.of(dir));
    served = PackagedRecommender.open(Path.of(dir));
    histories = readHistories(Path.of(dir).resolve(TwoStagePackage.SEQUENCES));
    newestFirst = histories.stream().map(h -> {
      List<String> reversed = new ArrayList<>(h);
      Collections.reverse(reversed);
      return List.copyOf(reversed.subList(0, Math.min(reversed.size(), 20)));
    }).toList();
    // A catalog where every tenth item is unavailable and items fall into 50 categories, and a
    // user who bought five items: the rules have work to do.
    ItemCatalog catalog = new ItemCatalog();
    for (int i = 1; i <= model.vocabulary().size(); i++) {
      catalog.put(model.vocabulary().idOf(i), "c" + (i % 50), i % 10 != 0);
    }
    rules = new BusinessRules(catalog, 3);
    purchased = Set.of(model.vocabulary().idOf(1), model.vocabulary().idOf(2), model.vocabulary().idOf(3),
        model.vocabulary().idOf(4), model.vocabulary().idOf(5));
  }

  @TearDown(Level.Trial)
  public void close() {
    model.close();
    served.close();
  }

  private List<List<String>> nextUsers(List<List<String>> from) {
    List<List<String>> users = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      users.add(from.get(next));
      next = (next + 1) % from.size();
    }
    return users;
  }

  @Benchmark
  public Object rank() {
    return model.recommend(nextUsers(histories), 10);
  }

  @Benchmark
  public Object serve() {
    List<List<ScoredItem>> lists = served.recommendAll(nextUsers(newestFirst), BusinessRules.fetchDepth(10, purchased.size()));
    List<List<ScoredItem>> kept = new ArrayList<>(lists.size());
    for (List<ScoredItem> list : lists) {
      kept.add(rules.apply(list, purchased, 10));
    }
    return kept;
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
