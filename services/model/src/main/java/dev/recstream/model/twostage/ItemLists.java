package dev.recstream.model.twostage;

import dev.recstream.model.SparseItemMatrix;
import dev.recstream.model.TopItems;
import dev.recstream.model.embed.ItemEmbeddings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What candidate generation needs of each item, derived once from the statistics and embeddings
 * instead of per request: the item's best entries in the co-occurrence, transition and user
 * co-occurrence rows, and its nearest embedding neighbours, each list best first with its
 * scores. A user's candidates are then a merge of the short lists of their few recent items
 * ({@link Candidates}).
 *
 * <p>Each list is a little longer than the generator's top-n ({@link #MARGIN} more), so that the
 * user's own items, which are never candidates, seldom push a list below n. Nothing else is
 * approximated where it counts: the generators still rank the union of the lists by the full
 * rows' weighted sums, so only an item outside every recent item's list, whose sum would still
 * rank among the top n, is lost (see {@link Candidates}).
 *
 * <p>Built in the same code path for training examples and for serving, and for packages of any
 * age: it is derived from the package's sequences when the package is opened. Immutable and
 * shared by every scoring thread.
 */
final class ItemLists {
  private static final Logger LOG = LoggerFactory.getLogger(ItemLists.class);
  /** Entries kept beyond each generator's n, for the user's own items that get skipped. */
  static final int MARGIN = 10;
  /** Embedding neighbours kept per item: enough for the last item's list and the mean's pool. */
  static final int NEIGHBOURS = 60;

  final TopLists cooccurrence;
  final TopLists transitions;
  final TopLists userCooccurrence;
  final TopLists neighbours;

  private ItemLists(TopLists cooccurrence, TopLists transitions, TopLists userCooccurrence, TopLists neighbours) {
    this.cooccurrence = cooccurrence;
    this.transitions = transitions;
    this.userCooccurrence = userCooccurrence;
    this.neighbours = neighbours;
  }

  /** Derives every item's lists; blocking and CPU-bound (about a second for 12,000 items on 2 cores). */
  static ItemLists of(SequenceStatistics stats, ItemEmbeddings embeddings) {
    long start = System.nanoTime();
    int n = stats.numItems;
    ItemEmbeddings.Neighbours nearest = embeddings.nearestOfEvery(NEIGHBOURS);
    long neighboursDone = System.nanoTime();
    ItemLists lists = new ItemLists(
        TopLists.ofRows(stats.cooccurrence, n, Candidates.COOC_N + MARGIN),
        TopLists.ofRows(stats.transitions, n, Candidates.TRANSITION_N + MARGIN),
        TopLists.ofRows(stats.userCooccurrence, n, Candidates.USER_COOC_N + MARGIN),
        TopLists.of(nearest.items(), nearest.cosines()));
    LOG.info("item lists built items={} neighboursMillis={} millis={}", n, (neighboursDone - start) / 1_000_000,
        (System.nanoTime() - start) / 1_000_000);
    return lists;
  }

  /**
   * Per item, a list of (item, score) best first, held flat: item i's entries are {@code
   * start(i)} until {@code start(i + 1)}.
   */
  static final class TopLists {
    private final int[] starts;
    private final int[] items;
    private final float[] scores;

    private TopLists(int[] starts, int[] items, float[] scores) {
      this.starts = starts;
      this.items = items;
      this.scores = scores;
    }

    /** Each row's {@code length} heaviest entries, ties to the lower index (as {@link TopN} breaks them). */
    static TopLists ofRows(SparseItemMatrix matrix, int numItems, int length) {
      int[][] rows = new int[numItems + 1][];
      float[][] weights = new float[numItems + 1][];
      TopItems top = new TopItems(length);
      float[] dense = new float[numItems + 1];
      for (int row = 0; row <= numItems; row++) {
        int[] columns = matrix.rowColumns(row);
        float[] w = matrix.rowWeights(row);
        for (int i = 0; i < columns.length; i++) {
          top.offer(columns[i], w[i]);
          dense[columns[i]] = w[i];
        }
        rows[row] = top.drainBestFirst();
        weights[row] = new float[rows[row].length];
        for (int i = 0; i < rows[row].length; i++) {
          weights[row][i] = dense[rows[row][i]];
        }
        for (int column : columns) {
          dense[column] = 0f;
        }
      }
      return of(rows, weights);
    }

    static TopLists of(int[][] rows, float[][] rowScores) {
      int[] starts = new int[rows.length + 1];
      for (int i = 0; i < rows.length; i++) {
        starts[i + 1] = starts[i] + rows[i].length;
      }
      int[] items = new int[starts[rows.length]];
      float[] scores = new float[items.length];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(rows[i], 0, items, starts[i], rows[i].length);
        System.arraycopy(rowScores[i], 0, scores, starts[i], rows[i].length);
      }
      return new TopLists(starts, items, scores);
    }

    int start(int item) {
      return starts[item];
    }

    int end(int item) {
      return starts[item + 1];
    }

    int item(int entry) {
      return items[entry];
    }

    float score(int entry) {
      return scores[entry];
    }
  }
}
