package dev.recstream.model.twostage;

import dev.recstream.model.TopItems;
import dev.recstream.model.embed.ItemEmbeddings;
import java.util.Arrays;

/**
 * Candidate generation (MODEL-NOTES, recipe step 3) for one user at a time: co-occurrence over
 * the last items with decay, transitions from the last items, user co-occurrence, embedding
 * neighbours of the last item and of the recency-weighted mean, and recently popular items —
 * each top-n, then the union, the user's own items excluded; with a sequence model (SASRec,
 * GRU4Rec), also its top items. It keeps each source's scores and ranks for the features. Not
 * thread-safe: one per scoring thread.
 *
 * <p>The three count-based generators score an item by the weighted sum of the recent items'
 * full rows (a few thousand adds, kept for the features), but look for their top n only among
 * the recent items' precomputed {@link ItemLists} (a few hundred items) instead of among every
 * item the rows touch (a thousand or more, each through a heap). The two agree
 * unless an item outside every recent item's list sums into the top n: on Amazon Beauty 0.13% of
 * the three lists' entries differ (in 9% of the users, a few entries each; ItemListsBeautyTest),
 * and training reads the lists the same way. The last item's embedding neighbours are read from
 * its list as they are.
 */
final class Candidates {
  static final int RECENT = 5;
  static final int COOC_N = 100;
  static final int TRANSITION_N = 60;
  static final int USER_COOC_N = 60;
  static final int EMBEDDING_LAST_N = 40;
  static final int EMBEDDING_MEAN_N = 40;
  static final int POPULAR_N = 20;
  /** The sequence model's best items that become candidates. */
  static final int SEQUENCE_N = 50;
  static final int MEAN_RECENT = 10;
  static final int ABSENT_RANK = 200;

  private final SequenceStatistics stats;
  private final ItemEmbeddings embeddings;
  private final ItemLists lists;
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
  /**
   * Each item's rank in the sequence model's list, up to {@link #ABSENT_RANK}: ranked further than
   * the {@link #SEQUENCE_N} candidates it adds, so candidates from other sources get a rank too.
   */
  final int[] rankSequence;
  /** The sequence model's scores of the user's items (index 0 unused); meaningful while {@link #hasSequence}. */
  final float[] sequenceScores;
  /** The best sequence score among the items outside the history. */
  float sequenceBest;
  boolean hasSequence;
  private final TopItems sequenceTop = new TopItems(ABSENT_RANK);
  private static final int[] NONE = new int[0];
  private int[] sequenceRanked = NONE;
  /** How many generators proposed each candidate. */
  final int[] sources;
  private final boolean[] inHistory;
  private final boolean[] chosen;
  /** Items met in the lists being merged (and the history, never candidates); reset after each merge. */
  private final boolean[] offered;
  private int[] offeredItems = new int[512];
  private final int[] recent = new int[RECENT];
  private final ItemPool pool = new ItemPool();
  private int recentCount;
  private int[] items = new int[512];
  private int size;
  private int[] history = new int[0];
  float[] meanVector;
  float[] lastVector;

  /** Derives the {@link ItemLists} first: blocking, about a second for 12,000 items. */
  Candidates(SequenceStatistics stats, ItemEmbeddings embeddings) {
    this(stats, embeddings, ItemLists.of(stats, embeddings));
  }

  Candidates(SequenceStatistics stats, ItemEmbeddings embeddings, ItemLists lists) {
    this(stats, embeddings, lists, new EmbeddingNeighbours(embeddings, lists.neighbours, stats.numItems));
  }

  /** Another generator for another thread, sharing the statistics and the per-item lists. */
  Candidates sharing() {
    return new Candidates(stats, embeddings, lists, neighbours.sharing());
  }

  private Candidates(SequenceStatistics stats, ItemEmbeddings embeddings, ItemLists lists, EmbeddingNeighbours neighbours) {
    this.stats = stats;
    this.embeddings = embeddings;
    this.lists = lists;
    int n = stats.numItems;
    cooc = new ScoreAccumulator(n);
    transitions = new ScoreAccumulator(n);
    userCooc = new ScoreAccumulator(n);
    rankCooc = filled(n + 1, ABSENT_RANK);
    rankTransitions = filled(n + 1, ABSENT_RANK);
    rankEmbeddingMean = filled(n + 1, ABSENT_RANK);
    rankUserCooc = filled(n + 1, ABSENT_RANK);
    rankEmbeddingLast = filled(n + 1, ABSENT_RANK);
    rankSequence = filled(n + 1, ABSENT_RANK);
    sequenceScores = new float[n + 1];
    sources = new int[n + 1];
    inHistory = new boolean[n + 1];
    chosen = new boolean[n + 1];
    offered = new boolean[n + 1];
    this.neighbours = neighbours;
    recentPopular = TopN.selectDense(recentPopularity(stats), POPULAR_N + RECENT * 10, i -> false);
  }

