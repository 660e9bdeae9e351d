package dev.recstream.bench.search;

import java.util.List;

/**
 * The vocabulary of the synthetic beauty shop: product kinds with their category, the finishes and
 * benefits that describe them, the shades or scents they come in and their sizes, and invented
 * brand names. Titles and queries are both built from these words, so that queries match items
 * the way real shoppers' queries match a real catalog: by product kind, colour, finish and brand.
 */
final class BeautyWords {
  private BeautyWords() {}

  /** What a kind's items vary in beyond their finish: a colour, a skin tone, a scent, or nothing. */
  enum Variant {
    LIP("color", "red", "ruby red", "cherry red", "nude", "rose", "pink", "coral", "berry", "plum", "mauve",
        "burgundy", "peach", "fuchsia", "brick", "caramel"),
    EYE("color", "black", "brown", "espresso", "navy", "bronze", "gold", "taupe", "plum", "emerald", "charcoal"),
    BROW("color", "blonde", "taupe", "soft brown", "dark brown", "ebony"),
    SKIN("shade", "fair", "light", "light medium", "medium", "tan", "deep", "ivory", "beige", "sand", "honey",
        "caramel", "mocha"),
    CHEEK("color", "pink", "peach", "coral", "rose", "bronze", "champagne", "apricot", "berry"),
    NAIL("color", "red", "cherry red", "nude", "pink", "coral", "berry", "burgundy", "white", "black", "lavender",
        "mint", "glitter silver", "gold", "navy", "lilac"),
    SCENT("scent", "vanilla", "rose", "lavender", "citrus", "coconut", "jasmine", "sandalwood", "oud", "green tea",
        "cherry blossom", "amber", "fig"),
    NONE(null);

    /** The attribute name the variant is stored under ({@code color}, {@code shade}, {@code scent}), or null. */
    final String attribute;
    final List<String> values;

    Variant(String attribute, String... values) {
      this.attribute = attribute;
      this.values = List.of(values);
    }
  }

  /**
   * One product kind.
   *
   * @param name what shoppers call it, lower case ({@code "nail polish"})
   * @param category the catalog category
   * @param basePrice the price of a mid-range brand's item, in the shop's currency
   */
  record Kind(String name, String category, Variant variant, List<String> finishes, List<String> sizes,
      double basePrice) {}

