package dev.recstream.shared.catalog;

import dev.recstream.shared.bus.Wire;
import dev.recstream.shared.event.TextRules;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Catalog metadata of one item ({@code PUT /v1/items/{itemId}}): what business rules read. Only
 * {@code category} and {@code available} change recommendations; title and price are kept for
 * clients and the dashboard.
 *
 * @param category null when the item has none (then it is not capped per category)
 * @param price null when unknown
 * @param available false keeps the item out of every recommendation
 */
public record CatalogItem(String itemId, String title, String category, Double price, boolean available) {
  public static final Wire<CatalogItem> WIRE = Wire.shared(CatalogItem.class, CatalogItem::toJson, CatalogItem::fromJson);


  static final int MAX_ID = 128;
  static final int MAX_TITLE = 1_000;
  static final int MAX_CATEGORY = 256;
  private static final Set<String> FIELDS = Set.of("title", "category", "price", "available");

  public JsonObject toJson() {
    return new JsonObject()
        .put("itemId", itemId)
        .put("title", title)
        .put("category", category)
        .put("price", price)
        .put("available", available);
  }

  public static CatalogItem fromJson(JsonObject json) {
    return new CatalogItem(json.getString("itemId"), json.getString("title"), json.getString("category"),
        json.getDouble("price"), json.getBoolean("available", true));
  }

  /**
   * Validates a request body for {@code itemId}: every problem as {@code "<field>: <rule>"};
   * empty when the item is valid. {@code available} defaults to true when absent.
   */
  public static List<String> problems(String itemId, JsonObject body) {
    List<String> problems = new ArrayList<>();
    if (itemId == null || itemId.isEmpty() || TextRules.codePoints(itemId) > MAX_ID || TextRules.hasControl(itemId)) {
      problems.add("itemId: must be 1 to " + MAX_ID + " characters without control characters");
    } else {
      unstorable("itemId", itemId, problems);
    }
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        problems.add(field + ": is not a catalog field (allowed: title, category, price, available)");
      }
    }
    text(body, "title", MAX_TITLE, problems);
    text(body, "category", MAX_CATEGORY, problems);
    Object price = body.getValue("price");
    if (price != null && !(price instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= 0)) {
      problems.add("price: must be a finite number ≥ 0");
    }
    Object available = body.getValue("available");
    if (available != null && !(available instanceof Boolean)) {
      problems.add("available: must be true or false");
    }
    return problems;
  }

  /** The item a valid body describes; call {@link #problems} first. */
  public static CatalogItem of(String itemId, JsonObject body) {
    Number price = (Number) body.getValue("price");
    return new CatalogItem(itemId, body.getString("title"), body.getString("category"),
        price == null ? null : price.doubleValue(), body.getBoolean("available", true));
  }

  private static void text(JsonObject body, String field, int max, List<String> problems) {
    Object value = body.getValue(field);
    if (value == null) {
      return;
    }
    if (!(value instanceof String s)) {
      problems.add(field + ": must be a string");
    } else if (s.isEmpty() || TextRules.codePoints(s) > max || TextRules.hasControl(s)) {
      problems.add(field + ": must be 1 to " + max + " characters without control characters");
    } else {
      unstorable(field, s, problems);
    }
  }

  private static void unstorable(String field, String text, List<String> problems) {
    String rule = TextRules.unstorable(text);
    if (rule != null) {
      problems.add(field + ": " + rule);
    }
  }
}
