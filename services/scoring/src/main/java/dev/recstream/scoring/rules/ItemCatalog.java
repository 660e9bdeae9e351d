package dev.recstream.scoring.rules;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog metadata the business rules need, {@code itemId → (category, available)}, kept in
 * memory so filtering a list costs a map look-up per item, never a database round trip.
 *
 * <p>Thread-safe: catalog updates ({@code PUT /v1/items/{itemId}}) arrive on one thread while
 * lists are filtered on others. An item the catalog has never heard of is treated as available
 * and uncategorised: models learn items from behavior events before (or without) any catalog
 * entry, and hiding them would empty lists in a deployment that never sends catalog data.
 */
public final class ItemCatalog {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** One item's metadata; {@code category} is null when the item has none. */
  record Entry(String category, boolean available) {}

  /** Adds or replaces the metadata of {@code itemId}; {@code category} may be null. */
  public void put(String itemId, String category, boolean available) {
    entries.put(Objects.requireNonNull(itemId, "itemId"), new Entry(category, available));
  }

  /** Forgets {@code itemId}, which then counts as unknown (available, uncategorised). */
  public void remove(String itemId) {
    entries.remove(itemId);
  }

  /** The item's category, or null when it has none or is unknown. */
  public String category(String itemId) {
    Entry entry = entries.get(itemId);
    return entry == null ? null : entry.category();
  }

  /** Whether the item may be recommended; unknown items are available. */
  public boolean isAvailable(String itemId) {
    Entry entry = entries.get(itemId);
    return entry == null || entry.available();
  }

  /** How many items have metadata. */
  public int size() {
    return entries.size();
  }
}