  static final List<Kind> KINDS = List.of(
      kind("lipstick", "lips", Variant.LIP, 14, "matte, satin, creamy, long-wear, velvet, sheer, hydrating, metallic", "3.5 g, 4 g"),
      kind("liquid lipstick", "lips", Variant.LIP, 16, "matte, long-wear, transfer-proof, velvet", "5 ml, 6 ml"),
      kind("lip gloss", "lips", Variant.LIP, 12, "glossy, plumping, shimmer, sheer, non-sticky", "6 ml, 8 ml"),
      kind("lip liner", "lips", Variant.LIP, 9, "waterproof, creamy, precision, long-wear", "1.2 g"),
      kind("lip balm", "lips", Variant.SCENT, 6, "tinted, hydrating, spf 15, nourishing", "4.8 g"),
      kind("mascara", "eyes", Variant.EYE, 13, "volumizing, lengthening, waterproof, curling, smudge-proof", "8 ml, 10 ml"),
      kind("eyeliner", "eyes", Variant.EYE, 11, "liquid, gel, waterproof, smudge-proof, matte, felt-tip", "1 ml, 1.2 g"),
      kind("eyeshadow palette", "eyes", Variant.EYE, 29, "matte, shimmer, neutral, smoky, 12-shade", "10 g, 14 g"),
      kind("brow pencil", "eyes", Variant.BROW, 10, "precision, waterproof, micro, long-wear", "0.1 g"),
      kind("foundation", "face", Variant.SKIN, 24, "matte, dewy, full-coverage, lightweight, long-wear, oil-free, liquid", "30 ml"),
      kind("concealer", "face", Variant.SKIN, 15, "full-coverage, brightening, creamy, liquid, hydrating", "6 ml, 8 ml"),
      kind("setting powder", "face", Variant.SKIN, 18, "translucent, loose, pressed, matte", "10 g"),
      kind("blush", "face", Variant.CHEEK, 13, "powder, cream, matte, shimmer, liquid", "5 g"),
      kind("bronzer", "face", Variant.CHEEK, 16, "matte, sun-kissed, cream, powder", "8 g"),
      kind("highlighter", "face", Variant.CHEEK, 17, "liquid, powder, glow, shimmer", "8 g"),
      kind("primer", "face", Variant.NONE, 19, "pore-minimizing, hydrating, mattifying, gripping, illuminating", "30 ml"),
      kind("moisturizer", "skincare", Variant.NONE, 22, "hydrating, oil-free, rich, lightweight, spf 30, fragrance-free, gel", "50 ml, 75 ml"),
      kind("face serum", "skincare", Variant.NONE, 28, "vitamin c, hyaluronic acid, niacinamide, retinol, brightening, anti-aging, peptide", "30 ml"),
      kind("cleanser", "skincare", Variant.NONE, 12, "gentle, foaming, cream, oil, clarifying, salicylic acid", "150 ml, 200 ml"),
      kind("toner", "skincare", Variant.NONE, 14, "hydrating, exfoliating, glycolic acid, rose, alcohol-free", "200 ml"),
      kind("face mask", "skincare", Variant.NONE, 15, "sheet, clay, overnight, hydrating, charcoal, peel-off", "75 ml"),
      kind("eye cream", "skincare", Variant.NONE, 26, "brightening, anti-aging, caffeine, depuffing", "15 ml"),
      kind("sunscreen", "skincare", Variant.NONE, 17, "spf 30, spf 50, mineral, tinted, water-resistant", "50 ml, 100 ml"),
      kind("exfoliator", "skincare", Variant.NONE, 16, "gentle, enzyme, aha bha, sugar", "75 ml"),
      kind("night cream", "skincare", Variant.NONE, 27, "retinol, repairing, rich, firming", "50 ml"),
      kind("face oil", "skincare", Variant.NONE, 24, "rosehip, squalane, argan, nourishing", "30 ml"),
      kind("micellar water", "skincare", Variant.NONE, 9, "gentle, hydrating, oil-infused", "400 ml"),
      kind("shampoo", "haircare", Variant.NONE, 11, "sulfate-free, color-safe, clarifying, volumizing, moisturizing, anti-dandruff, repairing, curl", "250 ml, 500 ml, 1 l"),
      kind("conditioner", "haircare", Variant.NONE, 11, "sulfate-free, color-safe, volumizing, moisturizing, repairing, curl", "250 ml, 500 ml"),
      kind("hair mask", "haircare", Variant.NONE, 18, "repairing, deep conditioning, keratin, argan", "200 ml"),
      kind("hair oil", "haircare", Variant.NONE, 16, "argan, lightweight, nourishing, anti-frizz", "100 ml"),
      kind("dry shampoo", "haircare", Variant.NONE, 10, "volumizing, invisible, tinted", "200 ml"),
      kind("hair spray", "haircare", Variant.NONE, 9, "strong hold, flexible hold, shine", "300 ml"),
      kind("leave-in conditioner", "haircare", Variant.NONE, 14, "detangling, heat protect, curl", "150 ml"),
      kind("curl cream", "haircare", Variant.NONE, 13, "defining, anti-frizz, lightweight", "200 ml"),
      kind("nail polish", "nails", Variant.NAIL, 8, "glossy, gel-effect, quick-dry, long-wear, matte, glitter", "10 ml, 15 ml"),
      kind("top coat", "nails", Variant.NONE, 8, "quick-dry, glossy, matte, gel-effect", "12 ml"),
      kind("base coat", "nails", Variant.NONE, 8, "strengthening, ridge-filling, protective", "12 ml"),
      kind("nail polish remover", "nails", Variant.NONE, 6, "acetone-free, gentle, nourishing", "200 ml"),
      kind("cuticle oil", "nails", Variant.SCENT, 9, "nourishing, vitamin e", "10 ml"),
      kind("eau de parfum", "fragrance", Variant.SCENT, 65, "floral, woody, fresh, oriental, intense", "30 ml, 50 ml, 100 ml"),
      kind("eau de toilette", "fragrance", Variant.SCENT, 45, "floral, fresh, citrus, light", "50 ml, 100 ml"),
      kind("body mist", "fragrance", Variant.SCENT, 14, "fresh, sweet, light", "250 ml"),
      kind("body lotion", "bath & body", Variant.SCENT, 12, "hydrating, firming, shea butter, nourishing", "250 ml, 400 ml"),
      kind("shower gel", "bath & body", Variant.SCENT, 7, "gentle, energizing, creamy", "500 ml"),
      kind("body scrub", "bath & body", Variant.SCENT, 14, "sugar, salt, coffee, exfoliating", "300 g"),
      kind("hand cream", "bath & body", Variant.SCENT, 8, "intensive, nourishing, non-greasy", "75 ml"),
      kind("makeup brush", "tools", Variant.NONE, 15, "foundation, blending, powder, kabuki, vegan", "1 piece, set of 12"),
      kind("beauty sponge", "tools", Variant.NONE, 8, "latex-free, blending, reusable", "1 piece, 2 pack"),
      kind("eyelash curler", "tools", Variant.NONE, 12, "precision, heated, classic", "1 piece"),
      kind("hair brush", "tools", Variant.NONE, 14, "paddle, detangling, boar bristle, round", "1 piece"));

  /** Invented names, so that no real trademark is benchmarked. */
  static final List<String> BRANDS = List.of(
      "Lumière Lab", "Velvet & Co", "Nordic Bloom", "Aurora Botanics", "Petal Theory", "Maison Clé", "Sunday Ritual",
      "Glasshouse Beauty", "Kindred Skin", "Ivy & Oak", "Noor Cosmetics", "Blush Atelier", "Pure Origin",
      "Moonlit", "Saltwater Studio", "Hanami", "Coral Coast", "Amber Fields", "Silk Route Beauty", "Vireo",
      "Fern & Fable", "Rouge Republic", "Daybreak", "Cloud Nine Care", "Opaline", "Wild Orchid", "Terra Nova Skin",
      "Little Luxe", "Evermore", "Bare Canvas", "Soleil Nu", "Marigold & Mint", "Crystal Creek", "Urban Petals",
      "Halo Haircare", "Gilded Grove", "Ocean Mist", "Rosewater & Co", "Alba Pura", "Kinetic Beauty");

  /** Product lines some titles name between brand and kind. */
  static final List<String> LINES = List.of("Pro", "Studio", "Everyday", "Glow", "Pure", "Daily", "Ultra", "Signature",
      "Essentials", "Professional", "Sensitive", "Intense");

  /** What long, specific queries add at the end: a need, a format, a price. */
  static final List<String> NEEDS = List.of("for dry skin", "for oily skin", "for sensitive skin", "for mature skin",
      "for curly hair", "for fine hair", "for colored hair", "travel size", "gift set", "refill", "vegan",
      "cruelty free", "under 20", "for men", "for teens", "value pack", "long lasting", "best seller", "for wedding",
      "for summer", "natural look", "dupe");

  private static Kind kind(String name, String category, Variant variant, double price, String finishes, String sizes) {
    return new Kind(name, category, variant, List.of(finishes.split(", ")), List.of(sizes.split(", ")), price);
  }
}
