package dev.recstream.model.streaming;

import java.util.Arrays;

/**
 * One item's neighbours and their weights (a row of the co-occurrence or transition matrix):
 * neighbour ids and weights in parallel arrays, which scoring walks straight through, plus an
 * open-addressing index from neighbour id to slot for the merges of {@code learn} and the look-ups
 * of reasons. Weights merge as {@code Map.merge(…, Double::sum)} did: a new entry stores the
 * weight itself, an existing one adds to it.
 *
 * <p>Entries are only removed all at once ({@link #clear}, when a row is pruned), so the index
 * needs no tombstones.
 */
final class SparseRow {
  private static final int EMPTY = 0; // index cells hold slot + 1

  private int[] items = new int[4];
  private double[] weights = new double[4];
  private int size;
  /** Open addressing with linear probing, at most half full: cell = slot + 1, or EMPTY. */
  private int[] index = new int[8];

  /** How many neighbours the row holds. */
  int size() {
    return size;
  }

  /** The neighbour id in a slot (0 to size() - 1). */
  int item(int slot) {
    return items[slot];
  }

  /** The weight in a slot (0 to size() - 1). */
  double weight(int slot) {
    return weights[slot];
  }

  /** The weight of a neighbour, 0 when the row does not hold it. */
  double get(int item) {
    int cell = find(item);
    return index[cell] == EMPTY ? 0.0 : weights[index[cell] - 1];
  }

  /** Adds {@code weight} to the neighbour's weight, adding the neighbour when it is new. */
  void add(int item, double weight) {
    int cell = find(item);
    if (index[cell] != EMPTY) {
      weights[index[cell] - 1] += weight;
      return;
    }
    if (size == items.length) {
      grow();
      cell = find(item);
    }
    items[size] = item;
    weights[size] = weight;
    index[cell] = ++size;
  }

  /** Removes every neighbour, keeping the capacity (a pruned row fills up again). */
  void clear() {
    Arrays.fill(index, EMPTY);
    size = 0;
  }

  /** The cell holding the item, or the empty cell where it would go. */
  private int find(int item) {
    int mask = index.length - 1;
    int cell = mix(item) & mask;
    while (index[cell] != EMPTY && items[index[cell] - 1] != item) {
      cell = (cell + 1) & mask;
    }
    return cell;
  }

  private void grow() {
    items = Arrays.copyOf(items, 2 * items.length);
    weights = Arrays.copyOf(weights, 2 * weights.length);
    index = new int[2 * items.length];
    int mask = index.length - 1;
    for (int slot = 0; slot < size; slot++) {
      int cell = mix(items[slot]) & mask;
      while (index[cell] != EMPTY) {
        cell = (cell + 1) & mask;
      }
      index[cell] = slot + 1;
    }
  }

  /** Spreads dense ids over the table (Fibonacci hashing), so runs of ids do not cluster. */
  private static int mix(int item) {
    int h = item * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
