package dev.recstream.bench.shop;

import dev.recstream.bench.load.Zipf;
import java.util.Random;

/**
 * The shop's items and how shoppers move between them. Each item has a popularity rank (a seeded
 * permutation, so that popular items are spread over the categories), one category, and up to
 * {@value #RELATED} related items of its own category — a product page's "also viewed" row,
 * fixed for the shop's life. The related items are drawn by popularity within the category, so
 * that following them keeps the catalog's skew, and a shopper on a product page picks the first
 * ones more often (weight 1 / position). That fixed structure is the signal the models can learn:
 * co-occurrence and transitions repeat across users only because the same rows are followed. The
 * same locality brings a shopper back to a favourite category at the start of a session, so that
 * a user's earlier sessions say something about the next one, not only the previous item.
 *
 * <p>Memory: a few ints per item, nothing per event. Not thread-safe.
 */
final class Catalog {
  /** Related items per item. */
  static final int RELATED = 10;
  /**
   * Draws from the table of the largest category, per item wanted, before a smaller category's
   * most popular members fill in: its ranks beyond the category's size miss.
   */
  private static final int DRAWS_PER_ITEM = 32;
  /** Draws from global popularity before an item equal to the previous one is accepted (tiny catalogs). */
  private static final int REPEAT_REDRAWS = 3;

  private final int items;
  private final double locality;
  private final int[] itemAtRank;
  private final int[] categoryOf;
  private final Zipf popularity;
  private final int[] related;
  private final int[] members;
  private final int[] memberStart;
  private final Zipf withinCategory;
  private final byte[] relatedCount;
  private final double[][] positionCdf;

  /**
   * @param zipf popularity exponent, globally and within a category
   * @param locality probability that the next item follows a related-items row, and that a
   *     session starts in the shopper's favourite category
   * @param random the catalog's own random stream: the same seed gives the same shop whatever the
   *     user and event counts
   */
  Catalog(int items, int categories, double zipf, double locality, Random random) {
    this.items = items;
    this.locality = locality;
    this.itemAtRank = shuffledItems(items, random);
    this.categoryOf = new int[items + 1];
    int[] order = shuffledItems(items, random);
    for (int p = 0; p < items; p++) {
      categoryOf[order[p]] = 1 + p % categories;
    }
    this.popularity = new Zipf(items, zipf);
    this.memberStart = categoryStarts(categoryOf, categories);
    this.members = membersByRank(itemAtRank, categoryOf, memberStart);
    this.withinCategory = new Zipf(largestCategory(memberStart), zipf);
    this.related = new int[items * RELATED];
    this.relatedCount = new byte[items + 1];
    this.positionCdf = positionCdfs();
    for (int item = 1; item <= items; item++) {
      drawRow(item, random);
    }
  }

  int items() {
    return items;
  }

  /** The item's category, 1-based. */
  int categoryOf(int item) {
    return categoryOf[item];
  }

  /** A shopper's favourite category: that of a popular item, so that popular categories have more fans. */
  int favouriteCategory(Random random) {
    return categoryOf[itemAtRank[popularity.next(random)]];
  }

  /**
   * The next item of a session: with probability {@code locality} one of {@code previous}'s related
   * items — or, for a session's first item ({@code previous} = 0), a popular item of the
   * shopper's {@code favourite} category — else a draw from global popularity. Never {@code
   * previous} itself unless the catalog leaves no choice.
   */
  int next(int previous, int favourite, Random random) {
    if (random.nextDouble() < locality) {
      if (previous == 0) {
        return popularIn(favourite, random);
      }
      if (relatedCount[previous] > 0) {
        return related[(previous - 1) * RELATED + position(relatedCount[previous], random)];
      }
    }
    int item = itemAtRank[popularity.next(random)];
    for (int i = 0; item == previous && i < REPEAT_REDRAWS; i++) {
      item = itemAtRank[popularity.next(random)];
    }
    return item;
  }

  /** An item of {@code category} by its popularity within the category (the category's head if the draws miss). */
  private int popularIn(int category, Random random) {
    int from = memberStart[category];
    int size = memberStart[category + 1] - from;
    for (int tries = 0; tries < DRAWS_PER_ITEM; tries++) {
      int rank = withinCategory.next(random);
      if (rank < size) {
        return members[from + rank];
      }
    }
    return members[from];
  }

  private int position(int count, Random random) {
    double[] cdf = positionCdf[count];
    double u = random.nextDouble();
    int j = 0;
    while (j < count - 1 && u >= cdf[j]) {
      j++;
    }
    return j;
  }

  /** Item ids 1..n in a seeded random order. */
  private static int[] shuffledItems(int n, Random random) {
    int[] items = new int[n];
    for (int i = 0; i < n; i++) {
      items[i] = i + 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    return items;
  }

  /** For each row length 1..RELATED, the cumulative weights 1 / (position + 1), normalized. */
  private static double[][] positionCdfs() {
    double[][] cdfs = new double[RELATED + 1][];
    for (int count = 1; count <= RELATED; count++) {
      double[] cdf = new double[count];
      double sum = 0;
      for (int j = 0; j < count; j++) {
        sum += 1.0 / (j + 1);
        cdf[j] = sum;
      }
      for (int j = 0; j < count; j++) {
        cdf[j] /= sum;
      }
      cdfs[count] = cdf;
    }
    return cdfs;
  }

  /** Where each category's members start in {@link #members}; index categories + 1 is the end. */
  private static int[] categoryStarts(int[] categoryOf, int categories) {
    int[] start = new int[categories + 2];
    for (int item = 1; item < categoryOf.length; item++) {
      start[categoryOf[item] + 1]++;
    }
    for (int c = 1; c <= categories; c++) {
      start[c + 1] += start[c];
    }
    return start;
  }

  /** Every category's items, most popular first. */
  private static int[] membersByRank(int[] itemAtRank, int[] categoryOf, int[] start) {
    int[] members = new int[itemAtRank.length];
    int[] fill = start.clone();
    for (int item : itemAtRank) {
      members[fill[categoryOf[item]]++] = item;
    }
    return members;
  }

  private static int largestCategory(int[] start) {
    int largest = 0;
    for (int c = 1; c + 1 < start.length; c++) {
      largest = Math.max(largest, start[c + 1] - start[c]);
    }
    return largest;
  }

  /** One item's row: distinct members of its category other than itself, by popularity rank. */
  private void drawRow(int item, Random random) {
    int from = memberStart[categoryOf[item]];
    int size = memberStart[categoryOf[item] + 1] - from;
    int wanted = Math.min(RELATED, size - 1);
    int row = (item - 1) * RELATED;
    int count = 0;
    for (int tries = 0; count < wanted && tries < wanted * DRAWS_PER_ITEM; tries++) {
      int rank = withinCategory.next(random);
      if (rank < size) {
        count = addIfNew(row, count, item, members[from + rank]);
      }
    }
    for (int k = 0; count < wanted; k++) {
      count = addIfNew(row, count, item, members[from + k]);
    }
    relatedCount[item] = (byte) count;
  }

  private int addIfNew(int row, int count, int item, int candidate) {
    if (candidate == item) {
      return count;
    }
    for (int j = 0; j < count; j++) {
      if (related[row + j] == candidate) {
        return count;
      }
    }
    related[row + count] = candidate;
    return count + 1;
  }
}
