package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/** A model package directory that the scoring nodes can read, to register. */
public record PackagePath(String path) {
  public static final Wire<PackagePath> WIRE = Wire.shared(PackagePath.class, PackagePath::toJson, PackagePath::fromJson);

  public JsonObject toJson() {
    return new JsonObject().put("path", path);
  }

  public static PackagePath fromJson(JsonObject json) {
    return new PackagePath(json.getString("path"));
  }
}
