package dev.recstream.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.bench.search.BeautyCatalog.Product;
import dev.recstream.bench.search.Histories.History;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The users' histories")
class HistoriesTest {
  @Test
  @DisplayName("give each user about 8 events on catalog items, a few of them searches with a query and no item")
  void histories() {
    List<Product> catalog = BeautyCatalog.generate(12_000, 42);
    Set<String> ids = catalog.stream().map(Product::itemId).collect(Collectors.toSet());
    History h = Histories.generate(catalog, 2_000, "run1", 43);
    assertEquals(2_000, h.userIds().size());
    assertEquals(8.0, h.events().size() / 2_000.0, 0.3);
    assertEquals(Histories.SEARCH_SHARE, h.searches() / (double) h.events().size(), 0.03);
    int searches = 0;
    for (JsonObject e : h.events()) {
      assertTrue(e.getString("userId").startsWith("search-run1-u"));
      if (e.getString("type").equals("search")) {
        searches++;
        assertNull(e.getValue("itemId"));
        assertNotNull(e.getString("query"));
      } else {
        assertTrue(ids.contains(e.getString("itemId")));
      }
    }
    assertEquals(h.searches(), searches);
    assertEquals(h, Histories.generate(catalog, 2_000, "run1", 43));
  }
}
