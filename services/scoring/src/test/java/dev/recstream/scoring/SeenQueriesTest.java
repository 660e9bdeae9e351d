package dev.recstream.scoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SeenQueries: which queries were asked before")
class SeenQueriesTest {

  @Test
  @DisplayName("a query is new the first time and asked before from then on")
  void secondComing() {
    SeenQueries seen = new SeenQueries();
    assertFalse(seen.askedBefore("red lipstick"));
    assertTrue(seen.askedBefore("red lipstick"));
    assertTrue(seen.askedBefore("red lipstick"));
    assertFalse(seen.askedBefore("red lipstick matte"));
  }

  @Test
  @DisplayName("two queries sharing a bucket are both remembered; a third forgets the one asked least recently")
  void bucketOfTwo() {
    SeenQueries seen = new SeenQueries(1); // one bucket: every query shares it
    assertFalse(seen.askedBefore("shampoo"));
    assertFalse(seen.askedBefore("conditioner"));
    assertTrue(seen.askedBefore("shampoo"));
    assertTrue(seen.askedBefore("conditioner"));

    assertTrue(seen.askedBefore("shampoo")); // now the more recent of the two
    assertFalse(seen.askedBefore("hair oil"));
    assertFalse(seen.askedBefore("conditioner"), "pushed out by the third");
    assertTrue(seen.askedBefore("hair oil"));
  }

  @Test
  @DisplayName("a bucket count that is not a power of two is refused")
  void powerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new SeenQueries(3));
    assertThrows(IllegalArgumentException.class, () -> new SeenQueries(0));
  }
}
