package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.recstream.model.embed.EmbeddingOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SequenceDerivatives.Cache")
class SequenceDerivativesTest {
  private static final EmbeddingOptions OPTIONS = EmbeddingOptions.defaults().withDimension(4);

  private static List<int[]> chains() {
    List<int[]> sequences = new ArrayList<>();
    for (int u = 0; u < 50; u++) {
      int start = 1 + u % 20;
      sequences.add(new int[] {start, start + 1, start + 2, start + 3});
    }
    return sequences;
  }

  @Test
  @DisplayName("gives the held derivatives back for equal sequences (equal content, other arrays), and new ones otherwise")
  void reusesOnlyEqualContent() {
    SequenceDerivatives.Cache cache = new SequenceDerivatives.Cache();
    SequenceDerivatives first = cache.of(chains(), 30, OPTIONS);
    assertSame(first, cache.of(chains(), 30, OPTIONS));

    List<int[]> changed = chains();
    changed.get(7)[2] = 29;
    SequenceDerivatives other = cache.of(changed, 30, OPTIONS);
    assertNotSame(first, other);
    assertNotSame(other, cache.of(chains(), 31, OPTIONS), "another item count");
    assertNotSame(cache.of(chains(), 30, OPTIONS), cache.of(chains(), 30, OPTIONS.withDimension(5)), "other options");
  }

  @Test
  @DisplayName("fingerprints tell apart sequences that only differ in where one ends")
  void fingerprintsSeeLengths() {
    List<int[]> a = List.of(new int[] {1, 2}, new int[] {3});
    List<int[]> b = List.of(new int[] {1}, new int[] {2, 3});
    assertNotEquals(SequenceDerivatives.Cache.fingerprint(a, 3, OPTIONS), SequenceDerivatives.Cache.fingerprint(b, 3, OPTIONS));
  }
}
