package dev.recstream.store;

import dev.recstream.shared.catalog.CatalogItem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Bulk catalog import straight into PostgreSQL ({@code recstream import-catalog}): batches of
 * items upserted by one statement each, with the vectors the importer computed, then the catalog's
 * words learned for typo correction and a notice to a running system, whose scoring nodes reload
 * the catalog and its vectors ({@link ImportListener}). The schema is migrated first.
 *
 * <p>The statements live here rather than in {@link SqlQueries}: only the importer runs them.
 */
public final class CatalogLoader implements AutoCloseable {

  /**
   * The ids among $1 whose stored row has the same text ($2 title, $3 brand, $4 category, $5
   * attributes as JSON) and a current vector of model $6: those need no new vector.
   */
  static final String CURRENT_VECTORS = """
      SELECT x.item_id
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(item_id, title, brand, category, attributes)
        JOIN items i ON i.item_id = x.item_id
        JOIN item_vectors v ON v.item_id = i.item_id AND v.source = item_text_digest(i.title, i.brand, i.category, i.attributes)
       WHERE v.embedding_model = $6
         AND (i.title, i.brand, i.category, i.attributes)
             IS NOT DISTINCT FROM (x.title, x.brand, x.category, x.attributes::jsonb)""";

  /**
   * Upserts a batch of distinct items: parallel arrays $1 id, $2 title, $3 brand, $4 category, $5
   * price, $6 available, $7 attributes (JSON text), $8 the 1-based position of the item's vector
   * in $9, or 0 for none; $9 every vector of the batch end to end (one real[] of $10 × count
   * values: one array parameter instead of one per row), $10 dimensions, $11 the model.
   *
   * <p>An item given without a vector keeps its stored one while its text is unchanged: a vector
   * is current while its source matches the item's text (sql/V6__item_vectors.sql). Rows that
   * would not change are not rewritten, so re-importing an unchanged catalog leaves the tables (and
   * updated_at) alone; the reply has a row per item inserted, changed or given a vector.
   */
  static final String UPSERT_ITEMS = """
      WITH x AS (
        SELECT item_id, title, brand, category, price, available, attributes::jsonb AS attributes, vector
          FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::bool[], $7::text[], $8::int[])
               AS u(item_id, title, brand, category, price, available, attributes, vector)),
      upserted AS (
        INSERT INTO items AS i (item_id, title, brand, category, price, available, attributes, updated_at)
        SELECT item_id, title, brand, category, price, available, attributes, now() FROM x
        ON CONFLICT (item_id) DO UPDATE SET
          title = excluded.title, brand = excluded.brand, category = excluded.category, price = excluded.price,
          available = excluded.available, attributes = excluded.attributes, updated_at = now()
        WHERE (i.title, i.brand, i.category, i.price, i.available, i.attributes)
              IS DISTINCT FROM (excluded.title, excluded.brand, excluded.category, excluded.price, excluded.available, excluded.attributes)
        RETURNING item_id),
      vectors AS (
        INSERT INTO item_vectors (item_id, source, embedding, embedding_model)
        SELECT item_id, item_text_digest(title, brand, category, attributes),
               ($9::real[])[(vector - 1) * $10 + 1 : vector * $10], $11
          FROM x WHERE vector > 0
        ON CONFLICT (item_id) DO UPDATE SET
          source = excluded.source, embedding = excluded.embedding, embedding_model = excluded.embedding_model
        RETURNING item_id)
      SELECT item_id FROM upserted UNION SELECT item_id FROM vectors""";

  private final Pool pool;

  private CatalogLoader(Pool pool) {
    this.pool = pool;
  }

