package dev.recstream.shared.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
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

  private static final String FULL = "{\"title\":\"Velvet lipstick\",\"brand\":\"Acme\",\"category\":\"lips\",\"price\":12.5,"
      + "\"available\":true,\"attributes\":{\"finish\":\"matte\",\"color\":\"red\"}}";

  @Test
  @DisplayName("a body with brand and attributes is valid, maps every field and round-trips over the bus")
  void brandAndAttributesRoundTrip() {
    JsonObject body = new JsonObject(FULL);
    assertEquals(List.of(), CatalogItem.problems("i1", body));

    CatalogItem item = CatalogItem.of("i1", body);
    assertEquals(new CatalogItem("i1", "Velvet lipstick", "Acme", "lips", 12.5, true,
        Map.of("color", "red", "finish", "matte")), item);
    assertEquals(item, CatalogItem.fromJson(item.toJson()));
    assertEquals(new JsonObject("{\"itemId\":\"i1\",\"title\":\"Velvet lipstick\",\"brand\":\"Acme\",\"category\":\"lips\","
        + "\"price\":12.5,\"available\":true,\"attributes\":{\"color\":\"red\",\"finish\":\"matte\"}}"), item.toJson());
    // attributes in name order, whatever the body's order
    assertEquals(List.of("color", "finish"), List.copyOf(item.toJson().getJsonObject("attributes").fieldNames()));
  }

  @Test
  @DisplayName("an item without brand or attributes has a null brand, no attributes and no attributes key on the wire")
  void withoutBrandOrAttributes() {
    CatalogItem item = CatalogItem.of("i1", new JsonObject("{\"title\":\"Lip balm\"}"));

    assertEquals(new CatalogItem("i1", "Lip balm", null, null, true), item);
    assertNull(item.brand());
    assertEquals(Map.of(), item.attributes());
    assertFalse(item.toJson().containsKey("attributes"));
    assertEquals(item, CatalogItem.fromJson(item.toJson()));
    assertEquals(Map.of(), new CatalogItem("i1", null, null, null, null, true, null).attributes());
  }

  @Test
  @DisplayName("attributes are an unmodifiable copy")
  void attributesAreACopy() {
    Map<String, String> source = new HashMap<>(Map.of("color", "red"));
    CatalogItem item = new CatalogItem("i1", null, null, null, null, true, source);
    source.put("size", "M");

    assertEquals(Map.of("color", "red"), item.attributes());
    assertThrows(UnsupportedOperationException.class, () -> item.attributes().put("size", "M"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"brand\":7}                             | brand: must be a string",
      "{\"brand\":\"\"}                          | brand: must be 1 to 256 characters without control characters",
      "{\"attributes\":\"red\"}                  | attributes: must be an object of text values, e.g. {\"color\": \"red\"}",
      "{\"attributes\":[\"red\"]}                | attributes: must be an object of text values, e.g. {\"color\": \"red\"}",
      "{\"attributes\":{\"color\":3}}            | attributes.color: must be a string",
      "{\"attributes\":{\"color\":\"\"}}         | attributes.color: must be 1 to 256 characters without control characters",
      "{\"attributes\":{\"color\":\"r\\u0007d\"}} | attributes.color: must be 1 to 256 characters without control characters",
      "{\"attributes\":{\"\":\"red\"}}           | attributes: names must be 1 to 64 characters without control characters",
      "{\"colour\":\"red\"}                      | colour: is not a catalog field (allowed: title, brand, category, price, available, attributes)",
  })
  @DisplayName("each bad brand or attribute is named exactly")
  void brandAndAttributeProblems(String json, String expected) {
    assertEquals(List.of(expected), CatalogItem.problems("i1", new JsonObject(json)));
  }

  @Test
  @DisplayName("attribute values and names have length limits: 256 and 64 characters")
  void attributeLengths() {
    assertEquals(List.of(), CatalogItem.problems("i1", attributes(Map.of("n".repeat(64), "v".repeat(256)))));
    assertEquals(List.of("attributes.color: must be 1 to 256 characters without control characters"),
        CatalogItem.problems("i1", attributes(Map.of("color", "v".repeat(257)))));
    assertEquals(List.of("attributes: names must be 1 to 64 characters without control characters"),
        CatalogItem.problems("i1", attributes(Map.of("n".repeat(65), "v"))));
  }

  @Test
  @DisplayName("at most 50 attributes")
  void tooManyAttributes() {
    Map<String, Object> fifty = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("a" + i, "v");
    }
    assertEquals(List.of(), CatalogItem.problems("i1", attributes(fifty)));
    fifty.put("a50", "v");
    assertEquals(List.of("attributes: at most 50 attributes, was 51"), CatalogItem.problems("i1", attributes(fifty)));
  }

  private static JsonObject attributes(Map<String, ?> attributes) {
    return new JsonObject().put("attributes", new JsonObject(new HashMap<>(attributes)));
  }

  @Test
  @DisplayName("searchText is title, brand and category joined by spaces, an absent one empty")
  void searchText() {
    Map<String, String> color = Map.of("color", "red");
    assertEquals("Velvet lipstick Acme lips", new CatalogItem("i1", "Velvet lipstick", "Acme", "lips", null, true, color).searchText());
    assertEquals("Velvet lipstick  lips", new CatalogItem("i1", "Velvet lipstick", null, "lips", null, true, color).searchText());
    assertEquals(" Acme ", new CatalogItem("i1", null, "Acme", null, null, true, color).searchText());
    assertEquals("  ", new CatalogItem("i1", null, null, null, null, true, null).searchText());
  }

  @Test
  @DisplayName("embeddingText is title, brand, category and the attribute values in name order, absent parts left out")
  void embeddingText() {
    Map<String, String> attributes = Map.of("size", "M", "color", "red");
    assertEquals("Velvet lipstick Acme lips red M",
        new CatalogItem("i1", "Velvet lipstick", "Acme", "lips", null, true, attributes).embeddingText());
    assertEquals("Velvet lipstick red M", new CatalogItem("i1", "Velvet lipstick", null, null, null, true, attributes).embeddingText());
    assertEquals("Acme", new CatalogItem("i1", null, "Acme", null, null, true, null).embeddingText());
    assertEquals("", new CatalogItem("i1", null, null, null, null, true, null).embeddingText());
  }
}
