package dev.recstream.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ItemCatalog keeps the metadata the rules read")
class ItemCatalogTest {
  private final ItemCatalog catalog = new ItemCatalog();

  @Test
  @DisplayName("an unknown item is available and has no category")
  void unknownItem() {
    assertTrue(catalog.isAvailable("nope"));
    assertNull(catalog.category("nope"));
    assertEquals(0, catalog.size());
  }

  @Test
  @DisplayName("put stores category and availability, and a second put replaces them")
  void putAndReplace() {
    catalog.put("a", "shoes", false);
    assertEquals("shoes", catalog.category("a"));
    assertFalse(catalog.isAvailable("a"));

    catalog.put("a", null, true);
    assertNull(catalog.category("a"));
    assertTrue(catalog.isAvailable("a"));
    assertEquals(1, catalog.size());
  }

  @Test
  @DisplayName("remove makes an item unknown again")
  void remove() {
    catalog.put("a", "shoes", false);
    catalog.put("b", "hats", true);
    catalog.remove("a");
    catalog.remove("never-there");

    assertTrue(catalog.isAvailable("a"));
    assertNull(catalog.category("a"));
    assertEquals(1, catalog.size());
  }

  @Test
  @DisplayName("concurrent writers lose no update")
  void concurrentPuts() throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      Thread writer = new Thread(() -> {
        for (int i = 0; i < 1_000; i++) {
          catalog.put("t" + thread + "-" + i, "c" + (i % 7), i % 2 == 0);
          catalog.isAvailable("t0-" + i);
        }
      });
      writer.start();
      threads.add(writer);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(8_000, catalog.size());
    assertFalse(catalog.isAvailable("t3-1"));
    assertEquals("c5", catalog.category("t7-5"));
  }
}
