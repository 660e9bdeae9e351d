package dev.recstream.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ModelFailure says in one line why a model failed")
class ModelFailureTest {

  private static RuntimeException thrownByAnIndexBug() {
    try {
      int[] scores = new int[3];
      scores[scores.length] = 1;
      throw new AssertionError("unreachable");
    } catch (ArrayIndexOutOfBoundsException e) {
      return e;
    }
  }

  @Test
  @DisplayName("an exception that carries a sentence gives that sentence")
  void sentenceIsKept() {
    assertEquals("ranker: needs both classes", ModelFailure.of("x", new IllegalStateException("ranker: needs both classes")).reason());
  }

  @Test
  @DisplayName("a defect gives its type, message and the place it was thrown, on one line")
  void defectNamesTypeAndPlace() {
    String reason = ModelFailure.of("x", thrownByAnIndexBug()).reason();

    assertTrue(reason.startsWith("unexpected ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3 at "
        + "ModelFailureTest.thrownByAnIndexBug(ModelFailureTest.java:"), reason);
    assertTrue(reason.lines().count() == 1, reason);
  }

  @Test
  @DisplayName("a wrapper without a message of its own gives its cause's reason")
  void wrapperGivesItsCause() {
    RuntimeException wrapped = new RuntimeException(new ExecutionException(new IllegalArgumentException("dimension: must be at least 1")));

    assertEquals("dimension: must be at least 1", ModelFailure.of("x", wrapped).reason());
  }

  @Test
  @DisplayName("the stack trace file names the model, the reason and the full trace")
  void stackTraceFile() {
    ModelFailure failure = ModelFailure.of("two-stage", thrownByAnIndexBug());

    assertEquals("failed-two-stage.txt", failure.stackTraceFile());
    assertTrue(failure.stackTrace().startsWith("model: two-stage\nreason: unexpected ArrayIndexOutOfBoundsException"));
    assertTrue(failure.stackTrace().contains("\tat dev.recstream.trainer.report.ModelFailureTest.thrownByAnIndexBug"));
  }
}
