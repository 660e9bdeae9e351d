package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.trainer.data.Fields;
import dev.recstream.shared.catalog.CatalogItem;
import dev.recstream.trainer.data.MalformedDatasetException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Catalog files for recstream import-catalog")
class CatalogLinesTest {

  @Test
  @DisplayName("a JSON Lines record becomes the item PUT /v1/items/{itemId} would store")
  void jsonRecord() {
    CatalogLines.Line line = CatalogLines.json("""
        {"itemId": "sku-1", "title": "Velvet Matte Lipstick", "brand": "Lumière", "category": "lips",
         "price": 12, "available": false, "attributes": {"color": "red", "finish": "matte"}}""".replace('\n', ' '));
    assertNull(line.problem());
    assertEquals(new CatalogItem("sku-1", "Velvet Matte Lipstick", "Lumière", "lips", 12.0, false,
        Map.of("color", "red", "finish", "matte")), line.item());
  }

  @Test
  @DisplayName("only itemId is required; available defaults to true")
  void minimalRecord() {
    CatalogItem item = CatalogLines.json("{\"itemId\": \"sku-2\"}").item();
    assertEquals(new CatalogItem("sku-2", null, null, null, null, true, Map.of()), item);
  }

  @Test
  @DisplayName("a bad record names each field and the rule it breaks")
  void problems() {
    assertEquals("itemId: required", CatalogLines.json("{\"title\": \"Serum\"}").problem());
    assertEquals("itemId: must be a string", CatalogLines.json("{\"itemId\": 7}").problem());
    assertEquals("price: must be a finite number ≥ 0", CatalogLines.json("{\"itemId\": \"a\", \"price\": -1}").problem());
    assertEquals("itemId: required; title: must be a string; available: must be true or false",
        CatalogLines.json("{\"title\": 3, \"available\": \"yes\"}").problem());
    assertEquals("colour: is not a catalog field (allowed: title, brand, category, price, available, attributes)",
        CatalogLines.json("{\"itemId\": \"a\", \"colour\": \"red\"}").problem());
    assertEquals("attributes: must be an object of text values, e.g. {\"color\": \"red\"}",
        CatalogLines.json("{\"itemId\": \"a\", \"attributes\": [\"red\"]}").problem());
    assertEquals("attributes.size: must be a string",
        CatalogLines.json("{\"itemId\": \"a\", \"attributes\": {\"size\": 30}}").problem());
  }

  @Test
  @DisplayName("a line that is not a JSON object says so")
  void notJson() {
    assertEquals("not a JSON object", CatalogLines.json("{\"itemId\": \"a\"").problem());
    assertEquals("not a JSON object", CatalogLines.json("[1, 2]").problem());
    assertEquals("not a JSON object", CatalogLines.json("sku-1,Serum").problem());
  }

  @Test
  @DisplayName("CSV fields may be quoted, with commas and doubled quotes inside")
  void csvFields() {
    assertEquals(List.of("a", "Lip \"Gloss\", pink", "", "3.5"), Fields.csv("a, \"Lip \"\"Gloss\"\", pink\",,3.5"));
  }

  @Test
  @DisplayName("a CSV record reads price as a number and available as a boolean; empty fields are absent")
  void csvRecord() throws Exception {
    List<String> header = CatalogLines.csvHeader("itemId,title,brand,category,price,available", "c.csv", 1);
    assertEquals(new CatalogItem("s1", "Rose Toner", null, "skin", 9.5, false, Map.of()),
        CatalogLines.csv(header, "s1,Rose Toner,,skin,9.5,FALSE").item());
    assertEquals("price: must be a finite number ≥ 0", CatalogLines.csv(header, "s1,Toner,,skin,cheap,").problem());
    assertEquals("available: must be true or false", CatalogLines.csv(header, "s1,Toner,,skin,,maybe").problem());
    assertEquals("expected 6 fields as in the header, found 2", CatalogLines.csv(header, "s1,Toner").problem());
  }

  @Test
  @DisplayName("a CSV header must name known columns, itemId among them, and no attributes")
  void csvHeader() {
    assertEquals("c.csv line 1: attributes are not supported in CSV; give the catalog as JSON Lines to import attributes",
        assertThrows(MalformedDatasetException.class, () -> CatalogLines.csvHeader("itemId,attributes", "c.csv", 1)).getMessage());
    assertTrue(assertThrows(MalformedDatasetException.class, () -> CatalogLines.csvHeader("itemId,colour", "c.csv", 1))
        .getMessage().contains("unknown column 'colour'"));
    assertEquals("c.csv line 1: the header has no itemId column",
        assertThrows(MalformedDatasetException.class, () -> CatalogLines.csvHeader("title,price", "c.csv", 1)).getMessage());
  }

  @Test
  @DisplayName("a file read skips bad records with their line numbers, and of repeated ids keeps the last")
  void readsFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("catalog.jsonl");
    Files.writeString(file, """
        \uFEFF{"itemId": "a", "title": "Old title"}
        {"itemId": "b", "price": "free"}

        {"itemId": "c", "title": "Face Cream"}
        {"itemId": "a", "title": "New title"}
        """);
    List<String> bad = new ArrayList<>();
    CatalogLines.Catalog catalog = CatalogLines.read(file, CatalogLines.Format.JSON_LINES, bad::add);
    assertEquals(List.of("catalog.jsonl line 2: price: must be a finite number ≥ 0"), bad);
    assertEquals(List.of("a", "c"), catalog.items().stream().map(CatalogItem::itemId).toList());
    assertEquals("New title", catalog.items().get(0).title());
    assertEquals(4, catalog.records());
    assertEquals(1, catalog.skipped());
    assertEquals(1, catalog.duplicates());
  }

  @Test
  @DisplayName("the format follows the file name unless --format names it")
  void format() {
    assertEquals(CatalogLines.Format.CSV, CatalogLines.Format.of(null, Path.of("items.CSV")));
    assertEquals(CatalogLines.Format.JSON_LINES, CatalogLines.Format.of(null, Path.of("items.ndjson")));
    assertEquals(CatalogLines.Format.CSV, CatalogLines.Format.of("csv", Path.of("items.txt")));
    assertEquals("--format: must be jsonl or csv, was 'xml'",
        assertThrows(IllegalArgumentException.class, () -> CatalogLines.Format.of("xml", Path.of("a"))).getMessage());
  }

  @Test
  @DisplayName("progress off a terminal is a line with counts, rate and time left")
  void progressLine() {
    StringWriter text = new StringWriter();
    CatalogProgress progress = new CatalogProgress(new PrintWriter(text), false, true, 1_000);
    progress.embedded(200, 150);
    progress.written(100);
    assertEquals("catalog:  20% 200 / 1,000 items, embedded 150, written 100, 100 items/s, 0:08 left",
        progress.line(2_000_000_000L));
  }
}
