package dev.recstream.bench.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.bench.search.QueryMix.Query;
import dev.recstream.bench.search.QueryMix.QueryKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The search query mix")
class QueryMixTest {
  private static final int DRAWS = 100_000;

  private static QueryMix mix(long seed) {
    return new QueryMix(BeautyCatalog.generate(12_000, 42), seed);
  }

  @Test
  @DisplayName("builds 2,000 distinct queries of one to three parts, shortest first")
  void vocabulary() {
    List<String> vocabulary = mix(1).vocabulary();
    assertEquals(QueryMix.VOCABULARY_SIZE, vocabulary.size());
    assertEquals(vocabulary.size(), new HashSet<>(vocabulary).size());
    assertTrue(vocabulary.contains("lipstick") && vocabulary.contains("shampoo"), "kinds alone are queries");
    assertTrue(vocabulary.stream().anyMatch(q -> q.endsWith(" lipstick") && q.split(" ").length == 2));
    assertTrue(vocabulary.get(0).split(" ").length <= vocabulary.get(vocabulary.size() - 1).split(" ").length);
  }

  @Test
  @DisplayName("asks the same queries in the same order for the same seed")
  void deterministic() {
    QueryMix a = mix(3);
    QueryMix b = mix(3);
    for (int i = 0; i < 1_000; i++) {
      assertEquals(a.next(), b.next());
    }
  }

  @Test
  @DisplayName("has 5 % typos and 10 % unique long-tail queries; the rest repeat the vocabulary")
  void shares() {
    QueryMix mix = mix(5);
    Set<String> vocabulary = Set.copyOf(mix.vocabulary());
    Map<QueryKind, List<String>> byKind = new EnumMap<>(QueryKind.class);
    for (int i = 0; i < DRAWS; i++) {
      Query q = mix.next();
      byKind.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(q.text());
    }
    assertEquals(QueryMix.TYPO_SHARE, byKind.get(QueryKind.TYPO).size() / (double) DRAWS, 0.005);
    assertEquals(QueryMix.LONG_TAIL_SHARE, byKind.get(QueryKind.LONG_TAIL).size() / (double) DRAWS, 0.005);
    assertTrue(vocabulary.containsAll(byKind.get(QueryKind.VOCABULARY)));
    List<String> longTail = byKind.get(QueryKind.LONG_TAIL);
    assertEquals(longTail.size(), new HashSet<>(longTail).size(), "a long-tail query repeated");
    assertTrue(longTail.stream().noneMatch(vocabulary::contains));
    for (String typo : byKind.get(QueryKind.TYPO).subList(0, 500)) {
      assertFalse(vocabulary.contains(typo), typo);
      assertTrue(vocabulary.stream().anyMatch(v -> oneTypoApart(v, typo)), typo);
    }
  }

  @Test
  @DisplayName("names a user with history in 70 % of the requests")
  void users() {
    SearchRequests requests = new SearchRequests(mix(9), List.of("u1", "u2", "u3"), 11);
    int withUser = 0;
    for (int i = 0; i < DRAWS; i++) {
      withUser += requests.next().userId() == null ? 0 : 1;
    }
    assertEquals(SearchRequests.WITH_USER_SHARE, withUser / (double) DRAWS, 0.005);
    assertEquals("http://h/v1/search?q=red%20lipstick%20%26%20more&userId=u%2F1&k=10",
        new SearchRequests.SearchRequest("red lipstick & more", QueryKind.VOCABULARY, "u/1").url("http://h", 10));
  }

  /** {@code typo} is {@code source} with one letter dropped or two neighbours swapped. */
  private static boolean oneTypoApart(String source, String typo) {
    if (typo.length() == source.length() - 1) {
      for (int i = 0; i < source.length(); i++) {
        if ((source.substring(0, i) + source.substring(i + 1)).equals(typo)) {
          return true;
        }
      }
      return false;
    }
    if (typo.length() != source.length()) {
      return false;
    }
    int first = -1;
    for (int i = 0; i < source.length() && first < 0; i++) {
      first = source.charAt(i) != typo.charAt(i) ? i : -1;
    }
    return first >= 0 && first + 1 < source.length() && source.charAt(first) == typo.charAt(first + 1)
        && source.charAt(first + 1) == typo.charAt(first) && source.substring(first + 2).equals(typo.substring(first + 2));
  }
}
