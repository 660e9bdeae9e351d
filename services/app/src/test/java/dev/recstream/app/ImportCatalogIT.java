package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.rank.OrtEnvironmentHolder;
import dev.recstream.model.search.MiniLmEmbedder;
import dev.recstream.shared.catalog.CatalogItem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestSystem.class)
@DisplayName("recstream import-catalog")
class ImportCatalogIT {
  private Pool pool;

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  @DisplayName("stores items with brand, attributes and unit vectors, skips a bad record (exit 1), and re-embeds only what changed")
  void importsWithVectors(@TempDir Path dir) throws Exception {
    String url = TestSystem.get().newDatabase("catalog");
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(TestSystem.get().vertx()).build();
    Path config = config(dir, url);
    Path file = dir.resolve("beauty.jsonl");
    Files.writeString(file, """
        {"itemId": "lip-1", "title": "Velvet Matte Lipstick", "brand": "Lumiere", "category": "lips", "price": 12.5, "attributes": {"color": "crimson"}}
        {"itemId": "skin-1", "title": "Hydrating Face Cream", "brand": "Dermaglow", "category": "skin", "available": false}
        {"itemId": "bad-1", "title": "Serum", "price": -3}
        {"itemId": "hair-1", "title": "Argan Hair Oil", "category": "hair"}
        {"itemId": "lip-1", "title": "Velvet Matte Lipstick", "brand": "Lumiere", "category": "lips", "price": 14.0, "attributes": {"color": "crimson", "finish": "matte"}}
        {"itemId": "eye-1", "title": "Waterproof Mascara"}
        """);
    CompletableFuture<String> notice = listen(url);

    Cli first = new Cli();
    assertEquals(1, first.run("import-catalog", "--config", config.toString(), file.toString()), first.err.toString());
    assertTrue(first.out.toString().startsWith("imported 4 items (4 new or changed, 4 embedded)"), first.out.toString());
    assertTrue(first.err.toString().contains("beauty.jsonl line 3: price: must be a finite number ≥ 0"), first.err.toString());
    assertTrue(first.err.toString().contains("recstream: 1 of 6 records skipped"), first.err.toString());
    assertTrue(new JsonObject(notice.get(30, TimeUnit.SECONDS)).getLong("items") == 4);

    Map<String, Row> rows = items();
    assertEquals(List.of("eye-1", "hair-1", "lip-1", "skin-1"), rows.keySet().stream().sorted().toList());
    Row lip = rows.get("lip-1");
    assertEquals("Lumiere", lip.getString("brand"));
    assertEquals(14.0, lip.getDouble("price"));
    assertEquals(new JsonObject().put("color", "crimson").put("finish", "matte"), lip.getJsonObject("attributes"));
    assertEquals(false, rows.get("skin-1").getBoolean("available"));
    for (Row row : rows.values()) {
      Float[] vector = row.getArrayOfFloats("embedding");
      assertEquals(MiniLmEmbedder.DIMENSIONS, vector.length);
      double norm = 0;
      for (Float v : vector) {
        norm += v * v;
      }
      assertEquals(1.0, Math.sqrt(norm), 1e-3, row.getString("item_id"));
      assertEquals(MiniLmEmbedder.NAME, row.getString("embedding_model"));
    }
    // Each row holds its own item's vector: the one the model gives for that item's text.
    OrtEnvironmentHolder.environment();
    float[] expected = new MiniLmEmbedder().embed(new CatalogItem("lip-1", "Velvet Matte Lipstick", "Lumiere", "lips", 14.0, true,
        Map.of("color", "crimson", "finish", "matte")).embeddingText());
    Float[] stored = lip.getArrayOfFloats("embedding");
    for (int d = 0; d < expected.length; d++) {
      assertEquals(expected[d], stored[d], 1e-5f, "dimension " + d);
    }
    assertTrue(searchWords().containsAll(List.of("velvet", "lipstick", "lumiere", "dermaglow", "mascara", "hair")));

    Cli again = new Cli();
    assertEquals(1, again.run("import-catalog", "--config", config.toString(), file.toString()), again.err.toString());
    assertTrue(again.out.toString().startsWith("imported 4 items (0 new or changed, 0 embedded)"), again.out.toString());
    assertEquals(rows.get("eye-1").getOffsetDateTime("updated_at"), items().get("eye-1").getOffsetDateTime("updated_at"));

    Files.writeString(file, Files.readString(file).replace("Waterproof Mascara", "Volumizing Mascara").replace(", \"price\": -3", ""));
    Cli changed = new Cli();
    assertEquals(0, changed.run("import-catalog", "--config", config.toString(), file.toString()), changed.err.toString());
    assertTrue(changed.out.toString().startsWith("imported 5 items (2 new or changed, 2 embedded)"), changed.out.toString());
    assertTrue(searchWords().contains("volumizing"));
  }

