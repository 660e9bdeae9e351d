package dev.recstream.shared.bus;

import dev.recstream.shared.catalog.CatalogItem;
import io.vertx.core.json.JsonObject;

/** A catalog item as stored, with when: the body of {@code PUT /v1/items/{id}}'s answer. */
public record StoredItem(CatalogItem item, String updatedAt) {
  public static final Wire<StoredItem> WIRE = Wire.shared(StoredItem.class, StoredItem::toJson, StoredItem::fromJson);

  public JsonObject toJson() {
    return item.toJson().put("updatedAt", updatedAt);
  }

  public static StoredItem fromJson(JsonObject json) {
    return new StoredItem(CatalogItem.fromJson(json), json.getString("updatedAt"));
  }
}
