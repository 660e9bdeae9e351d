package dev.recstream.model.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Item vectors in one flat array, searched exhaustively: the items whose vectors are nearest a
 * query's (largest dot product; vectors are unit length, so that is cosine similarity).
 *
 * <p>Exhaustive search is exact and, at 384 dimensions, about a millisecond per 10,000 items
 * (bench/RESULTS.md, "Search"); it is the right tool up to a few hundred thousand items, beyond
 * which an approximate index would pay. Reads run on any number of threads at once; writes (the
 * catalog changing) wait for them.
 */
public final class VectorIndex {

  /** An item near the query and its cosine similarity. */
  public record Hit(String itemId, float similarity) {}

  private final int dimensions;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Integer> rows = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  /** Rows kept out of results: unavailable items and rows whose item was removed. */
  private final BitSet hidden = new BitSet();
  private float[] vectors = new float[0];

  public VectorIndex(int dimensions) {
    if (dimensions < 1) {
      throw new IllegalArgumentException("dimensions: must be at least 1, was " + dimensions);
    }
    this.dimensions = dimensions;
  }

  public int dimensions() {
    return dimensions;
  }

  /** Items with a vector, hidden ones included. */
  public int size() {
    lock.readLock().lock();
    try {
      return ids.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  public boolean contains(String itemId) {
    lock.readLock().lock();
    try {
      return rows.containsKey(itemId);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Sets (or replaces) an item's vector; it is returned by searches unless {@link #hide hidden}. */
  public void put(String itemId, float[] vector) {
    if (vector.length != dimensions) {
      throw new IllegalArgumentException("vector of " + itemId + ": " + vector.length + " dimensions, the index has " + dimensions);
    }
    lock.writeLock().lock();
    try {
      Integer row = rows.get(itemId);
      if (row == null) {
        row = ids.size();
        ids.add(itemId);
        rows.put(itemId, row);
        if ((row + 1) * dimensions > vectors.length) {
          vectors = Arrays.copyOf(vectors, Math.max(dimensions * 1024, vectors.length * 2));
        }
      }
      System.arraycopy(vector, 0, vectors, row * dimensions, dimensions);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Keeps an item out of searches (unavailable) or lets it back in; unknown items are ignored. */
  public void hide(String itemId, boolean hide) {
    lock.writeLock().lock();
    try {
      Integer row = rows.get(itemId);
      if (row != null) {
        hidden.set(row, hide);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The item's vector (a copy), or null. */
  public float[] vectorOf(String itemId) {
    lock.readLock().lock();
    try {
      Integer row = rows.get(itemId);
      return row == null ? null : Arrays.copyOfRange(vectors, row * dimensions, (row + 1) * dimensions);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The {@code n} visible items most similar to {@code query}, most similar first. */
  public List<Hit> nearest(float[] query, int n) {
    if (query.length != dimensions) {
      throw new IllegalArgumentException("query vector: " + query.length + " dimensions, the index has " + dimensions);
    }
    lock.readLock().lock();
    try {
      int count = ids.size();
      int keep = Math.min(n, count);
      if (keep <= 0) {
        return List.of();
      }
      // A min-heap of the best rows so far, by similarity.
      int[] heapRows = new int[keep];
      float[] heapScores = new float[keep];
      int size = 0;
      for (int row = 0; row < count; row++) {
        if (hidden.get(row)) {
          continue;
        }
        float s = dot(query, vectors, row * dimensions, dimensions);
        if (size < keep) {
          heapRows[size] = row;
          heapScores[size] = s;
          siftUp(heapRows, heapScores, size++);
        } else if (s > heapScores[0]) {
          heapRows[0] = row;
          heapScores[0] = s;
          siftDown(heapRows, heapScores, size);
        }
      }
      Hit[] hits = new Hit[size];
      for (int i = 0; i < size; i++) {
        hits[i] = new Hit(ids.get(heapRows[i]), heapScores[i]);
      }
      Arrays.sort(hits, (a, b) -> Float.compare(b.similarity(), a.similarity()));
      return List.of(hits);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Four independent sums, so the CPU overlaps the multiply-adds (a plain loop waits on each). */
  static float dot(float[] q, float[] m, int offset, int length) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      s0 += q[i] * m[offset + i];
      s1 += q[i + 1] * m[offset + i + 1];
      s2 += q[i + 2] * m[offset + i + 2];
      s3 += q[i + 3] * m[offset + i + 3];
    }
    for (; i < length; i++) {
      s0 += q[i] * m[offset + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static void siftUp(int[] rows, float[] scores, int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (scores[parent] <= scores[i]) {
        return;
      }
      swap(rows, scores, i, parent);
      i = parent;
    }
  }

  private static void siftDown(int[] rows, float[] scores, int size) {
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int smallest = left + 1 < size && scores[left + 1] < scores[left] ? left + 1 : left;
      if (scores[i] <= scores[smallest]) {
        return;
      }
      swap(rows, scores, i, smallest);
      i = smallest;
    }
  }

  private static void swap(int[] rows, float[] scores, int a, int b) {
    int r = rows[a];
    rows[a] = rows[b];
    rows[b] = r;
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
  }
}
