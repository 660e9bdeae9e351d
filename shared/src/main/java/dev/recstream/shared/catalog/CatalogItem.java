package dev.recstream.shared.catalog;

import dev.recstream.shared.bus.Wire;
import dev.recstream.shared.event.TextRules;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Catalog metadata of one item ({@code PUT /v1/items/{itemId}}). Business rules read {@code
 * category} and {@code available}; search indexes the text — title, brand, category and the
 * attributes' values — and never returns an unavailable item; price is kept for clients.
 *
 * @param brand null when unknown
 * @param category null when the item has none (then it is not capped per category)
 * @param price null when unknown
 * @param available false keeps the item out of every recommendation and search result
 * @param attributes free text attributes such as {@code {"color": "red"}}; empty when none
 */
public record CatalogItem(String itemId, String title, String brand, String category, Double price, boolean available,
    Map<String, String> attributes) {
  public static final Wire<CatalogItem> WIRE = Wire.shared(CatalogItem.class, CatalogItem::toJson, CatalogItem::fromJson);

  static final int MAX_ID = 128;
  static final int MAX_TITLE = 1_000;
  static final int MAX_CATEGORY = 256;
  static final int MAX_BRAND = 256;
  static final int MAX_ATTRIBUTES = 50;
  static final int MAX_ATTRIBUTE_NAME = 64;
  static final int MAX_ATTRIBUTE_VALUE = 256;
  private static final Set<String> FIELDS = Set.of("title", "brand", "category", "price", "available", "attributes");

  public CatalogItem {
    attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** An item without brand or attributes. */
  public CatalogItem(String itemId, String title, String category, Double price, boolean available) {
    this(itemId, title, null, category, price, available, Map.of());
  }

  /**
   * The text search matches typos against: title, brand and category, each absent one empty, joined
   * by spaces — the same string as the {@code items.search_text} column PostgreSQL generates.
   */
  public String searchText() {
    return orEmpty(title) + " " + orEmpty(brand) + " " + orEmpty(category);
  }

  /**
   * What the item's vector is computed from: title, brand, category and the attributes' values, in
   * that order, the absent ones left out.
   */
  public String embeddingText() {
    StringJoiner text = new StringJoiner(" ");
    for (String part : new String[] {title, brand, category}) {
      if (part != null) {
        text.add(part);
      }
    }
    attributes.values().forEach(text::add);
    return text.toString();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("itemId", itemId)
        .put("title", title)
        .put("brand", brand)
        .put("category", category)
        .put("price", price)
        .put("available", available);
    return attributes.isEmpty() ? json : json.put("attributes", new JsonObject(new LinkedHashMap<>(attributes)));
  }

  public static CatalogItem fromJson(JsonObject json) {
    return new CatalogItem(json.getString("itemId"), json.getString("title"), json.getString("brand"), json.getString("category"),
        json.getDouble("price"), json.getBoolean("available", true), attributesOf(json.getJsonObject("attributes")));
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
        problems.add(field + ": is not a catalog field (allowed: title, brand, category, price, available, attributes)");
      }
    }
    text(body, "title", MAX_TITLE, problems);
    text(body, "brand", MAX_BRAND, problems);
    text(body, "category", MAX_CATEGORY, problems);
    attributeProblems(body.getValue("attributes"), problems);
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
    return new CatalogItem(itemId, body.getString("title"), body.getString("brand"), body.getString("category"),
        price == null ? null : price.doubleValue(), body.getBoolean("available", true), attributesOf(body.getJsonObject("attributes")));
  }

  private static void attributeProblems(Object value, List<String> problems) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject attributes)) {
      problems.add("attributes: must be an object of text values, e.g. {\"color\": \"red\"}");
      return;
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      problems.add("attributes: at most " + MAX_ATTRIBUTES + " attributes, was " + attributes.size());
      return;
    }
    for (String name : attributes.fieldNames()) {
      if (name.isEmpty() || TextRules.codePoints(name) > MAX_ATTRIBUTE_NAME || TextRules.hasControl(name)
          || TextRules.unstorable(name) != null) {
        problems.add("attributes: names must be 1 to " + MAX_ATTRIBUTE_NAME + " characters without control characters");
      } else {
        text(attributes, name, MAX_ATTRIBUTE_VALUE, problems, "attributes." + name);
      }
    }
  }

  private static Map<String, String> attributesOf(JsonObject json) {
    if (json == null) {
      return Map.of();
    }
    Map<String, String> attributes = new TreeMap<>();
    json.forEach(e -> {
      if (e.getValue() != null) {
        attributes.put(e.getKey(), (String) e.getValue());
      }
    });
    return attributes;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static void text(JsonObject body, String field, int max, List<String> problems) {
    text(body, field, max, problems, field);
  }

  private static void text(JsonObject body, String key, int max, List<String> problems, String field) {
    Object value = body.getValue(key);
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
