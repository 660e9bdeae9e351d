package dev.recstream.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TrainingBudget")
class TrainingBudgetTest {
  private static final long GB = 1L << 30;
  /** A 2M-event shop: 100,000 users, 50,000 items. */
  private static final long EVENTS = 2_000_000;
  private static final long ITEMS = 50_000;
  private static final int USERS = 100_000;

  @Test
  @DisplayName("estimates base + events + items + ranker users at their per-unit costs")
  void need() {
    assertEquals(TrainingBudget.BASE_BYTES + 2_000_000 * TrainingBudget.BYTES_PER_EVENT
            + 50_000 * TrainingBudget.BYTES_PER_ITEM + 25_000 * TrainingBudget.BYTES_PER_RANKER_USER,
        TrainingBudget.need(EVENTS, ITEMS, 25_000));
  }

  @Test
  @DisplayName("gives the rankers every wanted user when they fit")
  void enough() {
    assertEquals(25_000, new TrainingBudget(8 * GB, "8g").rankerUsers(EVENTS, ITEMS, USERS, 25_000));
    assertEquals(300, new TrainingBudget(8 * GB, "8g").rankerUsers(EVENTS, ITEMS, 300, 25_000), "never more than there are");
  }

  @Test
  @DisplayName("samples fewer ranker users when the budget is tighter: exactly as many as fit")
  void samples() {
    long bytes = TrainingBudget.need(EVENTS, ITEMS, 10_000) + TrainingBudget.BYTES_PER_RANKER_USER / 2;
    assertEquals(10_000, new TrainingBudget(bytes, "test").rankerUsers(EVENTS, ITEMS, USERS, 25_000));
  }

  @Test
  @DisplayName("refuses with a sentence naming the budget and the need when not even the minimum fits")
  void refuses() {
    long bytes = TrainingBudget.need(EVENTS, ITEMS, TrainingBudget.MIN_RANKER_USERS) - 1;
    TrainingBudget budget = new TrainingBudget(bytes, "test");
    TrainingBudget.TrainingDoesNotFitException e = assertThrows(TrainingBudget.TrainingDoesNotFitException.class,
        () -> budget.rankerUsers(EVENTS, ITEMS, USERS, 25_000));
    assertEquals("training the two-stage model on 2,000,000 events over 50,000 items needs about "
        + dev.recstream.shared.config.MemorySize.describe(bytes + 1) + " of heap even with its rankers learning from 2,000 users, "
        + "more than the training budget of " + budget.describe() + "; give the JVM more heap (-Xmx) or the training a "
        + "larger budget, or train on fewer events", e.getMessage());
  }

  @Test
  @DisplayName("tells how many events fit beside a catalog, and none when the catalog alone does not")
  void eventsWithin() {
    TrainingBudget budget = new TrainingBudget(2 * GB, "2g");
    long events = budget.eventsWithin(ITEMS);
    assertTrue(TrainingBudget.need(events, ITEMS, TrainingBudget.MIN_RANKER_USERS) <= 2 * GB);
    assertTrue(TrainingBudget.need(events + 1, ITEMS, TrainingBudget.MIN_RANKER_USERS) > 2 * GB);
    assertEquals(0, new TrainingBudget(GB / 8, "128m").eventsWithin(ITEMS));
  }

  @Test
  @DisplayName("reads shares of the heap and sizes, naming the field when it cannot")
  void parse() {
    TrainingBudget share = TrainingBudget.parse("50%", "--memory-budget");
    assertEquals(Runtime.getRuntime().maxMemory() / 2, share.bytes(), 1.0);
    assertTrue(share.describe().contains("(50% of the "), share.describe());
    assertEquals("3.0 GB", TrainingBudget.parse("3g", "--memory-budget").describe());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingBudget.parse("x", "trainingMemory"));
    assertTrue(e.getMessage().startsWith("trainingMemory: must be a share"), e.getMessage());
  }
}
