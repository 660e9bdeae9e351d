package dev.recstream.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LeaveOneOut splits each sequence as CONTRACT §7 says")
class LeaveOneOutTest {

  /** Users: a (5 items), b (3 items), c (2 items), d (no items). */
  private static final SequenceDataset DATA = TestData.dataset(10,
      TestData.user("a", 1, 2, 3, 4, 5), TestData.user("b", 6, 7, 8), TestData.user("c", 9, 10), TestData.user("d"));

  @Test
  @DisplayName("the test view fits on each sequence without its last item and holds out that item")
  void testView() {
    LeaveOneOut split = LeaveOneOut.of(DATA);
    List<int[]> fit = split.fitInput();
    assertEquals(3, fit.size(), "one fit sequence per user with items");
    assertArrayEquals(new int[] {1, 2, 3, 4}, fit.get(0));
    assertArrayEquals(new int[] {6, 7}, fit.get(1));
    assertArrayEquals(new int[] {9, 10}, fit.get(2), "a 2-item user is trained on whole");
    List<HeldOutItem> heldOut = split.heldOut();
    assertEquals(2, heldOut.size(), "the 2-item and the empty user are not evaluated");
    assertHeldOut("a", new int[] {1, 2, 3, 4}, 5, heldOut.get(0));
    assertHeldOut("b", new int[] {6, 7}, 8, heldOut.get(1));
    assertFalse(split.isValidationView());
    assertEquals(10, split.numItems());
  }

  @Test
  @DisplayName("the validation view fits without the last two items and holds out the second last")
  void validationView() {
    LeaveOneOut validation = LeaveOneOut.of(DATA).validationView();
    List<int[]> fit = validation.fitInput();
    assertArrayEquals(new int[] {1, 2, 3}, fit.get(0));
    assertArrayEquals(new int[] {6}, fit.get(1));
    assertArrayEquals(new int[] {9, 10}, fit.get(2), "short users have no validation item to hide");
    assertHeldOut("a", new int[] {1, 2, 3}, 4, validation.heldOut().get(0));
    assertHeldOut("b", new int[] {6}, 7, validation.heldOut().get(1));
    assertTrue(validation.isValidationView());
    assertTrue(validation.validationView().isValidationView());
  }

  @Test
  @DisplayName("a model that changes its fit input cannot change the split")
  void fitInputIsFreshEachCall() {
    LeaveOneOut split = LeaveOneOut.of(DATA);
    split.fitInput().get(0)[0] = 99;
    assertEquals(1, split.fitInput().get(0)[0]);
    assertEquals(1, split.heldOut().get(0).history()[0]);
  }

  @Test
  @DisplayName("an item index outside the vocabulary is rejected with the user's position and id")
  void rejectsUnknownIndices() {
    SequenceDataset bad = TestData.dataset(3, TestData.user("a", 1, 2, 3), TestData.user("b", 1, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LeaveOneOut.of(bad));
    assertEquals("users[1] (b): item index 4 is outside the vocabulary 1..3", e.getMessage());
  }

  private static void assertHeldOut(String user, int[] history, int target, HeldOutItem actual) {
    assertEquals(user, actual.userId());
    assertArrayEquals(history, actual.history());
    assertEquals(target, actual.target());
  }
}
