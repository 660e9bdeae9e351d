package dev.recstream.model.sequence;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring against a real graph, and the graph's signature checks, are tested in the trainer
 * module, which can build one (EmbeddingSequenceExportTest).
 */
@DisplayName("SequenceOnnxRecommender refuses a malformed package with an IOException naming the file and rule")
class SequenceOnnxRecommenderTest {
  @TempDir Path dir;
  private Path json;

  @BeforeEach
  void validMetadataAndItems() throws IOException {
    json = dir.resolve("model.json");
    write(metadata());
    Files.writeString(dir.resolve("items.txt"), "a\nb\nc\n");
  }

  private static JsonObject metadata() {
    return new JsonObject()
        .put("kind", "sequence-onnx")
        .put("version", "3")
        .put("created", "2024-01-01T00:00:00Z")
        .put("training", new JsonObject())
        .put("metrics", new JsonObject())
        .put("input", new JsonObject().put("onnx", "model.onnx").put("input", "item_ids").put("output", "scores")
            .put("maxLength", 5));
  }

  private void write(JsonObject metadata) throws IOException {
    Files.writeString(json, metadata.encodePrettily());
  }

  private void assertOpenFails(String... parts) {
    IOException e = assertThrows(IOException.class, () -> SequenceOnnxRecommender.open(dir));
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
    }
  }

  @Test
  @DisplayName("no model.json")
  void missingMetadata() throws IOException {
    Files.delete(json);

    assertOpenFails(dir.toString(), "has no model.json");
  }

  @Test
  @DisplayName("a kind other than sequence-onnx")
  void wrongKind() throws IOException {
    write(metadata().put("kind", "two-stage"));

    assertOpenFails(json.toString(), "kind must be 'sequence-onnx', got 'two-stage'");
  }

  @Test
  @DisplayName("a version that is not digits")
  void badVersion() throws IOException {
    write(metadata().put("version", "v1"));

    assertOpenFails(json.toString(), "version must be a string of digits, got 'v1'");
  }

  @Test
  @DisplayName("a maxLength below 1")
  void badMaxLength() throws IOException {
    JsonObject metadata = metadata();
    metadata.getJsonObject("input").put("maxLength", 0);
    write(metadata);

    assertOpenFails(json.toString(), "input.maxLength must be an integer of at least 1, got 0");
  }

  @Test
  @DisplayName("an ONNX file name that leaves the package")
  void onnxOutsidePackage() throws IOException {
    JsonObject metadata = metadata();
    metadata.getJsonObject("input").put("onnx", "../elsewhere.onnx");
    write(metadata);

    assertOpenFails(json.toString(), "input.onnx must name a file inside the package");
  }

  @Test
  @DisplayName("no model.onnx")
  void missingOnnx() {
    assertOpenFails(dir.toString(), "has no model.onnx");
  }

  @Test
  @DisplayName("a repeated id in items.txt")
  void repeatedItem() throws IOException {
    Files.writeString(dir.resolve("items.txt"), "a\nb\na\n");

    assertOpenFails(dir.resolve("items.txt") + " line 3", "item 'a' already is on line 1");
  }

  @Test
  @DisplayName("a model.onnx that ONNX Runtime cannot load")
  void notOnnx() throws IOException {
    Files.writeString(dir.resolve("model.onnx"), "not a protobuf model");

    assertOpenFails(dir.resolve("model.onnx").toString(), "ONNX Runtime could not load the graph");
  }
}
