package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An A/B experiment: users split between variants, each served by its own model version, so the
 * online metrics can say whether a new model does better than the old one.
 *
 * <p>A user's variant is a pure function of the experiment id and the user id ({@link #assign}):
 * every node, pushes and GETs alike, puts a user in the same variant, with no state to share.
 *
 * @param status {@code draft} (created), {@code running} (at most one at a time) or {@code stopped}
 * @param control the variant the others are compared with
 * @param createdAt ISO-8601; null before it is stored
 * @param startedAt ISO-8601; null until started
 * @param stoppedAt ISO-8601; null until stopped
 */
public record Experiment(
    String id,
    String name,
    String status,
    List<Variant> variants,
    String control,
    String createdAt,
    String startedAt,
    String stoppedAt) {

  public static final Wire<Experiment> WIRE = Wire.shared(Experiment.class, Experiment::toJson, Experiment::fromJson);
  public static final String DRAFT = "draft";
  public static final String RUNNING = "running";
  public static final String STOPPED = "stopped";
  /** Assignment resolution: a variant of weight w gets about w / Σw of 10,000 buckets. */
  public static final int BUCKETS = 10_000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final int MAX_VARIANTS = 10;

  /** One arm: its name, the model version that serves it, its share of users (relative weight). */
  public record Variant(String name, String model, double weight) {
    JsonObject toJson() {
      return new JsonObject().put("name", name).put("model", model).put("weight", weight);
    }
  }

  public Experiment {
    variants = List.copyOf(variants);
  }

  /** The same experiment in another status, with the time of the change. */
  public Experiment withStatus(String status, String at) {
    return new Experiment(id, name, status, variants, control,
        createdAt, RUNNING.equals(status) ? at : startedAt, STOPPED.equals(status) ? at : stoppedAt);
  }

  public boolean running() {
    return RUNNING.equals(status);
  }

  /** The variant named {@code name}, or null. */
  public Variant variant(String name) {
    return variants.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * The user's variant: the SHA-256 of {@code "<experiment id>:<user id>"} (UTF-8), its first 8
   * bytes as an unsigned number modulo {@link #BUCKETS}, mapped onto the variants in order by
   * their cumulative weights. Stable across nodes and restarts, independent between experiments,
   * and reproducible outside recstream (e.g. in SQL for an offline analysis).
   */
  public Variant assign(String userId) {
    int bucket = bucket(id, userId);
    double total = variants.stream().mapToDouble(Variant::weight).sum();
    double cumulative = 0;
    for (Variant v : variants) {
      cumulative += v.weight();
      if (bucket < cumulative / total * BUCKETS) {
        return v;
      }
    }
    return variants.get(variants.size() - 1);
  }

  /** The assignment bucket, 0 ≤ b < {@link #BUCKETS}, of a user in an experiment. */
  public static int bucket(String experimentId, String userId) {
    byte[] digest = sha256((experimentId + ":" + userId).getBytes(StandardCharsets.UTF_8));
    long first8 = 0;
    for (int i = 0; i < 8; i++) {
      first8 = (first8 << 8) | (digest[i] & 0xff);
    }
    return (int) Long.remainderUnsigned(first8, BUCKETS);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * A new experiment from a client's body {@code {"id", "name", "variants": [{"name", "model",
   * "weight"}], "control"}}, in status {@code draft}; every rule broken is named, as with events.
   * Whether the models exist is the store's check, not this one's.
   *
   * @throws IllegalArgumentException with every broken rule, separated by "; "
   */
  public static Experiment fromRequest(JsonObject body) {
    List<String> errors = new ArrayList<>();
    for (String key : body.fieldNames()) {
      if (!Set.of("id", "name", "variants", "control").contains(key)) {
        errors.add(key + ": unknown field");
      }
    }
    String id = text(body, "id", errors);
    if (id != null && !NAME.matcher(id).matches()) {
      errors.add("id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    Object rawName = body.getValue("name");
    if (rawName != null && !(rawName instanceof String)) {
      errors.add("name: must be a string");
    }
    String name = rawName instanceof String s ? s : id;
    List<Variant> variants = variants(body.getValue("variants"), errors);
    String control = body.getValue("control") == null && !variants.isEmpty() ? variants.get(0).name()
        : text(body, "control", errors);
    if (control != null && !variants.isEmpty() && variants.stream().noneMatch(v -> v.name().equals(control))) {
      errors.add("control: must name one of the variants");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
    return new Experiment(id, name, DRAFT, variants, control, null, null, null);
  }

  private static List<Variant> variants(Object raw, List<String> errors) {
    if (!(raw instanceof JsonArray array) || array.size() < 2 || array.size() > MAX_VARIANTS) {
      errors.add("variants: an array of 2 to " + MAX_VARIANTS + " variants");
      return List.of();
    }
    List<Variant> variants = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "variants[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject v)) {
        errors.add(at + ": must be an object {\"name\", \"model\", \"weight\"}");
        continue;
      }
      String name = text(v, "name", errors, at + ".name");
      if (name != null && !NAME.matcher(name).matches()) {
        errors.add(at + ".name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
      } else if (name != null && !names.add(name)) {
        errors.add(at + ".name: '" + name + "' is used twice");
      }
      String model = text(v, "model", errors, at + ".model");
      Object weight = v.getValue("weight", 1);
      if (!(weight instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
        errors.add(at + ".weight: a positive number");
      }
      for (String key : v.fieldNames()) {
        if (!Set.of("name", "model", "weight").contains(key)) {
          errors.add(at + "." + key + ": unknown field");
        }
      }
      if (weight instanceof Number n) {
        variants.add(new Variant(name, model, n.doubleValue()));
      }
    }
    return variants;
  }

  private static String text(JsonObject json, String key, List<String> errors) {
    return text(json, key, errors, key);
  }

  private static String text(JsonObject json, String key, List<String> errors, String field) {
    Object value = json.getValue(key);
    if (value == null) {
      errors.add(field + ": required");
      return null;
    }
    if (!(value instanceof String s) || s.isBlank() || s.length() > 128) {
      errors.add(field + ": a string of 1 to 128 characters");
      return null;
    }
    return s;
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    variants.forEach(v -> array.add(v.toJson()));
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("status", status)
        .put("variants", array)
        .put("control", control)
        .put("createdAt", createdAt)
        .put("startedAt", startedAt)
        .put("stoppedAt", stoppedAt);
  }

  public static Experiment fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("variants");
    List<Variant> variants = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject v = array.getJsonObject(i);
      variants.add(new Variant(v.getString("name"), v.getString("model"), v.getDouble("weight")));
    }
    return new Experiment(json.getString("id"), json.getString("name"), json.getString("status"), variants,
        json.getString("control"), json.getString("createdAt"), json.getString("startedAt"), json.getString("stoppedAt"));
  }
}
