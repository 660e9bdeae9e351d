package dev.recstream.trainer.sequence;

import ai.onnx.proto.OnnxMl;
import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.VocabularyFile;
import dev.recstream.model.sequence.SequenceOnnxRecommender;
import dev.recstream.trainer.PackageFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a {@code sequence-onnx} package (CONTRACT §6), read by {@link SequenceOnnxRecommender}. */
final class SequencePackage {
  private SequencePackage() {}

  /**
   * Writes {@code model.onnx}, {@code items.txt} and, last, {@code model.json} into {@code dir}
   * (created if needed): a reader that finds model.json finds a complete package.
   *
   * @param architecture what model.json says of the network (name, sizes)
   */
  static void write(Path dir, ItemVocabulary vocabulary, OnnxMl.ModelProto graph, int maxLength,
      JsonObject architecture, long version, JsonObject training, JsonObject metrics) throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(SequenceOnnxRecommender.DEFAULT_ONNX), graph.toByteArray());
    VocabularyFile.write(dir.resolve(SequenceOnnxRecommender.ITEMS), vocabulary);
    JsonObject metadata = PackageFiles.metadata(SequenceOnnxRecommender.KIND, version, training, metrics)
        .put("architecture", architecture)
        .put("input", new JsonObject()
            .put("onnx", SequenceOnnxRecommender.DEFAULT_ONNX)
            .put("input", SequenceOnnxRecommender.DEFAULT_INPUT)
            .put("output", SequenceOnnxRecommender.DEFAULT_OUTPUT)
            .put("maxLength", maxLength));
    Files.writeString(dir.resolve(SequenceOnnxRecommender.METADATA), metadata.encodePrettily());
  }
}
