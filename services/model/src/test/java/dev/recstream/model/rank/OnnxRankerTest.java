package dev.recstream.model.rank;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring against a real exported model is tested in the trainer module, which can train one. */
@DisplayName("OnnxRanker refuses what it cannot load with a sentence naming the file")
class OnnxRankerTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a missing file fails with its path and \"does not exist\"")
  void missingFile() {
    Path missing = dir.resolve("no-such-ranker.onnx");

    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> OnnxRanker.open(missing, 1));

    assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  @DisplayName("a file that is not ONNX fails with its path and ONNX Runtime's reason")
  void notOnnx() throws IOException {
    Path garbage = Files.writeString(dir.resolve("ranker.onnx"), "not a protobuf model");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxRanker.open(garbage, 1));

    assertTrue(e.getMessage().startsWith("ONNX Runtime could not load the ranker model " + garbage.toAbsolutePath()),
        e.getMessage());
  }
}
