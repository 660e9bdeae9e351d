package dev.recstream.shared.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CatalogItemTest {

  @Test
  void aFullBodyIsValidAndMapsEveryField() {
    JsonObject body = new JsonObject("{\"title\":\"Lip balm\",\"category\":\"lips\",\"price\":4.5,\"available\":false}");
    assertEquals(List.of(), CatalogItem.problems("i1", body));
    assertEquals(new CatalogItem("i1", "Lip balm", "lips", 4.5, false), CatalogItem.of("i1", body));
  }

  @Test
  void anEmptyBodyIsAnAvailableItemWithoutMetadata() {
    assertEquals(List.of(), CatalogItem.problems("i1", new JsonObject()));
    CatalogItem item = CatalogItem.of("i1", new JsonObject());
    assertTrue(item.available());
    assertNull(item.category());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"colour\":\"red\"}                 | colour: is not a catalog field",
      "{\"title\":7}                        | title: must be a string",
      "{\"title\":\"\"}                     | title: must be 1 to 1000 characters",
      "{\"category\":\"a\\u0000b\"}         | category: must be 1 to 256 characters without control characters",
      "{\"price\":-1}                       | price: must be a finite number ≥ 0",
      "{\"price\":\"4.50\"}                 | price: must be a finite number ≥ 0",
      "{\"available\":\"yes\"}              | available: must be true or false",
  })
  void eachBadFieldIsNamedWithItsRule(String json, String expected) {
    List<String> problems = CatalogItem.problems("i1", new JsonObject(json));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(expected), problems.get(0));
  }

  @Test
  void everyProblemIsReportedNotJustTheFirst() {
    assertEquals(3, CatalogItem.problems("i1", new JsonObject("{\"price\":-2,\"available\":1,\"x\":0}")).size());
  }

  @Test
  void theItemIdFromThePathIsCheckedToo() {
    assertFalse(CatalogItem.problems("a\tb", new JsonObject()).isEmpty());
    assertFalse(CatalogItem.problems("x".repeat(257), new JsonObject()).isEmpty());
  }

  @Test
  void itRoundTripsOverTheBus() {
    CatalogItem item = new CatalogItem("i9", null, "c", null, true);
    assertEquals(item, CatalogItem.fromJson(item.toJson()));
  }
}
