package dev.recstream.trainer.sequence;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.recstream.model.UserSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link SequenceNet} to predict each next item of the users' sequences with
 * softmax cross-entropy over the catalog — the loss that ranks well on the full catalog, where
 * one negative per position (the original SASRec loss) does not.
 *
 * <p>Softmax over a sample: with {@link SequenceNetOptions#negatives()} below the catalog, each
 * step ranks each target against that many items drawn uniformly for the whole batch (uniform,
 * so no correction for the sampling is needed). Every logit matrix a step writes is fresh memory,
 * and on 2 threads writing rows × 12,101 of them several times a step made the full softmax cost
 * 47 s an epoch on Beauty; 2,048 negatives cost about 7.
 *
 * <p>Each sequence's last item is its validation item: the network learns from the items before
 * it (every position predicts its successor, over the newest L + 1 items) and, after every
 * epoch, ranks each sampled user's validation item among all items outside their history. The
 * epoch with the best validation NDCG@10 is kept; training stops after {@code patience} epochs
 * without a better one. Then, from the best epoch's parameters, {@link
 * SequenceNetOptions#refitEpochs()} more epochs learn every item, the validation items too: early
 * stopping had to hold out each user's newest behaviour, the most telling for what comes next.
 * The test item is never seen: evaluation passes sequences without it.
 *
 * <p>Batches group users of similar length, so a batch runs on a window as long as its longest
 * sequence, not always L; the batches' order is shuffled each epoch with the seed.
 */
final class SequenceNetTraining {
  private static final Logger LOG = LoggerFactory.getLogger(SequenceNetTraining.class);
  private static final int VALIDATION_BATCH = 256;
  private static final int CUTOFF = 10;
  private static final float MASKED = -1e9f;

  private final SequenceNetOptions options;
  private final String name;
  private final EpochListener listener;

  SequenceNetTraining(String name, SequenceNetOptions options, EpochListener listener) {
    this.name = name;
    this.options = options;
    this.listener = listener;
  }

  /** What a training run chose and measured. */
  record Outcome(int epochs, int bestEpoch, double bestValidationNdcg, int refitEpochs, double seconds) {}

  /**
   * Trains {@code net} in place and leaves it holding the best epoch's parameters.
   *
   * @param sequences per user, item indices 1..numItems in time order; the last item of each is
   *     its validation item
   * @throws IllegalArgumentException when no user has the two items before their validation item
   *     that one training position needs
   */
  Outcome train(SequenceNet net, List<int[]> sequences, int numItems) {
    long started = System.nanoTime();
    Engine engine = PyTorchEngine.get(options.threads());
    engine.setRandomSeed((int) options.seed());
    List<int[]> examples = examples(sequences, 1);
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("data: no user has 3 items (two to learn from and one to validate on), so "
          + name + " has nothing to learn from");
    }
    int[] validationUsers = validationUsers(sequences);
    Adam adam = new Adam(options.learningRate());
    SplittableRandom random = new SplittableRandom(options.seed());
    Map<String, float[]> best = net.snapshot();
    double bestNdcg = -1;
    int bestEpoch = 0;
    int epoch = 0;
    while (epoch < options.maxEpochs() && epoch - bestEpoch < options.patience()) {
      epoch++;
      long epochStarted = System.nanoTime();
      double loss = trainEpoch(net, engine, adam, examples, random, epoch);
      requireFinite(loss, epoch);
      double ndcg = validate(net, sequences, validationUsers, numItems);
      if (ndcg > bestNdcg) {
        bestNdcg = ndcg;
        bestEpoch = epoch;
        best = net.snapshot();
      }
      EpochListener.EpochSummary summary = new EpochListener.EpochSummary(name, epoch, options.maxEpochs(), loss, ndcg,
          bestEpoch, bestNdcg, (System.nanoTime() - epochStarted) / 1e9);
      LOG.info("sequence model epoch model={} epoch={} loss={} validationNdcg10={} bestEpoch={} seconds={}", name,
          epoch, String.format("%.4f", loss), String.format("%.4f", ndcg), bestEpoch,
          String.format("%.1f", summary.seconds()));
      listener.onEpoch(summary);
    }
    net.restore(best);
    if (options.refitEpochs() > 0) {
      List<int[]> everything = examples(sequences, 0);
      for (int refit = 1; refit <= options.refitEpochs(); refit++) {
        long refitStarted = System.nanoTime();
        double loss = trainEpoch(net, engine, adam, everything, random, epoch + refit);
        requireFinite(loss, epoch + refit);
        LOG.info("sequence model refit model={} epoch={} loss={} seconds={}", name, refit, String.format("%.4f", loss),
            String.format("%.1f", (System.nanoTime() - refitStarted) / 1e9));
      }
    }
    return new Outcome(epoch, bestEpoch, bestNdcg, options.refitEpochs(), (System.nanoTime() - started) / 1e9);
  }

  /**
   * Stops a training whose loss is no longer a number: every later step would only spread it, and
   * the "best" epoch kept would be garbage.
   */
  private void requireFinite(double loss, int epoch) {
    if (!Double.isFinite(loss)) {
      throw new DivergedException(name + ": training diverged, the loss of epoch " + epoch + " is " + loss
          + "; no model is kept");
    }
  }

  /** A training whose loss stopped being a number. */
  static final class DivergedException extends IllegalStateException {
    DivergedException(String message) {
      super(message);
    }
  }

  /**
   * Per user with a training position: the newest L + 1 items before the last {@code heldOut}
   * (1: the validation item), whose first L are inputs and last L targets.
   */
  private List<int[]> examples(List<int[]> sequences, int heldOut) {
    List<int[]> examples = new ArrayList<>();
    for (int[] sequence : sequences) {
      int trainLength = sequence.length - heldOut;
      if (trainLength >= 2) {
        int from = Math.max(0, trainLength - options.maxLength() - 1);
        examples.add(Arrays.copyOfRange(sequence, from, trainLength));
      }
    }
    return examples;
  }

  /** Indices of the users validated on: those with an item before their validation item, sampled. */
  private int[] validationUsers(List<int[]> sequences) {
    int[] eligible = new int[sequences.size()];
    int n = 0;
    for (int u = 0; u < sequences.size(); u++) {
      if (sequences.get(u).length >= 2) {
        eligible[n++] = u;
      }
    }
    if (n <= options.validationUsers()) {
      return Arrays.copyOf(eligible, n);
    }
    boolean[] chosen = UserSample.choose(n, options.validationUsers(), options.seed());
    int[] users = new int[options.validationUsers()];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (chosen[i]) {
        users[m++] = eligible[i];
      }
    }
    return users;
  }

  /** One pass over the examples; returns the mean loss per predicted position. */
  private double trainEpoch(SequenceNet net, Engine engine, Adam adam, List<int[]> examples,
      SplittableRandom random, int epoch) {
    List<int[][]> batches = batches(examples, random);
    Negatives negatives = new Negatives(net.numItems, options.negatives());
    double lossSum = 0;
    long positions = 0;
    int done = 0;
    for (int[][] batch : batches) {
      int width = 0;
      for (int[] example : batch) {
        width = Math.max(width, example.length - 1);
      }
      long[] ids = new long[batch.length * width];
      int predicted = 0;
      for (int[] example : batch) {
        predicted += example.length - 1;
      }
      long[] rows = new long[predicted];
      long[] targets = new long[predicted];
      int p = 0;
      for (int b = 0; b < batch.length; b++) {
        int[] example = batch[b];
        int n = example.length - 1;
        for (int i = 0; i < n; i++) {
          int column = width - n + i;
          ids[b * width + column] = example[i];
          rows[p] = (long) b * width + column;
          targets[p++] = example[i + 1];
        }
      }
      try (NDManager step = net.manager.newSubManager()) {
        net.attachParametersTo(step);
        try (GradientCollector collector = engine.newGradientCollector()) {
          NDArray hidden = net.hidden(step.create(ids, new Shape(batch.length, width)), true)
              .reshape(-1, options.dimension());
          NDArray loss = loss(net, hidden.get(step.create(rows)), step.create(targets), negatives.draw(random));
          collector.backward(loss);
          lossSum += loss.getFloat() * predicted;
          positions += predicted;
        }
      }
      adam.step(net.parameters());
      listener.onBatch(epoch, ++done, batches.size());
    }
    return lossSum / positions;
  }

  /**
   * Mean cross-entropy of each position's target: against every item (full softmax) when {@code
   * sampled} is null, else against the sampled items, a sampled item equal to the target masked.
   */
  private static NDArray loss(SequenceNet net, NDArray hidden, NDArray targets, long[] sampled) {
    long n = targets.getShape().get(0);
    if (sampled == null) {
      return hidden.matMul(net.items().transpose()).logSoftmax(1).gather(targets.reshape(n, 1), 1).mean().neg();
    }
    NDArray positive = hidden.mul(net.items().get(targets)).sum(new int[] {1}, true);
    NDArray ids = hidden.getManager().create(sampled);
    NDArray negative = hidden.matMul(net.items().get(ids).transpose())
        .add(ids.reshape(1, sampled.length).eq(targets.reshape(n, 1)).toType(DataType.FLOAT32, false).mul(MASKED));
    return positive.concat(negative, 1).logSoftmax(1).get(":, 0").mean().neg();
  }

  /** Draws each step's negatives uniformly without replacement, or none for the full softmax. */
  private static final class Negatives {
    private final int[] pool;
    private final int count;

    Negatives(int numItems, int count) {
      this.count = count > 0 && count < numItems ? count : 0;
      this.pool = new int[this.count > 0 ? numItems : 0];
      for (int i = 0; i < pool.length; i++) {
        pool[i] = i + 1;
      }
    }

    /** {@code count} distinct items (a partial shuffle of the pool), or null for the full softmax. */
    long[] draw(SplittableRandom random) {
      if (count == 0) {
        return null;
      }
      long[] drawn = new long[count];
      for (int i = 0; i < count; i++) {
        int j = i + random.nextInt(pool.length - i);
        int swap = pool[i];
        pool[i] = pool[j];
        pool[j] = swap;
        drawn[i] = pool[i];
      }
      return drawn;
    }
  }

  /** The examples in batches of similar length, in a random order. */
  private List<int[][]> batches(List<int[]> examples, SplittableRandom random) {
    double[] keys = new double[examples.size()];
    Integer[] order = new Integer[examples.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = random.nextDouble();
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingInt(i -> examples.get(i).length).thenComparingDouble(i -> keys[i]));
    List<int[][]> batches = new ArrayList<>();
    for (int from = 0; from < order.length; from += options.batchSize()) {
      int to = Math.min(order.length, from + options.batchSize());
      int[][] batch = new int[to - from][];
      for (int i = from; i < to; i++) {
        batch[i - from] = examples.get(order[i]);
      }
      batches.add(batch);
    }
    for (int i = batches.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int[][] swap = batches.get(i);
      batches.set(i, batches.get(j));
      batches.set(j, swap);
    }
    return batches;
  }

  /** Mean NDCG@10 of the validation items, ranked among all items outside each user's history. */
  private double validate(SequenceNet net, List<int[]> sequences, int[] users, int numItems) {
    double sum = 0;
    for (int from = 0; from < users.length; from += VALIDATION_BATCH) {
      int to = Math.min(users.length, from + VALIDATION_BATCH);
      int width = 1;
      for (int i = from; i < to; i++) {
        width = Math.max(width, Math.min(options.maxLength(), sequences.get(users[i]).length - 1));
      }
      long[] ids = new long[(to - from) * width];
      for (int i = from; i < to; i++) {
        int[] sequence = sequences.get(users[i]);
        int history = sequence.length - 1;
        int kept = Math.min(width, history);
        for (int j = 0; j < kept; j++) {
          ids[(i - from) * width + width - kept + j] = sequence[history - kept + j];
        }
      }
      float[] scores = net.scores(ids, to - from, width);
      for (int i = from; i < to; i++) {
        sum += ndcg(sequences.get(users[i]), scores, (i - from) * (numItems + 1), numItems);
      }
    }
    return sum / users.length;
  }

  /** NDCG@10 of the sequence's last item against every item outside the rest of it; ties count against it. */
  private static double ndcg(int[] sequence, float[] scores, int offset, int numItems) {
    int target = sequence[sequence.length - 1];
    float targetScore = scores[offset + target];
    boolean[] seen = new boolean[numItems + 1];
    for (int i = 0; i < sequence.length - 1; i++) {
      seen[sequence[i]] = true;
    }
    seen[target] = false;
    int rank = 0;
    for (int item = 1; item <= numItems && rank < CUTOFF; item++) {
      if (!seen[item] && item != target && !(scores[offset + item] < targetScore)) {
        rank++;
      }
    }
    return rank < CUTOFF ? 1 / (Math.log(rank + 2) / Math.log(2)) : 0;
  }
}