  /** Connects and applies the migrations. */
  public static Future<CatalogLoader> open(Vertx vertx, String pgUrl) {
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2))
        .connectingTo(PgConnectOptions.fromUri(pgUrl))
        .using(vertx)
        .build();
    return Migrations.apply(vertx, pool).map(n -> new CatalogLoader(pool));
  }

  /** The ids of {@code items} whose stored text is theirs and whose stored vector is of {@code model}. */
  public Future<Set<String>> withCurrentVectors(List<CatalogItem> items, String model) {
    Columns c = new Columns(items);
    return pool.preparedQuery(CURRENT_VECTORS)
        .execute(Tuple.tuple().addValue(c.ids).addValue(c.titles).addValue(c.brands).addValue(c.categories)
            .addValue(c.attributes).addValue(model))
        .map(rows -> {
          Set<String> current = new HashSet<>();
          for (Row row : rows) {
            current.add(row.getString(0));
          }
          return current;
        });
  }

  /**
   * Upserts {@code items} (distinct ids) in one statement, so all or none of them are stored.
   *
   * @param vectors one per item, in order: its unit vector of {@code model} ({@code dimensions}
   *     long), or null to keep the stored vector while the item's text is unchanged
   * @return how many items were inserted or changed
   */
  public Future<Integer> upsert(List<CatalogItem> items, List<float[]> vectors, String model, int dimensions) {
    Columns c = new Columns(items);
    Integer[] positions = new Integer[items.size()];
    List<float[]> present = vectors.stream().filter(v -> v != null).toList();
    Float[] flat = new Float[present.size() * dimensions];
    int next = 0;
    for (int k = 0; k < positions.length; k++) {
      float[] vector = vectors.get(k);
      if (vector == null) {
        positions[k] = 0;
        continue;
      }
      if (vector.length != dimensions) {
        return Future.failedFuture(new IllegalArgumentException("item " + items.get(k).itemId() + ": a vector of "
            + vector.length + " dimensions, expected " + dimensions));
      }
      for (int d = 0; d < dimensions; d++) {
        flat[next * dimensions + d] = vector[d];
      }
      positions[k] = ++next;
    }
    // addValue, not Tuple.of: an array passed to Tuple.of's varargs can be spread into elements.
    Tuple params = Tuple.tuple().addValue(c.ids).addValue(c.titles).addValue(c.brands).addValue(c.categories)
        .addValue(c.prices).addValue(c.available).addValue(c.attributes).addValue(positions)
        .addValue(flat).addValue(dimensions).addValue(model);
    return pool.preparedQuery(UPSERT_ITEMS).execute(params).map(rows -> rows.rowCount());
  }

  /** Learns every word of the catalog for typo correction; completes with how many were new. */
  public Future<Integer> learnSearchWords() {
    return pool.query(SqlQueries.LEARN_ALL_SEARCH_WORDS).execute().map(rows -> rows.rowCount());
  }

  /**
   * Tells every store service of a running system that the catalog changed behind its back
   * ({@link SqlQueries#CATALOG_CHANNEL}): its scoring nodes reload the catalog and its vectors.
   *
   * @param summary what was imported, for whoever reads the notice (the store only logs it)
   */
  public Future<Void> announce(JsonObject summary) {
    return pool.preparedQuery(SqlQueries.NOTIFY)
        .execute(Tuple.of(SqlQueries.CATALOG_CHANNEL, summary.encode()))
        .mapEmpty();
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A batch of items as the parallel arrays the statements unnest. */
  private static final class Columns {
    final String[] ids;
    final String[] titles;
    final String[] brands;
    final String[] categories;
    final Double[] prices;
    final Boolean[] available;
    final String[] attributes;

    Columns(List<CatalogItem> items) {
      int n = items.size();
      ids = new String[n];
      titles = new String[n];
      brands = new String[n];
      categories = new String[n];
      prices = new Double[n];
      available = new Boolean[n];
      attributes = new String[n];
      for (int k = 0; k < n; k++) {
        CatalogItem item = items.get(k);
        ids[k] = item.itemId();
        titles[k] = item.title();
        brands[k] = item.brand();
        categories[k] = item.category();
        prices[k] = item.price();
        available[k] = item.available();
        attributes[k] = new JsonObject(new LinkedHashMap<>(item.attributes())).encode();
      }
    }
  }
}
