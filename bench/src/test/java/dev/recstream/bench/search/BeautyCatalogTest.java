package dev.recstream.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.bench.search.BeautyCatalog.Product;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The beauty catalog generator")
class BeautyCatalogTest {
  @Test
  @DisplayName("gives the same items for the same seed and other items for another seed")
  void deterministic() {
    assertEquals(BeautyCatalog.generate(2_000, 7), BeautyCatalog.generate(2_000, 7));
    assertNotEquals(BeautyCatalog.titles(2_000, 7), BeautyCatalog.titles(2_000, 8));
  }

  @Test
  @DisplayName("marks 3 % of the items unavailable, rounded")
  void unavailableShare() {
    for (int n : new int[] {12_000, 1_000, 17}) {
      long unavailable = BeautyCatalog.generate(n, 42).stream().filter(p -> !p.available()).count();
      assertEquals(Math.round(n * 0.03), unavailable, "items: " + n);
    }
  }

  @Test
  @DisplayName("writes varied titles that name the brand, the kind and the size, with every catalog field")
  void titles() {
    List<Product> catalog = BeautyCatalog.generate(12_000, 42);
    Set<String> distinct = new HashSet<>();
    for (Product p : catalog) {
      distinct.add(p.title());
      assertTrue(p.title().contains(p.brand()), p.title());
      assertTrue(p.title().toLowerCase().contains(p.kind()), p.title());
      assertTrue(p.title().contains(p.attributes().get("size")), p.title());
      assertTrue(p.price() > 0);
      JsonObject body = p.toJson();
      assertEquals(Set.of("title", "category", "brand", "price", "available", "attributes"), body.fieldNames());
    }
    assertTrue(distinct.size() > 11_000, "distinct titles: " + distinct.size());
    assertEquals("beauty-0", catalog.get(0).itemId());
  }

  @Test
  @DisplayName("capitalises title words, hyphenated parts and abbreviations")
  void titleCase() {
    assertEquals("SPF 30 Long-Wear Lip Gloss", BeautyCatalog.titleCase("spf 30 long-wear lip gloss"));
  }
}
