package dev.recstream.model.twostage;

import dev.recstream.model.embed.ItemEmbeddings;
import java.util.Arrays;

/**
 * Candidate generation (MODEL-NOTES, recipe step 3) for one user at a time: co-occurrence over
 * the last items with decay, transitions from the last items, user co-occurrence, embedding
 * neighbours of the last item and of the recency-weighted mean, and recently popular items —
 * each top-n, then the union, the user's own items excluded. It keeps each source's scores and
 * ranks for the features. Not thread-safe: one per scoring thread.
 */
final class Candidates {
  static final int RECENT = 5;
  static final int COOC_N = 100;
  static final int TRANSITION_N = 60;
  static final int USER_COOC_N = 60;
  static final int EMBEDDING_LAST_N = 40;
  static final int EMBEDDING_MEAN_N = 40;
  static final int POPULAR_N = 20;
  static final int MEAN_RECENT = 10;
  static final int ABSENT_RANK = 200;

  private final SequenceStatistics stats;
  private final ItemEmbeddings embeddings;
  private final int[] recentPopular;
  private final EmbeddingNeighbours neighbours;
  final ScoreAccumulator cooc;
  final ScoreAccumulator transitions;
  final ScoreAccumulator userCooc;
  final int[] rankCooc;
  final int[] rankTransitions;
  final int[] rankEmbeddingMean;
  final int[] rankUserCooc;
  final int[] rankEmbeddingLast;
  /** How many generators proposed each candidate. */
  final int[] sources;
  private final boolean[] inHistory;
  private final boolean[] chosen;
  private int[] items = new int[512];
  private int size;
  private int[] history = new int[0];
  float[] meanVector;
  float[] lastVector;

  Candidates(SequenceStatistics stats, ItemEmbeddings embeddings) {
    this(stats, embeddings, new EmbeddingNeighbours(embeddings, stats.numItems));
  }

  /** Another generator for another thread, sharing the statistics and the neighbour cache. */
  Candidates sharing() {
    return new Candidates(stats, embeddings, neighbours.sharing());
  }

  private Candidates(SequenceStatistics stats, ItemEmbeddings embeddings, EmbeddingNeighbours neighbours) {
    this.stats = stats;
    this.embeddings = embeddings;
    int n = stats.numItems;
    cooc = new ScoreAccumulator(n);
    transitions = new ScoreAccumulator(n);
    userCooc = new ScoreAccumulator(n);
    rankCooc = filled(n + 1, ABSENT_RANK);
    rankTransitions = filled(n + 1, ABSENT_RANK);
    rankEmbeddingMean = filled(n + 1, ABSENT_RANK);
    rankUserCooc = filled(n + 1, ABSENT_RANK);
    rankEmbeddingLast = filled(n + 1, ABSENT_RANK);
    sources = new int[n + 1];
    inHistory = new boolean[n + 1];
    chosen = new boolean[n + 1];
    this.neighbours = neighbours;
    recentPopular = TopN.selectDense(recentPopularity(stats), POPULAR_N + RECENT * 10, i -> false);
  }

  /** Generates the candidates of {@code history} (oldest first); the previous user's state is cleared. */
  void generate(int[] history) {
    clear();
    this.history = history;
    for (int item : history) {
      inHistory[item] = true;
    }
    float weight = 1f;
    float transitionWeight = 1f;
    float userWeight = 1f;
    for (int age = 0; age < RECENT && age < history.length; age++) {
      int item = history[history.length - 1 - age];
      cooc.addRow(stats.cooccurrence.rowColumns(item), stats.cooccurrence.rowWeights(item), weight);
      transitions.addRow(stats.transitions.rowColumns(item), stats.transitions.rowWeights(item), transitionWeight);
      userCooc.addRow(stats.userCooccurrence.rowColumns(item), stats.userCooccurrence.rowWeights(item), userWeight);
      weight *= 0.6f;
      transitionWeight *= 0.5f;
      userWeight *= 0.6f;
    }
    addRanked(cooc.top(COOC_N, this::excluded), rankCooc);
    addRanked(transitions.top(TRANSITION_N, this::excluded), rankTransitions);
    addRanked(userCooc.top(USER_COOC_N, this::excluded), rankUserCooc);
    lastVector = history.length == 0 ? null : embeddings.vector(history[history.length - 1]);
    meanVector = recencyWeightedMean(history);
    if (lastVector != null) {
      addRanked(neighbours.of(history[history.length - 1], EMBEDDING_LAST_N, this::excluded), rankEmbeddingLast);
    }
    if (meanVector != null) {
      addRanked(neighbours.ofMean(history, MEAN_RECENT, meanVector, EMBEDDING_MEAN_N, this::excluded), rankEmbeddingMean);
    }
    int popular = 0;
    for (int i = 0; i < recentPopular.length && popular < POPULAR_N; i++) {
      if (!excluded(recentPopular[i])) {
        add(recentPopular[i]);
        sources[recentPopular[i]]++;
        popular++;
      }
    }
  }

  int size() {
    return size;
  }

  int numItems() {
    return stats.numItems;
  }

  int item(int i) {
    return items[i];
  }

  boolean contains(int item) {
    return chosen[item];
  }

  boolean excluded(int item) {
    return inHistory[item];
  }

  int[] history() {
    return history;
  }

  private float[] recencyWeightedMean(int[] history) {
    int n = Math.min(MEAN_RECENT, history.length);
    if (n == 0) {
      return null;
    }
    int[] recent = new int[n];
    float[] weights = new float[n];
    float w = 1f;
    for (int age = 0; age < n; age++) {
      recent[age] = history[history.length - 1 - age];
      weights[age] = w;
      w *= 0.7f;
    }
    return embeddings.meanOf(recent, weights);
  }

  private void addRanked(int[] ranked, int[] ranks) {
    for (int r = 0; r < ranked.length; r++) {
      add(ranked[r]);
      sources[ranked[r]]++;
      if (ranks != null) {
        ranks[ranked[r]] = r;
      }
    }
  }

  private void add(int item) {
    if (!chosen[item]) {
      chosen[item] = true;
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = item;
    }
  }

  private void clear() {
    for (int i = 0; i < size; i++) {
      int item = items[i];
      chosen[item] = false;
      rankCooc[item] = ABSENT_RANK;
      rankTransitions[item] = ABSENT_RANK;
      rankEmbeddingMean[item] = ABSENT_RANK;
      rankUserCooc[item] = ABSENT_RANK;
      rankEmbeddingLast[item] = ABSENT_RANK;
      sources[item] = 0;
    }
    for (int item : history) {
      inHistory[item] = false;
      rankCooc[item] = ABSENT_RANK;
      rankTransitions[item] = ABSENT_RANK;
      rankEmbeddingMean[item] = ABSENT_RANK;
    }
    size = 0;
    cooc.clear();
    transitions.clear();
    userCooc.clear();
  }

  private static float[] recentPopularity(SequenceStatistics stats) {
    float[] scores = new float[stats.numItems + 1];
    for (int i = 1; i <= stats.numItems; i++) {
      scores[i] = stats.last3Count[i];
    }
    return scores;
  }

  private static int[] filled(int n, int value) {
    int[] a = new int[n];
    Arrays.fill(a, value);
    return a;
  }
}
