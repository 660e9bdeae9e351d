package dev.recstream.scoring;

import dev.recstream.model.search.QueryText;
import dev.recstream.model.search.RankFusion;
import dev.recstream.model.search.SearchBlend;
import dev.recstream.model.search.SearchEvidence;
import dev.recstream.model.search.VectorIndex;
import dev.recstream.model.streaming.Recommender;
import dev.recstream.scoring.rules.ItemCatalog;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SearchFollowUps;
import dev.recstream.shared.bus.SearchResults;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.TextSearch;
import dev.recstream.shared.bus.UserQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personalized search on a scoring node: a query in, the items this user most likely wants out.
 *
 * <ol>
 *   <li>Retrieval, cached per normalised query until the catalog changes: the store's full-text
 *       matches with typo correction ({@value #TEXT_CANDIDATES}) and, unless enough items hold
 *       every word, this node's nearest item vectors to the query's MiniLM vector ({@value
 *       #VECTOR_CANDIDATES}), fused by reciprocal rank ({@link Retrieval#of}), plus the items users
 *       chose most after this query ({@link SearchEvidence}).
 *   <li>The personal rerank ({@link SearchBlend}): retrieval, the served model's scores of the
 *       candidates for the user's recent items, query–item evidence and popularity.
 * </ol>
 *
 * Runs on the scoring verticle's thread except the query's embedding, the vector search and a
 * blocking model, which go to workers.
 */
final class SearchEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SearchEngine.class);
  static final int TEXT_CANDIDATES = 200;
  static final int VECTOR_CANDIDATES = 100;
  static final int EVIDENCE_CANDIDATES = 20;
  static final double MIN_SIMILARITY = 0.3;
  static final double SIMILARITY_SPREAD = 0.25;
  /** Queries whose retrieval is kept (about 10 KB each): for ten minutes, or until the catalog changes. */
  static final int CACHED_QUERIES = 10_000;
  static final long CACHE_MILLIS = 10 * 60_000;
  static final int ENOUGH_FULL_MATCHES = 10;
  static final int THIN_FROM_WORDS = 3;
  /** How long after a catalog change cached retrievals are dropped (Elasticsearch's default refresh interval). */
  static final long REFRESH_MILLIS = 1_000;
  /**
   * Vector searches that may wait for the search pool, per pool thread: past that the pool is
   * behind, and a query is answered from its text matches alone ({@link VectorQueue}).
   */
  static final int VECTOR_QUEUE_PER_THREAD = 2;
  /**
   * How long a retrieval is kept when it is of a query asked for the first time ({@link
   * SeenQueries}) and by no other request while it ran, or was answered without its vector search
   * (the query gets one again once the pool has room). Long enough for a burst of one new query to
   * cost one retrieval; short enough that the retrieval is gone by the next young collection,
   * rather than copied at each. A first-time query's retrieval asked for again within that time is
   * kept for {@value #CACHE_MILLIS} ms from then: the second coming needs no second retrieval.
   */
  static final long BRIEF_CACHE_MILLIS = 1_000;

  /**
   * What retrieval found for one normalised query, prepared once for every request that reuses it:
   * the candidates in first-met order with their fused retrieval scores. The first {@code text} of
   * them are the text matches (those holding every word first); the vector-only neighbours follow.
   *
   * <p>Kept compact, as thousands stay cached and each lives through garbage collections: two
   * arrays, and ids that are the JVM's one copy of each id rather than the fresh strings each
   * reply from the store decodes. Built of maps and lists, the cache grew the old generation by
   * about 30 KB per miss in the search bench, and every young collection copied the new entries:
   * its pauses, 20–80 ms then, are mostly under 20 ms since (bench/RESULTS.md, "Search").
   *
   * <p>{@code partial}: the query needed its vector search, but the search pool's queue was full;
   * such a retrieval is kept for {@value #BRIEF_CACHE_MILLIS} ms only.
   */
  record Retrieval(String[] items, double[] scores, int text, int vector, String corrected, boolean partial) {
    /**
     * Fuses three rankings by reciprocal rank: the items holding every word of the query (a prefix
     * of {@code text}), the text matches, and the vector neighbours. Counting the full matches as a
     * ranking of their own puts an item that holds every word above one only close in meaning:
     * with two rankings, the first text match and the first neighbour tied, and popularity then
     * decided between an exact match and, say, a face oil for a misspelt mascara query.
     */
    static Retrieval of(List<String> fullMatches, List<String> text, List<String> vector, String corrected, boolean partial) {
      Map<String, Double> fused = RankFusion.fuse(List.of(fullMatches, text, vector));
      String[] items = new String[fused.size()];
      double[] scores = new double[fused.size()];
      int i = 0;
      for (Map.Entry<String, Double> e : fused.entrySet()) {
        items[i] = e.getKey().intern();
        scores[i++] = e.getValue();
      }
      return new Retrieval(items, scores, text.size(), vector.size(), corrected, partial);
    }
  }

  private final Vertx vertx;
  /**
   * Query embeddings and vector searches: CPU-bound, so at most one per core runs and the rest
   * wait their turn, each finishing in milliseconds, rather than the shared worker pool's twenty
   * threads all crawling through theirs together.
   */
  private final WorkerExecutor cpu;
  private final VectorQueue vectorQueue;
  private final SearchIndex index;
  private final ItemCatalog catalog;
  private final SearchEvidence evidence = new SearchEvidence();
  /**
   * Retrievals by normalised query, finished or under way: a query asked again while its retrieval
   * runs waits for that one instead of starting another, so a burst of one popular query costs one
   * retrieval however long the store takes.
   */
  private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > CACHED_QUERIES;
    }
  };
  /**
   * A retrieval in the cache, finished or under way, kept until {@code untilMillis}. {@code
   * firstAsking}: the query had not been asked before, and no request but the one that began the
   * retrieval has used it yet. {@code brief}: kept for {@value #BRIEF_CACHE_MILLIS} ms only.
   */
  private static final class Cached {
    final Future<Retrieval> retrieval;
    long untilMillis;
    boolean firstAsking;
    boolean brief;

    Cached(Future<Retrieval> retrieval, long untilMillis, boolean firstAsking) {
      this.retrieval = retrieval;
      this.untilMillis = untilMillis;
      this.firstAsking = firstAsking;
    }

    /** Another request uses it: a complete retrieval kept briefly for a first asking is now kept for long. */
    void askedAgain(long now) {
      firstAsking = false;
      if (brief && !retrieval.result().partial()) {
        brief = false;
        untilMillis = now + CACHE_MILLIS;
      }
    }
  }
  private final SeenQueries seen = new SeenQueries();
  /** Counts catalog refreshes: a retrieval begun before one is answered but not kept. */
  private long generation;
  private boolean refreshPending;
  private long cacheHits;
  private long cacheMisses;
  private long earlyStarted;
  private long earlyUnused;
  private long vectorRefused;
  private long firstTimeQueries;

  SearchEngine(Vertx vertx, SearchIndex index, ItemCatalog catalog) {
    this.vertx = vertx;
    int threads = Runtime.getRuntime().availableProcessors();
    this.cpu = vertx.createSharedWorkerExecutor("recstream-search", threads);
    this.vectorQueue = new VectorQueue(VECTOR_QUEUE_PER_THREAD * threads);
    this.index = index;
    this.catalog = catalog;
  }

  void close() {
    cpu.close();
  }

  /** Searches whose follow-ups a starting node reads back. */
  static final int REPLAYED_SEARCHES = 100_000;

  /**
   * Rebuilds query–item evidence from the newest stored searches, before live events arrive. Never
   * fails: without it evidence starts empty and grows from the live stream, which the log says.
   */
  Future<Void> start(StoreWait store) {
    long started = System.nanoTime();
    return store.untilAnswered("the stored searches",
            () -> Bus.request(vertx, Addresses.STORE_SEARCH_FOLLOW_UPS, new SearchFollowUps.Query(REPLAYED_SEARCHES)))
        .map(found -> {
          found.followUps().forEach(f -> evidence.credit(f.query(), f.itemId(), f.type()));
          LOG.info("search evidence rebuilt followUps={} queries={} ms={}", found.followUps().size(), evidence.queries(),
              (System.nanoTime() - started) / 1_000_000);
          return (Void) null;
        })
        .otherwise(e -> {
          LOG.warn("search evidence starts empty: stored searches not read reason={}", e.getMessage());
          return null;
        });
  }

  /**
   * The catalog changed: every cached retrieval may be out of date. They are dropped together within
   * {@value #REFRESH_MILLIS} ms of the first change, so a burst of changes (a shop putting its
   * catalog item by item) empties the cache once per interval rather than once per item. New and
   * changed items thus reach search results within that interval; withdrawn ones leave at once,
   * since availability is checked on every request.
   */
  void catalogChanged() {
    if (refreshPending) {
      return;
    }
    refreshPending = true;
    vertx.setTimer(REFRESH_MILLIS, id -> {
      refreshPending = false;
      generation++;
      cache.clear();
    });
  }

  /** Every stored event, in storage order: searches and what followed them. */
  void learn(SequenceUpdate update) {
    evidence.learn(update.userId(), update.type(), update.itemId(), update.query(), update.receivedAtMicros() / 1_000);
  }

  void userErased(String userId) {
    evidence.forgetUser(userId);
  }

  long cacheHits() {
    return cacheHits;
  }

  long cacheMisses() {
    return cacheMisses;
  }

  /** Vector searches begun beside a text search, and those of them the text made unnecessary. */
  long[] earlyVectorSearches() {
    return new long[] {earlyStarted, earlyUnused};
  }

  /** Retrievals answered from their text matches alone, as the search pool's queue was full. */
  long vectorSearchesRefused() {
    return vectorRefused;
  }

  /** Misses of queries not asked before, whose retrievals were kept briefly. */
  long firstTimeQueries() {
    return firstTimeQueries;
  }

  /**
   * The best {@code k} items for the query, reranked for a user whose recent items (newest first)
   * are {@code recentItems}; empty recent items rank for a cold user.
   */
  Future<SearchResults> search(String query, String userId, List<String> recentItems, int k, LiveModel live) {
    if (!index.ready()) {
      return Future.failedFuture(Failures.unavailable("search is starting: " + index.state()));
    }
    String normalized = QueryText.normalize(query);
    return retrieve(query, normalized).compose(found -> {
      // The candidates: the retrieval's items still available (one cached a moment before an item was
      // withdrawn may hold it), then the items users chose after this query that it lacks; with each,
      // its place in the retrieval, or -1. Lists, not a map: a request looks at hundreds.
      String[] retrieved = found.items();
      List<String> chosen = evidence.strongest(normalized, EVIDENCE_CANDIDATES).stream().filter(catalog::isAvailable).toList();
      Set<String> chosenLeft = new HashSet<>(chosen);
      List<String> candidates = new ArrayList<>(retrieved.length + chosen.size());
      int[] at = new int[retrieved.length + chosen.size()];
      for (int i = 0; i < retrieved.length; i++) {
        if (catalog.isAvailable(retrieved[i])) {
          at[candidates.size()] = i;
          candidates.add(retrieved[i]);
          if (!chosenLeft.isEmpty()) {
            chosenLeft.remove(retrieved[i]);
          }
        }
      }
      for (String item : chosen) {
        if (chosenLeft.contains(item)) {
          at[candidates.size()] = -1;
          candidates.add(item);
        }
      }
      return personal(live, recentItems, candidates).map(scored -> {
        Map<String, Double> seen = evidence.evidence(normalized, candidates);
        String matches = "matches \"" + (found.corrected() != null ? found.corrected() : normalized) + "\"";
        String close = "close to \"" + normalized + "\"";
        List<SearchBlend.Candidate> blended = new ArrayList<>(candidates.size());
        for (int c = 0; c < candidates.size(); c++) {
          String item = candidates.get(c);
          blended.add(new SearchBlend.Candidate(item, at[c] < 0 ? 0.0 : found.scores()[at[c]],
              at[c] >= 0 && at[c] < found.text() ? matches : close, scored.scores().get(item),
              seen.getOrDefault(item, 0.0), evidence.popularity(item)));
        }
        List<ScoredItem> items = SearchBlend.rank(blended, SearchBlend.Weights.DEFAULT, k, normalized);
        return new SearchResults(query, userId, items, scored.model(), Instant.now(),
            new SearchResults.Retrieved(found.text(), found.vector(), chosen.size()), !scored.scores().isEmpty());
      });
    });
  }

  /** The candidates of a normalised query: from the cache (or the retrieval under way) while the catalog is unchanged. */
  private Future<Retrieval> retrieve(String query, String normalized) {
    long now = System.currentTimeMillis();
    Cached cached = cache.get(normalized);
    if (cached != null && now < cached.untilMillis) {
      cacheHits++;
      cached.askedAgain(now);
      return cached.retrieval;
    }
    cacheMisses++;
    boolean askedBefore = seen.askedBefore(normalized);
    if (!askedBefore) {
      firstTimeQueries++;
    }
    long begunIn = generation;
    Pending early = earlyNeighbours(normalized);
    Future<Retrieval> retrieval = Bus.request(vertx, Addresses.STORE_TEXT_SEARCH, new TextSearch.Query(query, TEXT_CANDIDATES))
        .compose(text -> neighbours(normalized, text, early)
            .map(vector -> {
              if (vector.refused()) {
                vectorRefused++;
              }
              return Retrieval.of(text.hits().stream().filter(h -> h.rank() >= 1).map(TextSearch.Hit::itemId).toList(),
                  text.hits().stream().map(TextSearch.Hit::itemId).toList(), vector.items(), text.corrected(), vector.refused());
            }));
    Cached entry = new Cached(retrieval, now + CACHE_MILLIS, !askedBefore);
    cache.put(normalized, entry);
    // A failure is not kept (the next request tries again), nor a retrieval that a catalog refresh overtook; a
    // partial one, or one that only its first asking used, briefly: it is then removed, not left to expire in the
    // map until it is pushed out, unless asked for again meanwhile.
    retrieval.onComplete(done -> {
      if (cache.get(normalized) != entry) {
        return;
      }
      if (done.failed() || generation != begunIn) {
        cache.remove(normalized);
      } else if (done.result().partial() || entry.firstAsking) {
        entry.brief = true;
        entry.untilMillis = System.currentTimeMillis() + BRIEF_CACHE_MILLIS;
        vertx.setTimer(BRIEF_CACHE_MILLIS, id -> {
          if (entry.brief) {
            cache.remove(normalized, entry);
          }
        });
      }
    });
    return retrieval;
  }

  /**
   * The items nearest the query's meaning, when the text leaves room for them: fewer than {@value
   * #ENOUGH_FULL_MATCHES} items hold every word of the query (a synonym, a description, a typo the
   * correction missed). With more, the first pages are full matches anyway, and the query's
   * embedding and the vector search (about 2 ms of CPU together) are saved; one begun {@code
   * early}, beside the text search, is skipped if it still waits for the pool, else its answer is
   * left unused.
   */
  private Future<Neighbours> neighbours(String normalized, TextSearch text, Pending early) {
    long fullMatches = text.hits().stream().filter(h -> h.rank() >= 1).count();
    if (fullMatches >= ENOUGH_FULL_MATCHES || index.vectors().size() == 0) {
      if (early != null) {
        earlyUnused++;
        early.unwanted();
      }
      return Future.succeededFuture(Neighbours.NONE);
    }
    return (early != null ? early : nearest(normalized)).answer();
  }

  /**
   * A long query seldom has its every word in enough items: its neighbours are searched while the
   * store matches its text rather than after, as its answer will likely need both. Null for others.
   */
  private Pending earlyNeighbours(String normalized) {
    if (!likelyThin(normalized) || index.vectors().size() == 0) {
      return null;
    }
    earlyStarted++;
    return nearest(normalized);
  }

  /** What a vector search found: the neighbours, or none, and whether that is because the pool's queue was full. */
  private record Neighbours(List<String> items, boolean refused) {
    static final Neighbours NONE = new Neighbours(List.of(), false);
    static final Neighbours REFUSED = new Neighbours(List.of(), true);
  }

  /** A vector search queued (its ticket, null when refused) and its answer to come. */
  private record Pending(VectorQueue.Ticket ticket, Future<Neighbours> answer) {
    /** Skips the search if it has not started. */
    void unwanted() {
      if (ticket != null) {
        ticket.unwanted();
      }
    }
  }

  /** The query's embedding and the vector search, queued for the search pool unless its queue is full. */
  private Pending nearest(String normalized) {
    VectorQueue.Ticket ticket = vectorQueue.enter();
    if (ticket == null) {
      return new Pending(null, Future.succeededFuture(Neighbours.REFUSED));
    }
    return new Pending(ticket, cpu.executeBlocking(() -> ticket.start()
        ? new Neighbours(closeEnough(index.vectors().nearest(index.embedder().embed(normalized), VECTOR_CANDIDATES)), false)
        : Neighbours.NONE, false));
  }

  /**
   * Whether a query is long enough ({@value #THIN_FROM_WORDS} words or more) that few items likely
   * hold its every word. In the search bench over 12,000 items, 81% of the vector searches begun
   * early for these were used (health: {@code earlyVectorSearches}, {@code earlyVectorSearchesUnused}).
   */
  static boolean likelyThin(String normalized) {
    int words = normalized.isEmpty() ? 0 : 1;
    for (int i = 0; i < normalized.length(); i++) {
      if (normalized.charAt(i) == ' ') {
        words++;
      }
    }
    return words >= THIN_FROM_WORDS;
  }

  /**
   * The neighbours that are about the query: cosine at least {@value #MIN_SIMILARITY} and within
   * {@value #SIMILARITY_SPREAD} of the nearest. With all-MiniLM-L6-v2 (float), a query and a title about the
   * same kind of product score 0.33–0.72 ("trainers" and a running shoe 0.33, "sneakers" 0.60),
   * unrelated ones mostly below 0.3 ("sneakers" and a lipstick 0.29).
   */
  static List<String> closeEnough(List<VectorIndex.Hit> nearest) {
    if (nearest.isEmpty()) {
      return List.of();
    }
    double floor = Math.max(MIN_SIMILARITY, nearest.get(0).similarity() - SIMILARITY_SPREAD);
    return nearest.stream().filter(h -> h.similarity() >= floor).map(VectorIndex.Hit::itemId).toList();
  }

  private record Personal(Map<String, Double> scores, String model) {}

  /** The served model's scores of the candidates for this user; none for a cold user. */
  private Future<Personal> personal(LiveModel live, List<String> recentItems, List<String> candidates) {
    LiveModel.Lease lease = live.acquire();
    Recommender model = lease.model();
    if (recentItems.isEmpty()) {
      lease.close();
      return Future.succeededFuture(new Personal(Map.of(), model.version()));
    }
    Future<Map<String, Double>> scores;
    try {
      scores = model.blocking()
          ? vertx.executeBlocking(() -> model.scoreItems(recentItems, candidates), false)
          : Future.succeededFuture(model.scoreItems(recentItems, candidates));
    } catch (RuntimeException e) {
      scores = Future.failedFuture(e);
    }
    return scores.andThen(done -> lease.close()).map(s -> new Personal(s, model.version()));
  }

  /** A user's recent items, for a search that names one. */
  Future<List<String>> recentItemsOf(String userId) {
    if (userId == null) {
      return Future.succeededFuture(List.of());
    }
    return Bus.request(vertx, Addresses.STORE_HISTORY, new UserQuery(userId))
        .map(history -> history.recentItems())
        .recover(e -> Future.failedFuture(Failures.unavailable("the user's history is not readable: " + e.getMessage())));
  }
}
