package dev.recstream.shared.bus;

import dev.recstream.shared.catalog.CatalogItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A page, by item id, of the catalog with each item's stored vector: what a scoring node's search
 * index loads at start. An item whose vector is missing or was made by another model comes with a
 * null vector, for the node to compute and {@link Put store}. Vectors travel as base64 of
 * little-endian floats.
 */
public record ItemVectors(List<Entry> items) {
  public static final Wire<ItemVectors> WIRE = Wire.shared(ItemVectors.class, ItemVectors::toJson, ItemVectors::fromJson);

  /** @param vector null when it is still to be computed; never changed once made */
  public record Entry(CatalogItem item, float[] vector) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && item.equals(e.item) && Arrays.equals(vector, e.vector);
    }

    @Override
    public int hashCode() {
      return 31 * item.hashCode() + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
      return "Entry[item=" + item + ", vector=" + (vector == null ? null : vector.length + " dimensions") + "]";
    }
  }

  /** Up to {@code limit} items whose id sorts after {@code after}, with vectors made by {@code model}. */
  public record Query(String after, int limit, String model) {
    public static final Wire<Query> WIRE = Wire.shared(Query.class, Query::toJson, Query::fromJson);

    public JsonObject toJson() {
      return new JsonObject().put("after", after).put("limit", limit).put("model", model);
    }

    public static Query fromJson(JsonObject json) {
      return new Query(json.getString("after", ""), json.getInteger("limit"), json.getString("model"));
    }
  }

  /**
   * A vector computed from {@code item}'s text; the store keeps it only while the stored item still
   * has that text (a newer update clears it for recomputing).
   */
  public record Put(CatalogItem item, String model, float[] vector) {
    public static final Wire<Put> WIRE = Wire.shared(Put.class, Put::toJson, Put::fromJson);

    @Override
    public boolean equals(Object o) {
      return o instanceof Put p && item.equals(p.item) && model.equals(p.model) && Arrays.equals(vector, p.vector);
    }

    @Override
    public int hashCode() {
      return Objects.hash(item, model, Arrays.hashCode(vector));
    }

    @Override
    public String toString() {
      return "Put[item=" + item.itemId() + ", model=" + model + ", vector=" + vector.length + " dimensions]";
    }

    public JsonObject toJson() {
      return new JsonObject().put("item", item.toJson()).put("model", model).put("vector", encode(vector));
    }

    public static Put fromJson(JsonObject json) {
      return new Put(CatalogItem.fromJson(json.getJsonObject("item")), json.getString("model"), decode(json.getString("vector")));
    }
  }

  public ItemVectors {
    items = List.copyOf(items);
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    items.forEach(e -> array.add(new JsonObject().put("item", e.item().toJson()).put("vector", e.vector() == null ? null : encode(e.vector()))));
    return new JsonObject().put("items", array);
  }

  public static ItemVectors fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("items");
    List<Entry> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject e = array.getJsonObject(i);
      String vector = e.getString("vector");
      items.add(new Entry(CatalogItem.fromJson(e.getJsonObject("item")), vector == null ? null : decode(vector)));
    }
    return new ItemVectors(items);
  }

  public static String encode(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  public static float[] decode(String base64) {
    ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
    float[] vector = new float[bytes.remaining() / Float.BYTES];
    bytes.asFloatBuffer().get(vector);
    return vector;
  }
}
