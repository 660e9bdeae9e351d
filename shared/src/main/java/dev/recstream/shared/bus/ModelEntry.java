package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * A model version in the registry: what {@code GET /v1/models} lists and what scoring nodes open.
 *
 * @param version the label responses carry in {@code model}, e.g. {@code two-stage-20261123120000}
 * @param kind the package kind ({@code two-stage}, {@code sequence-onnx}) or {@code streaming}
 * @param path the package directory; null for the built-in streaming model
 * @param created when the package was made (ISO-8601), null when unknown
 * @param registeredAt when the registry first saw it (ISO-8601), null before it is stored
 * @param metrics offline metrics from the package
 * @param training training data summary from the package
 * @param status {@code registered}, {@code active}, {@code retired} or {@code rejected}; null in a
 *     registration keeps the stored status
 * @param note why it has that status, e.g. a retrain's verdict; may be null
 * @param activatedAt when it last became active, null if never
 */
public record ModelEntry(
    String version,
    String kind,
    String path,
    String created,
    String registeredAt,
    JsonObject metrics,
    JsonObject training,
    String status,
    String note,
    String activatedAt) {

  public static final String STREAMING_KIND = "streaming";

  /** Copied within a JVM: {@code metrics} and {@code training} are mutable JSON. */
  public static final Wire<ModelEntry> WIRE = Wire.copied(ModelEntry.class, ModelEntry::toJson, ModelEntry::fromJson);

  public ModelEntry {
    metrics = metrics == null ? new JsonObject() : metrics;
    training = training == null ? new JsonObject() : training;
  }

  /** A registration of what a package's {@code model.json} says. */
  public static ModelEntry registration(String version, String kind, String path, String created, JsonObject metrics,
      JsonObject training, String status, String note) {
    return new ModelEntry(version, kind, path, created, null, metrics, training, status, note, null);
  }

  public boolean active() {
    return "active".equals(status);
  }

  public ModelEntry withStatus(String status, String note) {
    return new ModelEntry(version, kind, path, created, registeredAt, metrics, training, status, note, activatedAt);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("version", version)
        .put("kind", kind)
        .put("path", path)
        .put("created", created)
        .put("registeredAt", registeredAt)
        .put("metrics", metrics)
        .put("training", training)
        .put("status", status)
        .put("note", note)
        .put("activatedAt", activatedAt);
  }

  public static ModelEntry fromJson(JsonObject json) {
    return new ModelEntry(json.getString("version"), json.getString("kind"), json.getString("path"),
        json.getString("created"), json.getString("registeredAt"), json.getJsonObject("metrics"),
        json.getJsonObject("training"), json.getString("status"), json.getString("note"), json.getString("activatedAt"));
  }

  /** The active entry among {@code entries}, if any. */
  public static java.util.Optional<ModelEntry> active(java.util.List<ModelEntry> entries) {
    return entries.stream().filter(ModelEntry::active).findFirst();
  }
}