  /**
   * How many users' histories a sequence model scores in one call: 64, fewer in catalogs over
   * 65,535 items, so a call's scores stay within 16 MB.
   */
  static int sequenceBlock(int numItems) {
    return Math.max(1, Math.min(64, (1 << 22) / (numItems + 1)));
  }

  /** Generates the candidates of {@code history} (oldest first); the previous user's state is cleared. */
  void generate(int[] history) {
    generate(history, null, 0);
  }

  /**
   * As {@link #generate(int[])}, with a sequence model's scores of every item for this history at
   * {@code sequenceScores[offset + item]} (items 1..n; null: no sequence model). Its best
   * {@link #SEQUENCE_N} items outside the history join the candidates last, so without it the
   * candidates are exactly those of the other sources.
   */
  void generate(int[] history, float[] sequenceScores, int offset) {
    clear();
    this.history = history;
    for (int item : history) {
      inHistory[item] = true;
    }
    recentCount = Math.min(RECENT, history.length);
    float weight = 1f;
    float transitionWeight = 1f;
    float userWeight = 1f;
    for (int age = 0; age < recentCount; age++) {
      int item = history[history.length - 1 - age];
      recent[age] = item;
      cooc.addRow(stats.cooccurrence.rowColumns(item), stats.cooccurrence.rowWeights(item), weight);
      transitions.addRow(stats.transitions.rowColumns(item), stats.transitions.rowWeights(item), transitionWeight);
      userCooc.addRow(stats.userCooccurrence.rowColumns(item), stats.userCooccurrence.rowWeights(item), userWeight);
      weight *= 0.6f;
      transitionWeight *= 0.5f;
      userWeight *= 0.6f;
    }
    addRanked(topOfLists(lists.cooccurrence, cooc, COOC_N), rankCooc);
    addRanked(topOfLists(lists.transitions, transitions, TRANSITION_N), rankTransitions);
    addRanked(topOfLists(lists.userCooccurrence, userCooc, USER_COOC_N), rankUserCooc);
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
    if (sequenceScores != null) {
      addSequence(sequenceScores, offset);
    }
  }

  private void addSequence(float[] scores, int offset) {
    int n = stats.numItems;
    System.arraycopy(scores, offset, sequenceScores, 0, n + 1);
    sequenceTop.clear();
    for (int item = 1; item <= n; item++) {
      float score = Float.isNaN(sequenceScores[item]) ? Float.NEGATIVE_INFINITY : sequenceScores[item];
      if (sequenceTop.accepts(item, score) && !inHistory[item]) {
        sequenceTop.offer(item, score);
      }
    }
    sequenceRanked = sequenceTop.drainBestFirst();
    for (int r = 0; r < sequenceRanked.length; r++) {
      rankSequence[sequenceRanked[r]] = r;
    }
    sequenceBest = sequenceRanked.length == 0 ? 0f : sequenceScores[sequenceRanked[0]];
    hasSequence = true;
    for (int r = 0; r < Math.min(SEQUENCE_N, sequenceRanked.length); r++) {
      add(sequenceRanked[r]);
      sources[sequenceRanked[r]]++;
    }
  }

  /**
   * The n best items by {@code sums} among the recent items' lists, the history excluded; ties
   * to the lower index, as {@link TopN} breaks them. History items are marked as met before the
   * lists are read, so each entry costs one flag test.
   */
  private int[] topOfLists(ItemLists.TopLists list, ScoreAccumulator sums, int n) {
    pool.clear();
    int count = 0;
    for (int item : history) {
      count = meet(item, count);
    }
    for (int age = 0; age < recentCount; age++) {
      for (int e = list.start(recent[age]), end = list.end(recent[age]); e < end; e++) {
        int item = list.item(e);
        if (!offered[item]) {
          count = meet(item, count);
          pool.add(item, sums.get(item));
        }
      }
    }
    for (int i = 0; i < count; i++) {
      offered[offeredItems[i]] = false;
    }
    return pool.best(n);
  }

  private int meet(int item, int count) {
    offered[item] = true;
    if (count == offeredItems.length) {
      offeredItems = Arrays.copyOf(offeredItems, count * 2);
    }
    offeredItems[count] = item;
    return count + 1;
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
    for (int item : sequenceRanked) {
      rankSequence[item] = ABSENT_RANK;
    }
    sequenceRanked = NONE;
    hasSequence = false;
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
