package dev.recstream.model.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("TopK")
class TopKTest {

  private record Pair(String name, double score) {}

  private static List<String> ranked(TopK top, ItemIndex names) {
    int n = top.sortBestFirst();
    List<String> ranked = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ranked.add(names.name(top.id(i)));
    }
    return ranked;
  }

  @ParameterizedTest(name = "k = {0}")
  @ValueSource(ints = {1, 3, 10, 200, 1_000})
  @DisplayName("keeps the k best, higher score first and equal scores by name, whatever the offer order")
  void sameAsASort(int k) {
    Random random = new Random(k);
    List<Pair> pairs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      pairs.add(new Pair("item-" + random.nextInt(100_000) + "-" + i, random.nextInt(20))); // many ties
    }
    List<String> expected = pairs.stream()
        .sorted(Comparator.comparingDouble(Pair::score).reversed().thenComparing(Pair::name))
        .limit(k).map(Pair::name).toList();
    // Ids in an order unrelated to the names, so a tie-break by id would show.
    ItemIndex names = new ItemIndex();
    Collections.shuffle(pairs, random);
    pairs.forEach(p -> names.intern(p.name()));
    Collections.shuffle(pairs, random);
    TopK top = new TopK(k, names);
    pairs.forEach(p -> top.offer(names.idOf(p.name()), p.score()));

    assertEquals(expected, ranked(top, names));
  }

  @Test
  @DisplayName("keeps nothing for k of 0 or less")
  void nonPositiveK() {
    ItemIndex names = new ItemIndex();
    for (int k : new int[] {0, -1}) {
      TopK top = new TopK(k, names);
      top.offer(names.intern("a"), 1.0);
      assertEquals(List.of(), ranked(top, names));
    }
  }

  @Test
  @DisplayName("returns the scores with their items")
  void scoresFollowTheirItems() {
    ItemIndex names = new ItemIndex();
    TopK top = new TopK(2, names);
    top.offer(names.intern("a"), 0.5);
    top.offer(names.intern("b"), 2.0);
    top.offer(names.intern("c"), 1.0);

    assertEquals(2, top.sortBestFirst());
    assertEquals("b", names.name(top.id(0)));
    assertEquals(2.0, top.score(0));
    assertEquals("c", names.name(top.id(1)));
    assertEquals(1.0, top.score(1));
  }
}
