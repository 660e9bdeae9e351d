package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Attribute affinity with an attribute listed twice (as in Beauty's item2attributes.json)")
class AttributeDuplicatesTest {

  @Test
  @DisplayName("counts the attribute once: shares stay within 0..1 and identical sets have Jaccard 1")
  void duplicatesCountOnce() {
    AttributeAffinity affinity = new AttributeAffinity(Map.of(1, new int[] {17, 17}, 2, new int[] {17}), 2);
    affinity.prepare(new int[] {1});
    assertEquals(1.0f, affinity.recentShare(1));
    assertEquals(1.0f, affinity.recentShare(2));
    assertEquals(1.0f, affinity.jaccardWithLast(2));
  }
}
