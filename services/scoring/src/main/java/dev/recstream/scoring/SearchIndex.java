package dev.recstream.scoring;

import dev.recstream.model.search.TextEmbedder;
import dev.recstream.model.search.VectorIndex;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.ItemVectors;
import dev.recstream.shared.catalog.CatalogItem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's vectors of the catalog, for the vector half of search. At start it loads the
 * embedding model and the vectors the store keeps, computing (and storing) those that are missing
 * or stale; then it follows {@code catalog.updated}, embedding each changed item, and reloads
 * everything after a bulk import. Embedding runs on worker threads, one batch at a time in order,
 * so a later update of an item never loses to an earlier one. An update that leaves the item's
 * text as it was (its price, its availability) is not embedded again, and only a change search
 * could find differently (new text, a new item, an item back in stock) counts as a change of the
 * indexed catalog: a shop updating prices and stock all day does not empty the cache of
 * retrievals every second.
 *
 * <p>Until the first load ends {@link #ready()} is false and search answers 503 saying how far
 * the load is; recommendations do not wait for it.
 */
final class SearchIndex {
  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
  static final int PAGE = 2_000;
  static final int EMBED_BATCH = 64;
  /** k-means starts from the same sample on every node, so nodes with one catalog answer alike. */
  static final long PARTITION_SEED = 42;

  private final Vertx vertx;
  private final StoreWait store;
  private final Supplier<TextEmbedder> embedderFactory;
  private final Runnable changed;
  private TextEmbedder embedder;
  private VectorIndex vectors;
  private volatile boolean ready;
  private volatile long loaded;
  private volatile long embeddedAtStart;
  private boolean partitioning;
  /**
   * Each item's newest text ({@link #digest}), as embedded or queued to be, and its newest
   * availability, which an embedding finishing after a later update must not undo: about 100
   * bytes an item, 1.2 MB for the bench's 12,000. The verticle's thread owns it.
   */
  private final Map<String, Known> known = new HashMap<>();

  private record Known(long text, boolean available) {}
  private long embedded;

  /**
   * @param embedderFactory loads the model (blocking, seconds): called once on a worker
   * @param changed told on the verticle's thread whenever the indexed catalog changes
   */
  SearchIndex(Vertx vertx, StoreWait store, Supplier<TextEmbedder> embedderFactory, Runnable changed) {
    this.vertx = vertx;
    this.store = store;
    this.embedderFactory = embedderFactory;
    this.changed = changed;
  }

  boolean ready() {
    return ready;
  }

  /** What the index is doing, for a 503 while it loads and for the health page. */
  String state() {
    return ready ? vectors.size() + " items indexed"
        : embedder == null ? "loading the embedding model" : "indexing the catalog (" + loaded + " items so far)";
  }

  /** The partition's lists, 0 while every vector is compared (a small catalog, or still loading). */
  int lists() {
    return vectors == null ? 0 : vectors.lists();
  }

  /** Items embedded since start: at the first load, and after each change of an item's text. */
  long embedded() {
    return embedded;
  }

  TextEmbedder embedder() {
    return embedder;
  }

  VectorIndex vectors() {
    return vectors;
  }

  /**
   * Follows catalog changes at once (queued behind the load), then loads the model and the
   * catalog. Completes when the load is under way: the node does not wait for it.
   */
  Future<Void> start() {
    return Future.all(
            Bus.listen(vertx, Addresses.CATALOG_UPDATED, this::updated),
            Bus.listen(vertx, Addresses.CATALOG_IMPORTED, v -> reload()))
        .onSuccess(v -> vertx.<TextEmbedder>executeBlocking(embedderFactory::get, true)
            .onSuccess(e -> {
              embedder = e;
              vectors = new VectorIndex(e.dimensions());
              long started = System.nanoTime();
              loadFrom("").onSuccess(n -> {
                ready = true;
                changed.run();
                partitionIfDue();
                LOG.info("search index ready items={} embeddedNow={} ms={}", vectors.size(), embeddedAtStart,
                    (System.nanoTime() - started) / 1_000_000);
              }).onFailure(err -> LOG.error("search index not loaded: search answers 503 reason={}", err.getMessage()));
            })
            .onFailure(err -> LOG.error("embedding model not loaded: search answers 503 reason={}", err.getMessage())))
        .mapEmpty();
  }

  private void reload() {
    if (embedder == null) {
      return; // the first load has not begun: it reads everything anyway
    }
    loadFrom("").onSuccess(n -> {
      changed.run();
      partitionIfDue();
      LOG.info("search index reloaded after a catalog import items={}", vectors.size());
    }).onFailure(err -> LOG.warn("search index not reloaded after an import reason={}", err.getMessage()));
  }

  private Future<Void> loadFrom(String after) {
    return store.untilAnswered("the catalog's vectors",
            () -> Bus.request(vertx, Addresses.STORE_ITEM_VECTORS, new ItemVectors.Query(after, PAGE, embedder.name())))
        .compose(page -> {
          List<CatalogItem> missing = new ArrayList<>();
          for (ItemVectors.Entry e : page.items()) {
            if (e.vector() != null && e.vector().length == vectors.dimensions()) {
              known.put(e.item().itemId(), new Known(digest(e.item().embeddingText()), e.item().available()));
              vectors.put(e.item().itemId(), e.vector());
              vectors.hide(e.item().itemId(), !e.item().available());
            } else {
              missing.add(e.item());
            }
          }
          loaded += page.items().size();
          Future<Void> embedded = embedAndKeep(missing);
          return page.items().size() < PAGE ? embedded
              : embedded.compose(v -> loadFrom(page.items().get(page.items().size() - 1).item().itemId()));
        });
  }

  /**
   * One changed item: its availability counts at once; new text is embedded in order behind
   * earlier changes. Withdrawing an item changes no retrieval (availability is checked on every
   * request), but one back in stock was left out of those made meanwhile.
   */
  private void updated(CatalogItem item) {
    boolean backInStock = vectors != null && vectors.hide(item.itemId(), !item.available()) && item.available();
    if (embedder == null) {
      return; // the load to come reads it from the store
    }
    Known now = new Known(digest(item.embeddingText()), item.available());
    Known before = known.put(item.itemId(), now);
    if (before != null && before.text() == now.text()) {
      if (backInStock) {
        changed.run();
      }
      return;
    }
    embedAndKeep(List.of(item)).onSuccess(v -> {
          changed.run();
          partitionIfDue();
        })
        .onFailure(e -> {
          known.remove(item.itemId(), now); // the next update of it tries again
          LOG.warn("item vector not computed itemId={} reason={}", item.itemId(), e.getMessage());
        });
  }

  /** 64-bit FNV-1a of a text (an item's, or a query): two different texts share one by chance about once in 2^64. */
  static long digest(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /**
   * Partitions the vectors on a worker when the catalog has grown enough for it to pay ({@link
   * VectorIndex#partitionDue}), one partition at a time; meanwhile searches use the previous
   * partition, or compare every vector before the first.
   */
  private void partitionIfDue() {
    if (partitioning || !ready || !vectors.partitionDue()) {
      return;
    }
    partitioning = true;
    long started = System.nanoTime();
    vertx.executeBlocking(() -> vectors.partition(PARTITION_SEED), false)
        .onComplete(done -> {
          partitioning = false;
          if (done.succeeded() && done.result()) {
            changed.run();
            LOG.info("search index partitioned items={} lists={} ms={}", vectors.size(), vectors.lists(),
                (System.nanoTime() - started) / 1_000_000);
          } else if (done.failed()) {
            LOG.warn("search index not partitioned: every vector is compared reason={}", done.cause().getMessage());
          }
        });
  }

  /** Embeds items in batches on a worker, indexes them and asks the store to keep each vector. */
  private Future<Void> embedAndKeep(List<CatalogItem> items) {
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < items.size(); from += EMBED_BATCH) {
      List<CatalogItem> batch = items.subList(from, Math.min(items.size(), from + EMBED_BATCH));
      chain = chain.compose(v -> vertx.executeBlocking(
              () -> embedder.embedAll(batch.stream().map(CatalogItem::embeddingText).toList()), true)
          .map(computed -> {
            for (int i = 0; i < batch.size(); i++) {
              CatalogItem item = batch.get(i);
              vectors.put(item.itemId(), computed.get(i));
              Known newest = known.computeIfAbsent(item.itemId(), id -> new Known(digest(item.embeddingText()), item.available()));
              vectors.hide(item.itemId(), !newest.available());
              Bus.request(vertx, Addresses.STORE_ITEM_VECTOR_PUT, new ItemVectors.Put(item, embedder.name(), computed.get(i)))
                  .onFailure(e -> LOG.debug("item vector not stored itemId={} reason={}", item.itemId(), e.getMessage()));
            }
            embedded += batch.size();
            if (!ready) {
              embeddedAtStart += batch.size();
            }
            return null;
          }));
    }
    return chain;
  }
}
