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
 * Item vectors in one flat array, searched for the items whose vectors are nearest a query's
 * (largest dot product; vectors are unit length, so that is cosine similarity).
 *
 * <p>Up to {@value #PARTITION_MIN} items every vector is compared: exact, and about a millisecond
 * per 5,000 items at 384 dimensions. Larger catalogs are worth {@link #partition partitioning}
 * (an inverted file, {@link VectorPartition}): a search then compares the vectors of the nearest
 * quarter of the lists only, finding most but not always all of the true nearest items
 * (bench/RESULTS.md, "Search", for the recall on real item vectors). Reads run on any number of
 * threads at once; writes (the catalog changing) wait for them.
 */
public final class VectorIndex {

  /** An item near the query and its cosine similarity. */
  public record Hit(String itemId, float similarity) {}

  /** From this many items on, {@link #partitionDue()} says a partition pays. */
  public static final int PARTITION_MIN = 5_000;
  /** The share of lists a search probes, one in this many: recall@10 0.92 at 4, 0.87 at 8 (bench/vector-recall.sh). */
  static final int PROBE_SHARE = 4;

  private final int dimensions;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Integer> rows = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  /** Rows kept out of results: unavailable items and rows whose item was removed. */
  private final BitSet hidden = new BitSet();
  private float[] vectors = new float[0];
  private VectorPartition partition;
  /** Rows when the partition was trained; it is trained again once they have doubled. */
  private int partitionedRows;
  /** While a partition is trained outside the lock: the rows put meanwhile, to assign when it is installed. */
  private BitSet putWhileTraining;

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
      if (partition != null) {
        partition.assign(row, vectors);
      }
      if (putWhileTraining != null) {
        putWhileTraining.set(row);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Whether {@link #partition} would pay: enough items, and twice as many as at the last partition. */
  public boolean partitionDue() {
    lock.readLock().lock();
    try {
      return ids.size() >= PARTITION_MIN && ids.size() >= 2 * partitionedRows;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Partitions the vectors into about √n lists by k-means, seeded; searches use it from then on.
   * Takes a second or so of CPU at 10,000 items, outside the lock (call it on a worker): puts go on
   * meanwhile and are assigned when the partition is installed. Does nothing below {@value
   * #PARTITION_MIN} items.
   *
   * @return whether a partition was installed
   */
  public boolean partition(long seed) {
    float[] snapshot;
    int rows;
    lock.writeLock().lock();
    try {
      rows = ids.size();
      if (rows < PARTITION_MIN || putWhileTraining != null) {
        return false;
      }
      snapshot = Arrays.copyOf(vectors, rows * dimensions);
      putWhileTraining = new BitSet();
    } finally {
      lock.writeLock().unlock();
    }
    VectorPartition trained;
    try {
      trained = VectorPartition.train(snapshot, rows, dimensions, (int) Math.round(Math.sqrt(rows)), seed);
    } catch (RuntimeException e) {
      lock.writeLock().lock();
      putWhileTraining = null;
      lock.writeLock().unlock();
      throw e;
    }
    lock.writeLock().lock();
    try {
      for (int row = putWhileTraining.nextSetBit(0); row >= 0; row = putWhileTraining.nextSetBit(row + 1)) {
        trained.assign(row, vectors);
      }
      for (int row = rows; row < ids.size(); row++) {
        trained.assign(row, vectors);
      }
      putWhileTraining = null;
      partition = trained;
      partitionedRows = ids.size();
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Lists of the partition in use; 0 while every vector is compared. */
  public int lists() {
    lock.readLock().lock();
    try {
      return partition == null ? 0 : partition.lists();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Keeps an item out of searches (unavailable) or lets it back in; unknown items are ignored.
   * Whether that changed anything: false for an unknown item, or one already so.
   */
  public boolean hide(String itemId, boolean hide) {
    lock.writeLock().lock();
    try {
      Integer row = rows.get(itemId);
      if (row == null || hidden.get(row) == hide) {
        return false;
      }
      hidden.set(row, hide);
      return true;
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

  /**
   * The {@code n} visible items most similar to {@code query}, most similar first: among the rows
   * of the nearest lists once the index is partitioned (at least {@code 4n} rows), else among all.
   */
  public List<Hit> nearest(float[] query, int n) {
    return nearest(query, n, false);
  }

  /** {@link #nearest}, comparing every vector even when the index is partitioned: the exact answer. */
  public List<Hit> nearestExact(float[] query, int n) {
    return nearest(query, n, true);
  }

  private List<Hit> nearest(float[] query, int n, boolean exact) {
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
      Best best = new Best(keep);
      if (exact || partition == null) {
        for (int row = 0; row < count; row++) {
          if (!hidden.get(row)) {
            best.offer(row, dot(query, vectors, row * dimensions, dimensions));
          }
        }
      } else {
        partition.probe(query, Math.max(1, partition.lists() / PROBE_SHARE), 4 * keep, (row, similarity) -> {
          if (!hidden.get(row)) {
            best.offer(row, similarity);
          }
        });
      }
      Hit[] hits = new Hit[best.size];
      for (int i = 0; i < best.size; i++) {
        hits[i] = new Hit(ids.get(best.rows[i]), best.scores[i]);
      }
      Arrays.sort(hits, (a, b) -> Float.compare(b.similarity(), a.similarity()));
      return List.of(hits);
    } finally {
      lock.readLock().unlock();
    }
  }

  static float dot(float[] q, float[] m, int offset, int length) {
    return dot(q, 0, m, offset, length);
  }

  /** Four independent sums, so the CPU overlaps the multiply-adds (a plain loop waits on each). */
  static float dot(float[] a, int aFrom, float[] b, int bFrom, int length) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      s0 += a[aFrom + i] * b[bFrom + i];
      s1 += a[aFrom + i + 1] * b[bFrom + i + 1];
      s2 += a[aFrom + i + 2] * b[bFrom + i + 2];
      s3 += a[aFrom + i + 3] * b[bFrom + i + 3];
    }
    for (; i < length; i++) {
      s0 += a[aFrom + i] * b[bFrom + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The best rows so far by similarity: a min-heap of at most {@code keep}. */
  private static final class Best {
    final int[] rows;
    final float[] scores;
    int size;

    Best(int keep) {
      rows = new int[keep];
      scores = new float[keep];
    }

    void offer(int row, float similarity) {
      if (size < rows.length) {
        rows[size] = row;
        scores[size] = similarity;
        siftUp(rows, scores, size++);
      } else if (similarity > scores[0]) {
        rows[0] = row;
        scores[0] = similarity;
        siftDown(rows, scores, size);
      }
    }
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
