package dev.recstream.model.twostage;

import dev.recstream.model.UserSample;
import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The ranker's training rows (MODEL-NOTES, recipe step 5): statistics and embeddings from every
 * sequence without its last item, that last item as the positive, and up to {@link #NEGATIVES}
 * of the user's other candidates as negatives — only for users whose target is among their
 * candidates, since keeping the others would teach the ranker that "not a candidate" means
 * "positive".
 *
 * <p>On request, also the {@link TailModel}'s rows: for every user whose target is outside their
 * candidates and history, the target against up to {@link #TAIL_NEGATIVES} items drawn uniformly
 * from those outside the user's candidates and history — exactly the items the tail model orders
 * at scoring time. (The prototype's variant, every user's target against any unseen items, did
 * no better on Amazon Beauty's validation split: sampled HR@10 / NDCG@10 .5866 / .4073 against
 * .5882 / .4075, from 36% more rows.) Their draws come from a stream of their own, so the ranker's
 * rows are the same with or without them.
 */
public final class TrainingExamples {
  /** Candidate negatives per user. */
  public static final int NEGATIVES = 100;
  /**
   * Users whose rows train the rankers, at most: a logistic regression over a few dozen features
   * learns nearly as well from ten thousand users as from all of a shop's (Amazon Beauty's
   * validation split: full NDCG@10 .0734 from 10,000 of its 22,363 users against .0738 from all,
   * sampled .4073 against .4076, in half the training time), while the rows' memory — each user up
   * to 101 ranker and 51 tail rows, a few hundred bytes each here and again in the solver — grows
   * with users. 25,000 keeps Beauty whole and a shop's rows near Beauty's.
   */
  public static final int MAX_USERS = 25_000;
  /** Random negatives per user for the tail model (MODEL-NOTES: 50). */
  public static final int TAIL_NEGATIVES = 50;
  /** Tries per tail negative before a user gets fewer: tiny catalogs may have few items left. */
  private static final int TAIL_TRIES = 20;

  private final List<float[]> rows = new ArrayList<>();
  private final List<Boolean> labels = new ArrayList<>();
  /** The number of ranker rows of each user who has them, in row order. */
  private final List<Integer> groups = new ArrayList<>();
  private final List<float[]> tailRows = new ArrayList<>();
  private final List<Boolean> tailLabels = new ArrayList<>();
  private int users;
  private int usersWithTargetInCandidates;

  private TrainingExamples() {}

  /**
   * @param sequences per user, item indices in time order; the last item of each is the target
   * @param itemAttributes per item, attribute ids (categories, brand); empty when unknown
   * @param disabledFeatureGroups feature groups written as 0, for ablations; empty normally
   */
  public static TrainingExamples build(List<int[]> sequences, int numItems, Map<Integer, int[]> itemAttributes,
      EmbeddingOptions embeddingOptions, Set<String> disabledFeatureGroups, long seed) {
    return build(sequences, numItems, itemAttributes, embeddingOptions, disabledFeatureGroups, false, seed);
  }

  /**
   * As {@link #build(List, int, Map, EmbeddingOptions, Set, long)}, with the tail model's rows
   * when {@code withTail}, from at most {@link #MAX_USERS} users.
   */
  public static TrainingExamples build(List<int[]> sequences, int numItems, Map<Integer, int[]> itemAttributes,
      EmbeddingOptions embeddingOptions, Set<String> disabledFeatureGroups, boolean withTail, long seed) {
    return build(sequences, numItems, itemAttributes, embeddingOptions, disabledFeatureGroups, withTail, MAX_USERS, seed);
  }

  /**
   * As {@link #build(List, int, Map, EmbeddingOptions, Set, boolean, long)}, with rows from at
   * most {@code maxUsers} users, drawn uniformly with {@code seed} when there are more. Statistics
   * and embeddings always come from every sequence: sampling bounds the rows, whose memory grows
   * with users (about 100 candidates each, a row per candidate), not what the features know.
   */
  public static TrainingExamples build(List<int[]> sequences, int numItems, Map<Integer, int[]> itemAttributes,
      EmbeddingOptions embeddingOptions, Set<String> disabledFeatureGroups, boolean withTail, int maxUsers, long seed) {
    List<int[]> prefixes = prefixes(sequences);
    return build(sequences, prefixes, SequenceDerivatives.of(prefixes, numItems, embeddingOptions), itemAttributes,
        disabledFeatureGroups, withTail, maxUsers, seed, null);
  }

  /** Every sequence without its last item (the target of its rows); a single item stays. */
  public static List<int[]> prefixes(List<int[]> sequences) {
    List<int[]> prefixes = new ArrayList<>(sequences.size());
    for (int[] s : sequences) {
      prefixes.add(s.length >= 2 ? Arrays.copyOf(s, s.length - 1) : s);
    }
    return prefixes;
  }

  /**
   * As {@link #build(List, int, Map, EmbeddingOptions, Set, boolean, int, long)}, with the
   * derivatives of {@code prefixes} (= {@link #prefixes}{@code (sequences)}) already built.
   *
   * @param sequenceModel a sequence model that proposes candidates and adds its score columns, or
   *     null for none. It must not have learnt the targets: train it on {@code prefixes}, or its
   *     scores tell the ranker what they cannot tell it at serving time.
   */
  public static TrainingExamples build(List<int[]> sequences, List<int[]> prefixes, SequenceDerivatives derived,
      Map<Integer, int[]> itemAttributes, Set<String> disabledFeatureGroups, boolean withTail, int maxUsers, long seed,
      SequenceOnnxRecommender sequenceModel) {
    SequenceStatistics stats = derived.stats;
    ItemEmbeddings embeddings = derived.embeddings;
    int numItems = stats.numItems;
    TrainingExamples examples = new TrainingExamples();
    Candidates candidates = new Candidates(stats, embeddings, derived.lists);
    AttributeAffinity attributes = new AttributeAffinity(itemAttributes, numItems);
    Features features = new Features(stats, embeddings, attributes, disabledFeatureGroups, sequenceModel != null);
    TailFeatures tail = withTail
        ? new TailFeatures(stats, embeddings, attributes, disabledFeatureGroups, sequenceModel != null) : null;
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom tailRandom = new SplittableRandom(seed).split();
    boolean[] sampled = UserSample.choose(sequences.size(), maxUsers, seed);
    // Users in blocks, so that the sequence model scores a block's histories in one call, as serving does.
    int blockSize = Candidates.sequenceBlock(numItems);
    List<Integer> block = new ArrayList<>(blockSize);
    for (int u = 0; u < sequences.size(); u++) {
      if (!sampled[u]) {
        continue;
      }
      if (sequences.get(u).length >= 2) {
        block.add(u);
      }
      examples.users++;
      if (block.size() == blockSize) {
        examples.addBlock(block, sequences, prefixes, sequenceModel, candidates, features, tail, random, tailRandom);
        block.clear();
      }
    }
    examples.addBlock(block, sequences, prefixes, sequenceModel, candidates, features, tail, random, tailRandom);
    return examples;
  }

  /** The rows of a block of users with a target, in user order. */
  private void addBlock(List<Integer> block, List<int[]> sequences, List<int[]> prefixes,
      SequenceOnnxRecommender sequenceModel, Candidates candidates, Features features, TailFeatures tail,
      SplittableRandom random, SplittableRandom tailRandom) {
    if (block.isEmpty()) {
      return;
    }
    List<int[]> histories = new ArrayList<>(block.size());
    for (int u : block) {
      histories.add(prefixes.get(u));
    }
    float[] sequenceScores = sequenceModel == null ? null : sequenceModel.scores(histories);
    int stride = candidates.numItems() + 1;
    for (int b = 0; b < block.size(); b++) {
      int[] s = sequences.get(block.get(b));
      int target = s[s.length - 1];
      candidates.generate(histories.get(b), sequenceScores, b * stride);
      if (tail != null) {
        addTailRows(candidates, tail, target, tailRandom);
      }
      addUser(candidates, features, target, random);
    }
  }

  private void addTailRows(Candidates candidates, TailFeatures tail, int target, SplittableRandom random) {
    if (candidates.contains(target) || candidates.excluded(target)) {
      return;
    }
    tail.prepare(candidates);
    tailRows.add(tailRow(candidates, tail, target));
    tailLabels.add(true);
    int numItems = candidates.numItems();
    int[] drawn = new int[TAIL_NEGATIVES];
    int taken = 0;
    for (int tries = 0; taken < TAIL_NEGATIVES && tries < TAIL_TRIES * TAIL_NEGATIVES; tries++) {
      int item = random.nextInt(1, numItems + 1);
      if (item != target && !candidates.contains(item) && !candidates.excluded(item) && !contains(drawn, taken, item)) {
        drawn[taken++] = item;
        tailRows.add(tailRow(candidates, tail, item));
        tailLabels.add(false);
      }
    }
  }

  private static float[] tailRow(Candidates candidates, TailFeatures tail, int item) {
    float[] row = new float[tail.width()];
    tail.write(candidates, item, row, 0);
    return row;
  }

  private static boolean contains(int[] items, int count, int item) {
    for (int i = 0; i < count; i++) {
      if (items[i] == item) {
        return true;
      }
    }
    return false;
  }

  /** Adds the ranker's rows of a user whose candidates are generated. */
  private void addUser(Candidates candidates, Features features, int target, SplittableRandom random) {
    if (!candidates.contains(target)) {
      return;
    }
    usersWithTargetInCandidates++;
    features.prepare(candidates);
    int first = rows.size();
    addRow(candidates, features, target, true);
    int n = candidates.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = candidates.item(i);
    }
    int taken = 0;
    for (int i = 0; i < n && taken < NEGATIVES; i++) {
      int j = i + random.nextInt(n - i);
      int item = order[j];
      order[j] = order[i];
      order[i] = item;
      if (item != target) {
        addRow(candidates, features, item, false);
        taken++;
      }
    }
    groups.add(rows.size() - first);
  }

  private void addRow(Candidates candidates, Features features, int item, boolean positive) {
    float[] row = new float[features.width()];
    features.write(candidates, item, row, 0);
    rows.add(row);
    labels.add(positive);
  }

  public float[][] rows() {
    return rows.toArray(new float[0][]);
  }

  public boolean[] labels() {
    boolean[] b = new boolean[labels.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = labels.get(i);
    }
    return b;
  }

  /**
   * The number of rows of each user, in row order (each user's rows are together, the positive
   * first): the query groups of a ranker that learns each user's order.
   */
  public int[] groups() {
    return groups.stream().mapToInt(Integer::intValue).toArray();
  }

  public static List<String> featureNames() {
    return Features.NAMES;
  }

  /** The columns of the rows: {@link #featureNames()}, and with a sequence model its score columns after them. */
  public static List<String> featureNames(boolean withSequenceModel) {
    return Features.names(withSequenceModel);
  }

  /** The tail model's rows ({@link TailModel#featureNames()} columns); empty unless built with the tail. */
  public float[][] tailRows() {
    return tailRows.toArray(new float[0][]);
  }

  public boolean[] tailLabels() {
    boolean[] b = new boolean[tailLabels.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = tailLabels.get(i);
    }
    return b;
  }

  /** The feature groups an ablation may switch off. */
  public static Set<String> featureGroups() {
    return Features.GROUPS.keySet();
  }

  /** Share of users whose target was among their candidates: the ceiling of the ranker. */
  public double candidateRecall() {
    return users == 0 ? 0 : (double) usersWithTargetInCandidates / users;
  }
}
