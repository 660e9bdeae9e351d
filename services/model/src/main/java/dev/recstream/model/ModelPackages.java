package dev.recstream.model;

import dev.recstream.model.sequence.SequenceOnnxRecommender;
import dev.recstream.model.streaming.Recommender;
import dev.recstream.model.twostage.PackagedRecommender;
import dev.recstream.model.twostage.TwoStagePackage;
import dev.recstream.shared.bus.ModelEntry;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Model packages on disk (CONTRACT §6), whatever their kind: what a directory holds, and opening
 * one behind the {@link Recommender} seam. All methods block (file reads, ONNX Runtime): call them
 * on a worker.
 */
public final class ModelPackages {
  public static final String METADATA = TwoStagePackage.METADATA;

  private ModelPackages() {}

  /**
   * The registry entry of the package in {@code dir}; its version label is {@code <kind>-<version>},
   * the label scoring answers carry.
   *
   * @throws IOException naming the file and what is wrong with it
   */
  public static ModelEntry read(Path dir) throws IOException {
    Path file = dir.resolve(METADATA);
    if (!Files.isRegularFile(file)) {
      throw new IOException(dir + ": not a model package (no " + METADATA + ")");
    }
    JsonObject meta;
    try {
      meta = new JsonObject(Files.readString(file));
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a JSON object (" + e.getMessage() + ")", e);
    }
    String kind = meta.getString("kind");
    if (!TwoStagePackage.KIND.equals(kind) && !SequenceOnnxRecommender.KIND.equals(kind)) {
      throw new IOException(file + ": kind must be '" + TwoStagePackage.KIND + "' or '" + SequenceOnnxRecommender.KIND
          + "', got '" + kind + "'");
    }
    String version = meta.getString("version");
    if (version == null || !version.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IOException(file + ": version must be 1 to 64 letters, digits, '.', '_' or '-', got '" + version + "'");
    }
    return ModelEntry.registration(kind + "-" + version, kind, dir.toAbsolutePath().normalize().toString(),
        meta.getString("created"), meta.getJsonObject("metrics"), meta.getJsonObject("training"), null, null);
  }

  /** Every readable package in {@code modelDir} (itself or its subdirectories), newest version last. */
  public static List<ModelEntry> scan(Path modelDir) throws IOException {
    List<Path> dirs = new ArrayList<>();
    if (Files.isRegularFile(modelDir.resolve(METADATA))) {
      dirs.add(modelDir);
    } else if (Files.isDirectory(modelDir)) {
      try (Stream<Path> children = Files.list(modelDir)) {
        children.filter(child -> Files.isRegularFile(child.resolve(METADATA))).forEach(dirs::add);
      }
    }
    List<ModelEntry> entries = new ArrayList<>();
    for (Path dir : dirs) {
      try {
        entries.add(read(dir));
      } catch (IOException e) {
        org.slf4j.LoggerFactory.getLogger(ModelPackages.class).warn("model package skipped reason={}", e.getMessage());
      }
    }
    entries.sort(Comparator.comparing(ModelPackages::versionNumber).thenComparing(ModelEntry::version));
    return entries;
  }

  public static Optional<ModelEntry> newest(Path modelDir) throws IOException {
    List<ModelEntry> entries = scan(modelDir);
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
  }

  /** Opens a registered package; the built-in streaming model is not a package. */
  public static Recommender open(ModelEntry entry) throws IOException {
    if (entry.path() == null) {
      throw new IOException("model " + entry.version() + " has no package path");
    }
    Path dir = Path.of(entry.path());
    return switch (entry.kind()) {
      case TwoStagePackage.KIND -> PackagedRecommender.open(dir);
      case SequenceOnnxRecommender.KIND -> SequenceOnnxRecommender.open(dir);
      default -> throw new IOException(dir + ": no scorer for model kind '" + entry.kind() + "'");
    };
  }

  /** Numeric versions (the trainer's yyyyMMddHHmmss) compare as numbers; others sort first. */
  private static long versionNumber(ModelEntry entry) {
    String label = entry.version();
    String number = label.substring(label.lastIndexOf('-') + 1);
    try {
      return Long.parseLong(number);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
