package dev.recstream.model.twostage;

import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import java.util.ArrayList;
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
 */
public final class TrainingExamples {
  /** Candidate negatives per user. */
  public static final int NEGATIVES = 100;

  private final List<float[]> rows = new ArrayList<>();
  private final List<Boolean> labels = new ArrayList<>();
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
    List<int[]> prefixes = new ArrayList<>(sequences.size());
    for (int[] s : sequences) {
      prefixes.add(s.length >= 2 ? java.util.Arrays.copyOf(s, s.length - 1) : s);
    }
    SequenceStatistics stats = SequenceStatistics.of(prefixes, numItems);
    ItemEmbeddings embeddings = ItemEmbeddings.train(prefixes, numItems, embeddingOptions);
    TrainingExamples examples = new TrainingExamples();
    Candidates candidates = new Candidates(stats, embeddings);
    Features features = new Features(stats, embeddings, new AttributeAffinity(itemAttributes, numItems), disabledFeatureGroups);
    SplittableRandom random = new SplittableRandom(seed);
    for (int[] s : sequences) {
      if (s.length >= 2) {
        examples.addUser(candidates, features, prefixes.get(examples.users), s[s.length - 1], random);
      }
      examples.users++;
    }
    return examples;
  }

  private void addUser(Candidates candidates, Features features, int[] history, int target, SplittableRandom random) {
    candidates.generate(history);
    if (!candidates.contains(target)) {
      return;
    }
    usersWithTargetInCandidates++;
    features.prepare(candidates);
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
  }

  private void addRow(Candidates candidates, Features features, int item, boolean positive) {
    float[] row = new float[Features.COUNT];
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

  public static List<String> featureNames() {
    return Features.NAMES;
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
