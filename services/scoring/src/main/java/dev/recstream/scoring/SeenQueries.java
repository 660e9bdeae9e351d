package dev.recstream.scoring;

/**
 * Which queries were asked before: the admission test of the retrieval cache, after TinyLFU's
 * "doorkeeper". Most distinct queries a shop sees are asked once (long, specific or misspelt).
 * Kept for the cache's ten minutes, each one's retrieval (about 4 KB) was copied at each of the
 * nine or so young collections before its promotion: in the search bench, 10–13 MB of survivors
 * per collection, and without them the median young pause fell from 10.7 to 7.9 ms
 * (bench/RESULTS.md, "Fifth pass"). So a query's retrieval is kept for long only from its second
 * coming on.
 *
 * <p>A table of 64-bit fingerprints in buckets of two: remembering a query puts it first in its
 * bucket and moves the previous first second, so two queries that share a bucket are both
 * remembered, and a query is forgotten only after two newer ones landed in its bucket (with the
 * default size and a hundred new queries a second, after about forty minutes). Two queries with
 * one fingerprint (about one chance in 2^64 per pair) only make the second look asked before.
 * Allocated once: nothing per query.
 *
 * <p>Not thread-safe: the scoring verticle's thread owns it.
 */
final class SeenQueries {
  /** Buckets by default: 2^17, so 2 MB of fingerprints. */
  static final int DEFAULT_BUCKETS = 1 << 17;

  private final long[] fingerprints;
  private final int mask;

  SeenQueries() {
    this(DEFAULT_BUCKETS);
  }

  /** @param buckets a power of two */
  SeenQueries(int buckets) {
    if (buckets <= 0 || Integer.bitCount(buckets) != 1) {
      throw new IllegalArgumentException("buckets: must be a power of two, got " + buckets);
    }
    this.fingerprints = new long[2 * buckets];
    this.mask = buckets - 1;
  }

  /** Whether {@code normalized} was asked before and is still remembered; remembers it either way. */
  boolean askedBefore(String normalized) {
    long fingerprint = SearchIndex.digest(normalized);
    int first = 2 * ((int) (fingerprint ^ (fingerprint >>> 32)) & mask);
    if (fingerprints[first] == fingerprint) {
      return true;
    }
    boolean seen = fingerprints[first + 1] == fingerprint;
    fingerprints[first + 1] = fingerprints[first];
    fingerprints[first] = fingerprint;
    return seen;
  }
}