  @Test
  @DisplayName("with --no-vectors stores a CSV catalog, keeping the vectors of unchanged items and clearing those of changed ones")
  void importsCsvWithoutVectors(@TempDir Path dir) throws Exception {
    String url = TestSystem.get().newDatabase("catalog");
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(TestSystem.get().vertx()).build();
    Path config = config(dir, url);
    Path file = dir.resolve("catalog.csv");
    Files.writeString(file, """
        itemId,title,brand,category,price,available
        n-1,"Nail Polish, Coral",Polished,nails,6.5,true
        n-2,Cuticle Oil,,nails,,
        """);
    Cli first = new Cli();
    assertEquals(0, first.run("import-catalog", "--no-vectors", "--config", config.toString(), file.toString()), first.err.toString());
    assertTrue(first.out.toString().startsWith("imported 2 items (2 new or changed, 0 embedded)"), first.out.toString());
    assertEquals("Nail Polish, Coral", items().get("n-1").getString("title"));
    assertNull(items().get("n-2").getString("brand"));
    assertTrue(searchWords().containsAll(List.of("coral", "polished", "cuticle")));

    await(pool.query("""
        INSERT INTO item_vectors SELECT item_id, item_text_digest(title, brand, category, attributes), array_fill(0.05::real, ARRAY[384]), 'm'
          FROM items""").execute());
    Files.writeString(file, Files.readString(file).replace("Cuticle Oil", "Cuticle Balm").replace("6.5", "7"));
    Cli second = new Cli();
    assertEquals(0, second.run("import-catalog", "--no-vectors", "--config", config.toString(), file.toString()), second.err.toString());
    assertTrue(second.out.toString().startsWith("imported 2 items (2 new or changed, 0 embedded)"), second.out.toString());
    assertNotNull(items().get("n-1").getArrayOfFloats("embedding"), "a price change keeps the vector");
    assertNull(items().get("n-2").getArrayOfFloats("embedding"), "a title change clears it");
    assertNull(items().get("n-2").getString("embedding_model"));
  }

  @Test
  @DisplayName("a CSV header with attributes, and a missing database, are refused with one line")
  void refusals(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("catalog.csv");
    Files.writeString(csv, "itemId,title,attributes\na,Toner,x\n");
    Cli header = new Cli();
    assertEquals(1, header.run("import-catalog", "--no-vectors", "--config", config(dir, TestSystem.get().pgUrl()).toString(),
        csv.toString()));
    assertEquals("recstream: catalog.csv line 1: attributes are not supported in CSV; give the catalog as JSON Lines to "
        + "import attributes", header.err.toString().strip());

    Cli noDatabase = new Cli();
    Files.writeString(dir.resolve("empty.json"), "{}");
    assertEquals(2, noDatabase.run("import-catalog", "--config", dir.resolve("empty.json").toString(), csv.toString()));
    assertTrue(noDatabase.err.toString().contains("needs the database"), noDatabase.err.toString());
  }

  private static Path config(Path dir, String pgUrl) throws Exception {
    Path config = dir.resolve("recstream.json");
    Files.writeString(config, new JsonObject().put("pgUrl", pgUrl).encode());
    return config;
  }

  private Map<String, Row> items() throws Exception {
    Map<String, Row> rows = new HashMap<>();
    await(pool.query("""
        SELECT i.*, v.embedding, v.embedding_model FROM items i
          LEFT JOIN item_vectors v ON v.item_id = i.item_id AND v.source = item_text_digest(i.title, i.brand, i.category, i.attributes)
        """).execute()).forEach(row -> rows.put(row.getString("item_id"), row));
    return rows;
  }

  private List<String> searchWords() throws Exception {
    List<String> words = new ArrayList<>();
    await(pool.preparedQuery("SELECT word FROM search_words").execute(Tuple.tuple())).forEach(row -> words.add(row.getString(0)));
    return words;
  }

  /** The payload of the next catalog notice on the database at {@code url}. */
  private static CompletableFuture<String> listen(String url) throws Exception {
    CompletableFuture<String> payload = new CompletableFuture<>();
    PgSubscriber subscriber = PgSubscriber.subscriber(TestSystem.get().vertx(), PgConnectOptions.fromUri(url));
    subscriber.channel("recstream_catalog_imported").handler(p -> {
      payload.complete(p);
      subscriber.close();
    });
    await(subscriber.connect());
    return payload;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
