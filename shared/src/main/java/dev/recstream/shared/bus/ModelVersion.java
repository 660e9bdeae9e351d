package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Names a registered model version: to read, activate or serve it.
 *
 * @param note why, recorded in the registry on activation; null keeps the stored note
 */
public record ModelVersion(String version, String note) {
  public static final Wire<ModelVersion> WIRE = Wire.shared(ModelVersion.class, ModelVersion::toJson, ModelVersion::fromJson);

  public ModelVersion(String version) {
    this(version, null);
  }

  public JsonObject toJson() {
    return new JsonObject().put("version", version).put("note", note);
  }

  public static ModelVersion fromJson(JsonObject json) {
    return new ModelVersion(json.getString("version"), json.getString("note"));
  }
}
