package dev.recstream.bench.search;

import dev.recstream.bench.search.BeautyWords.Kind;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic beauty shop's catalog, the same for the same seed and size: titles as e-commerce
 * writes them ({@code "Velvet & Co Matte Lipstick – Ruby Red, 3.5 g"}), built from {@link
 * BeautyWords}, with category, brand, price, attributes and {@value #UNAVAILABLE_SHARE} of the
 * items unavailable (exactly that share, rounded, chosen at random). Each item also keeps the
 * words it was built from, which {@link QueryMix} turns into the queries that find it.
 */
public final class BeautyCatalog {
  /** The share of items sold out: search must leave them out, so some must be there. */
  static final double UNAVAILABLE_SHARE = 0.03;
  private static final Set<String> UPPER_CASE = Set.of("spf", "aha", "bha");
  private static final double[] BRAND_TIER = {0.7, 1.0, 1.6};

  private BeautyCatalog() {}

  /**
   * One catalog item.
   *
   * @param kind the product kind's name ({@code "nail polish"}), one of {@link BeautyWords#KINDS}
   * @param finish the finish or benefit the title names first ({@code "matte"})
   * @param variant the colour, skin tone or scent, or null for kinds without one
   */
  public record Product(String itemId, String title, String category, String brand, double price, boolean available,
      Map<String, String> attributes, String kind, String finish, String variant) {

    /** The body of {@code PUT /v1/items/{itemId}}. */
    public JsonObject toJson() {
      return new JsonObject().put("title", title).put("category", category).put("brand", brand)
          .put("price", price).put("available", available).put("attributes", new JsonObject(new LinkedHashMap<>(attributes)));
    }
  }

  /** Items {@code beauty-0 … beauty-(n-1)}. */
  public static List<Product> generate(int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n: must be 1 or more, got " + n);
    }
    Random random = new Random(seed);
    boolean[] unavailable = unavailable(n, random);
    List<Product> products = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      products.add(product(i, !unavailable[i], random));
    }
    return List.copyOf(products);
  }

  /** The titles alone, e.g. to embed. */
  public static List<String> titles(int n, long seed) {
    return generate(n, seed).stream().map(Product::title).toList();
  }

  /** Exactly {@code round(n × share)} items, a seeded random choice. */
  private static boolean[] unavailable(int n, Random random) {
    int[] order = Histories.permutation(n, random);
    boolean[] out = new boolean[n];
    long count = Math.round(n * UNAVAILABLE_SHARE);
    for (int i = 0; i < count; i++) {
      out[order[i]] = true;
    }
    return out;
  }

  private static Product product(int i, boolean available, Random random) {
    Kind kind = pick(BeautyWords.KINDS, random);
    int brandIndex = random.nextInt(BeautyWords.BRANDS.size());
    String brand = BeautyWords.BRANDS.get(brandIndex);
    String finish = pick(kind.finishes(), random);
    String second = kind.finishes().size() > 1 && random.nextDouble() < 0.3 ? pick(kind.finishes(), random) : null;
    String variant = kind.variant().values.isEmpty() ? null : pick(kind.variant().values, random);
    int sizeIndex = random.nextInt(kind.sizes().size());
    String size = kind.sizes().get(sizeIndex);
    String line = random.nextDouble() < 0.4 ? pick(BeautyWords.LINES, random) : null;
    String finishes = second == null || second.equals(finish) ? finish : finish + " " + second;
    String title = title(random.nextInt(4), brand, line, finishes, kind.name(), variant, size);
    double price = price(kind.basePrice() * BRAND_TIER[brandIndex % BRAND_TIER.length] * (1 + 0.6 * sizeIndex)
        * (0.85 + 0.3 * random.nextDouble()));
    Map<String, String> attributes = new LinkedHashMap<>();
    if (variant != null) {
      attributes.put(kind.variant().attribute, variant);
    }
    attributes.put("finish", finish);
    attributes.put("size", size);
    return new Product("beauty-" + i, title, kind.category(), brand, price, available, Map.copyOf(attributes),
        kind.name(), finish, variant);
  }

  /** Four ways shops write a title; the variant part is left out when the kind has none. */
  private static String title(int template, String brand, String line, String finishes, String kind, String variant,
      String size) {
    String lined = line == null ? brand : brand + " " + line;
    String f = titleCase(finishes);
    String k = titleCase(kind);
    String v = variant == null ? null : titleCase(variant);
    return switch (template) {
      case 0 -> lined + " " + f + " " + k + (v == null ? "" : " – " + v) + ", " + size;
      case 1 -> lined + " " + f + " " + k + (v == null ? "" : " in " + v) + " (" + size + ")";
      case 2 -> f + " " + k + " by " + brand + (v == null ? "" : ", " + v) + ", " + size;
      default -> lined + " " + k + " " + size + (v == null ? "" : " " + v) + " – " + f;
    };
  }

  /** {@code "spf 30 long-wear"} → {@code "SPF 30 Long-Wear"}. */
  static String titleCase(String words) {
    StringBuilder out = new StringBuilder(words.length());
    for (String word : words.split(" ")) {
      if (out.length() > 0) {
        out.append(' ');
      }
      if (UPPER_CASE.contains(word)) {
        out.append(word.toUpperCase(Locale.ROOT));
        continue;
      }
      boolean start = true;
      for (char c : word.toCharArray()) {
        out.append(start ? Character.toUpperCase(c) : c);
        start = c == '-';
      }
    }
    return out.toString();
  }

  /** Shop prices: 12.99, 7.49. */
  private static double price(double raw) {
    double whole = Math.max(1, Math.floor(raw));
    return Math.round((whole + (raw - whole < 0.5 ? 0.49 : 0.99)) * 100) / 100.0;
  }

  private static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }
}
