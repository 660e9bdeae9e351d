package dev.recstream.scoring;

import dev.recstream.scoring.rules.ItemCatalog;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.CatalogPage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the catalog entries business rules act on: loaded page by page from the
 * store when scoring starts, then kept current from {@code catalog.updated}, which the store
 * publishes to every scoring node after each {@code PUT /v1/items/{id}}, and reloaded after a bulk
 * import ({@code catalog.imported}).
 */
final class CatalogMirror {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogMirror.class);
  private static final int PAGE = 50_000;

  private final Vertx vertx;
  private final StoreWait store;
  private final ItemCatalog catalog = new ItemCatalog();

  CatalogMirror(Vertx vertx, StoreWait store) {
    this.vertx = vertx;
    this.store = store;
  }

  ItemCatalog catalog() {
    return catalog;
  }

  /**
   * Follows updates, then loads what is stored. A store that is not running yet is waited for; one
   * that answers with a failure (its database down) only means the rules start without catalog
   * data (every item available, none categorised).
   */
  Future<Void> start() {
    return Bus.listen(vertx, Addresses.CATALOG_UPDATED, item -> catalog.put(item.itemId(), item.category(), item.available()))
        .compose(v -> Bus.listen(vertx, Addresses.CATALOG_IMPORTED, none -> loadFrom("")
            .onFailure(e -> LOG.warn("catalog not reloaded after an import reason={}", e.getMessage()))))
        .compose(v -> loadFrom(""))
        .otherwise(e -> {
          LOG.warn("catalog not loaded: business rules start without it reason={}", e.getMessage());
          return null;
        });
  }

  private Future<Void> loadFrom(String after) {
    return store.untilAnswered("the catalog", () -> Bus.request(vertx, Addresses.STORE_CATALOG, new CatalogPage.Query(after, PAGE)))
        .compose(page -> {
          page.items().forEach(e -> catalog.put(e.itemId(), e.category(), e.available()));
          return page.items().size() < PAGE ? Future.<Void>succeededFuture()
              : loadFrom(page.items().get(page.items().size() - 1).itemId());
        });
  }
}
