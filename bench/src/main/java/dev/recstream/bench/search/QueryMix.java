package dev.recstream.bench.search;

import dev.recstream.bench.load.Zipf;
import dev.recstream.bench.search.BeautyCatalog.Product;
import dev.recstream.bench.search.BeautyWords.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The queries shoppers type, seeded: most are drawn with Zipf(1.0) popularity from a vocabulary of
 * {@value #VOCABULARY_SIZE} queries of one to three parts built from the catalog's own words
 * ({@code "shampoo"}, {@code "red lipstick"}, {@code "matte liquid eyeliner"}), shortest first, so
 * the head is short and the tail specific; {@value #TYPO_SHARE} of them carry one typo (a dropped
 * or swapped letter); and {@value #LONG_TAIL_SHARE} are long queries never asked before nor again,
 * so that a cache of query vectors cannot answer everything.
 *
 * <p>Not thread-safe: the sender thread owns it.
 */
final class QueryMix {
  static final int VOCABULARY_SIZE = 2_000;
  static final double TYPO_SHARE = 0.05;
  static final double LONG_TAIL_SHARE = 0.10;
  private static final int ATTEMPTS_PER_QUERY = 200;
  private static final int LONG_TAIL_REDRAWS = 20;

  /** Why a query was asked: how it relates to the vocabulary. */
  enum QueryKind {
    VOCABULARY("vocabulary"), TYPO("one typo"), LONG_TAIL("long tail (unique)");

    final String label;

    QueryKind(String label) {
      this.label = label;
    }
  }

  record Query(String text, QueryKind kind) {}

  private static final Map<String, Kind> KINDS = kindsByName();

  private final List<Product> catalog;
  private final Random random;
  private final List<String> vocabulary;
  private final Set<String> vocabularySet;
  private final Zipf popularity;
  private final Set<String> longTailAsked = new HashSet<>();
  private long longTailCount;

  QueryMix(List<Product> catalog, long seed) {
    if (catalog.isEmpty()) {
      throw new IllegalArgumentException("catalog: must hold at least one item");
    }
    this.catalog = catalog;
    this.random = new Random(seed);
    this.vocabulary = buildVocabulary();
    this.vocabularySet = Set.copyOf(vocabulary);
    this.popularity = new Zipf(vocabulary.size(), 1.0);
  }

  /** The repeated queries, most popular first. */
  List<String> vocabulary() {
    return vocabulary;
  }

  Query next() {
    double x = random.nextDouble();
    if (x < LONG_TAIL_SHARE) {
      return new Query(longTail(), QueryKind.LONG_TAIL);
    }
    if (x < LONG_TAIL_SHARE + TYPO_SHARE) {
      return new Query(typo(), QueryKind.TYPO);
    }
    return new Query(popular(), QueryKind.VOCABULARY);
  }

  /** A vocabulary query by popularity: what history's search events ask too. */
  String popular() {
    return vocabulary.get(popularity.next(random));
  }

  /** A query of one to three parts that finds {@code p}: its kind with its colour, finish or brand. */
  static String queryFor(Product p, int parts, Random random) {
    Kind kind = KINDS.get(p.kind());
    String brand = p.brand().toLowerCase(Locale.ROOT);
    return switch (parts) {
      case 1 -> switch (random.nextInt(10)) {
        case 0, 1 -> brand;
        case 2 -> p.finish();
        default -> p.kind();
      };
      case 2 -> switch (random.nextInt(3)) {
        case 0 -> p.variant() != null ? p.variant() + " " + p.kind() : p.finish() + " " + p.kind();
        case 1 -> p.finish() + " " + p.kind();
        default -> brand + " " + p.kind();
      };
      default -> switch (random.nextInt(3)) {
        case 0 -> p.variant() != null ? p.finish() + " " + p.variant() + " " + p.kind() : brand + " " + p.finish() + " " + p.kind();
        case 1 -> twoFinishes(kind, p.finish(), random) + " " + p.kind();
        default -> brand + " " + (p.variant() != null ? p.variant() : p.finish()) + " " + p.kind();
      };
    };
  }

  /** {@code "matte liquid"}: the item's finish and another of its kind's, or the finish alone. */
  private static String twoFinishes(Kind kind, String finish, Random random) {
    String other = kind.finishes().get(random.nextInt(kind.finishes().size()));
    return other.equals(finish) ? finish : finish + " " + other;
  }

  /**
   * Distinct queries for random items: one-part ones first, then two, then three, each group in the
   * order first drawn, so that the templates drawn most often (a kind alone) lead within a group.
   */
  private List<String> buildVocabulary() {
    List<Set<String>> byParts = List.of(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
    int size = 0;
    for (int attempt = 0; size < VOCABULARY_SIZE && attempt < VOCABULARY_SIZE * ATTEMPTS_PER_QUERY; attempt++) {
      int parts = 1 + random.nextInt(3);
      String q = queryFor(catalog.get(random.nextInt(catalog.size())), parts, random);
      if (byParts.stream().noneMatch(s -> s.contains(q)) && byParts.get(parts - 1).add(q)) {
        size++;
      }
    }
    List<String> ordered = new ArrayList<>(size);
    byParts.forEach(ordered::addAll);
    return List.copyOf(ordered);
  }

  /** A popular query with one letter dropped or two neighbours swapped; never a vocabulary query itself. */
  private String typo() {
    while (true) {
      String source = popular();
      String[] words = source.split(" ");
      int w = random.nextInt(words.length);
      String word = words[w];
      if (word.length() < 4 || !word.chars().allMatch(Character::isLetter)) {
        continue;
      }
      int at = 1 + random.nextInt(word.length() - 1);
      String changed = random.nextBoolean() || word.charAt(at - 1) == word.charAt(at)
          ? word.substring(0, at) + word.substring(at + 1)
          : word.substring(0, at - 1) + word.charAt(at) + word.charAt(at - 1) + word.substring(at + 1);
      words[w] = changed;
      String typo = String.join(" ", words);
      if (!vocabularySet.contains(typo)) {
        return typo;
      }
    }
  }

  /**
   * Three to five parts about a random item and a need ({@code "vegan matte ruby red lipstick for
   * dry skin"}), redrawn while it repeats anything asked; a counter settles the rare case where
   * redraws keep colliding, so that no long-tail query is ever asked twice.
   */
  private String longTail() {
    for (int i = 0; i < LONG_TAIL_REDRAWS; i++) {
      Product p = catalog.get(random.nextInt(catalog.size()));
      String need = BeautyWords.NEEDS.get(random.nextInt(BeautyWords.NEEDS.size()));
      String brand = p.brand().toLowerCase(Locale.ROOT);
      String q = queryFor(p, 2 + random.nextInt(2), random) + " " + need;
      if (random.nextBoolean() && !q.contains(brand)) {
        q = brand + " " + q;
      }
      if (!vocabularySet.contains(q) && longTailAsked.add(q)) {
        return q;
      }
    }
    String q = queryFor(catalog.get(random.nextInt(catalog.size())), 3, random) + " no " + (++longTailCount);
    longTailAsked.add(q);
    return q;
  }

  private static Map<String, Kind> kindsByName() {
    Map<String, Kind> byName = new HashMap<>();
    BeautyWords.KINDS.forEach(k -> byName.put(k.name(), k));
    return Map.copyOf(byName);
  }
}
