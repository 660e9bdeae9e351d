package dev.recstream.store;

import dev.recstream.shared.bus.Failures;
import dev.recstream.shared.bus.ItemVectors;
import dev.recstream.shared.bus.SearchFollowUps;
import dev.recstream.shared.bus.TextSearch;
import dev.recstream.shared.catalog.CatalogItem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's side of search: full-text matches with typo correction ({@link
 * SqlQueries#TEXT_SEARCH}), and the item vectors scoring nodes compute and keep here.
 */
final class CatalogSearch {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogSearch.class);
  static final int MAX_HITS = 1_000;
  static final int MAX_PAGE = 5_000;
  static final int MAX_SEARCHES = 1_000_000;

  private final Pool pool;
  private String textSearch = SqlQueries.TEXT_SEARCH_EXACT;

  CatalogSearch(Pool pool) {
    this.pool = pool;
  }

  /**
   * Whether a connection keeps a statement prepared: the text searches only. Prepared once, they
   * are not planned again for every query (0.8 ms of the database's CPU each, a fifth of the
   * statement, over the bench's 12,000 items), and as the query's words reach the planner only
   * through materialised CTEs, every plan had the same shape anyway. Other statements are planned
   * per execution, for their parameters.
   */
  static boolean keptPrepared(String sql) {
    return sql.equals(SqlQueries.TEXT_SEARCH) || sql.equals(SqlQueries.TEXT_SEARCH_EXACT);
  }

  /** Looks for pg_trgm once: without it search still matches words, without correcting typos. */
  Future<Void> start() {
    return pool.query(SqlQueries.HAS_TRIGRAMS).execute().map(rows -> {
      if (rows.iterator().next().getLong(0) > 0) {
        textSearch = SqlQueries.TEXT_SEARCH;
      } else {
        LOG.warn("the PostgreSQL extension pg_trgm is not installed: search does not correct typos "
            + "(install postgresql-contrib, then CREATE EXTENSION pg_trgm and restart)");
      }
      return null;
    });
  }

  Future<TextSearch> search(TextSearch.Query query) {
    int limit = Math.max(1, Math.min(MAX_HITS, query.limit()));
    return pool.preparedQuery(textSearch).execute(Tuple.of(query.query(), limit))
        .map(rows -> {
          List<TextSearch.Hit> hits = new ArrayList<>(rows.size());
          String corrected = null;
          for (Row row : rows) {
            hits.add(new TextSearch.Hit(row.getString(0), row.getDouble(1)));
            corrected = row.getString(2);
          }
          return new TextSearch(hits, corrected);
        })
        .recover(e -> Future.failedFuture(Failures.unavailable("text search failed: " + e.getMessage())));
  }

  Future<SearchFollowUps> followUps(SearchFollowUps.Query query) {
    int searches = Math.max(0, Math.min(MAX_SEARCHES, query.searches()));
    return pool.preparedQuery(SqlQueries.SEARCH_FOLLOW_UPS).execute(Tuple.of(searches))
        .map(rows -> {
          List<SearchFollowUps.FollowUp> followUps = new ArrayList<>(rows.size());
          rows.forEach(row -> followUps.add(new SearchFollowUps.FollowUp(row.getString(0), row.getString(1), row.getString(2))));
          return new SearchFollowUps(followUps);
        })
        .recover(e -> Future.failedFuture(Failures.unavailable("searches not readable: " + e.getMessage())));
  }

  Future<ItemVectors> vectors(ItemVectors.Query query) {
    int limit = Math.max(1, Math.min(MAX_PAGE, query.limit()));
    return pool.preparedQuery(SqlQueries.ITEM_VECTORS_PAGE).execute(Tuple.of(query.after(), limit))
        .map(rows -> {
          List<ItemVectors.Entry> items = new ArrayList<>(rows.size());
          for (Row row : rows) {
            CatalogItem item = itemOf(row);
            Float[] stored = row.getArrayOfFloats("embedding");
            boolean current = stored != null && query.model().equals(row.getString("embedding_model"));
            items.add(new ItemVectors.Entry(item, current ? unboxed(stored) : null));
          }
          return new ItemVectors(items);
        })
        .recover(e -> Future.failedFuture(Failures.unavailable("item vectors not readable: " + e.getMessage())));
  }

  Future<Boolean> putVector(ItemVectors.Put put) {
    CatalogItem item = put.item();
    Float[] boxed = new Float[put.vector().length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = put.vector()[i];
    }
    Tuple params = Tuple.tuple().addValue(item.itemId()).addValue(boxed).addValue(put.model()).addValue(item.title())
        .addValue(item.brand()).addValue(item.category()).addValue(new JsonObject(new LinkedHashMap<>(item.attributes())));
    return pool.preparedQuery(SqlQueries.PUT_ITEM_VECTOR).execute(params)
        .map(rows -> rows.rowCount() > 0)
        .recover(e -> Future.failedFuture(Failures.unavailable("item vector not stored: " + e.getMessage())));
  }

  /** A catalog row (item_id, title, brand, category, price, available, attributes) as an item. */
  static CatalogItem itemOf(Row row) {
    JsonObject attributes = row.getJsonObject("attributes");
    Map<String, String> map = new TreeMap<>();
    if (attributes != null) {
      attributes.forEach(e -> {
        if (e.getValue() instanceof String s) {
          map.put(e.getKey(), s);
        }
      });
    }
    return new CatalogItem(row.getString("item_id"), row.getString("title"), row.getString("brand"), row.getString("category"),
        row.getDouble("price"), row.getBoolean("available"), map);
  }

  private static float[] unboxed(Float[] boxed) {
    float[] vector = new float[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      vector[i] = boxed[i];
    }
    return vector;
  }
}
