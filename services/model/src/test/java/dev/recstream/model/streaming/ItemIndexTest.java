package dev.recstream.model.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ItemIndex")
class ItemIndexTest {
  private final ItemIndex index = new ItemIndex();

  @Test
  @DisplayName("hands out dense ids in first-seen order and keeps them")
  void denseStableIds() {
    for (int i = 0; i < 1_000; i++) {
      assertEquals(i, index.intern("item-" + i));
    }
    assertEquals(17, index.intern("item-17"));
    assertEquals(1_000, index.size());
    assertEquals("item-999", index.name(999));
  }

  @Test
  @DisplayName("looking an item up never adds it")
  void lookUpDoesNotAdd() {
    index.intern("a");

    assertEquals(ItemIndex.UNKNOWN, index.idOf("b"));
    assertEquals(0, index.idOf("a"));
    assertEquals(1, index.size());
  }

  @Test
  @DisplayName("compares ids by their item ids' String order, not by id")
  void comparesByName() {
    int b = index.intern("b");
    int a = index.intern("a");

    assertTrue(index.compareNames(a, b) < 0);
    assertTrue(index.compareNames(b, a) > 0);
    assertEquals(0, index.compareNames(a, a));
  }
}
