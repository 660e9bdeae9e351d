package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** The model registry, newest registration first. */
public record ModelList(List<ModelEntry> models) {
  public static final Wire<ModelList> WIRE = Wire.copied(ModelList.class, ModelList::toJson, ModelList::fromJson);

  public ModelList {
    models = List.copyOf(models);
  }

  /** The active entry, if any. */
  public Optional<ModelEntry> active() {
    return ModelEntry.active(models);
  }

  public JsonObject toJson() {
    return new JsonObject().put("models", new JsonArray(models.stream().map(ModelEntry::toJson).toList()));
  }

  public static ModelList fromJson(JsonObject json) {
    return new ModelList(json.getJsonArray("models").stream().map(o -> ModelEntry.fromJson((JsonObject) o)).toList());
  }
}
