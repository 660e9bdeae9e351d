package dev.recstream.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The event-rows dataset builder")
class EventRowsDatasetTest {
  @TempDir
  Path dir;

  private static List<String> ids(SequenceDataset data, UserSequence user) {
    return Arrays.stream(user.items()).mapToObj(data.items()::idOf).toList();
  }

  @Test
  @DisplayName("sorts each user's rows by ts, keeping arrival order for equal times, whatever order they come in")
  void sortsByTsThenArrival() {
    SequenceDataset data = new EventRowsDataset()
        .add("u1", "late", "view", 3_000_500L, null)
        .add("u2", "other", "click", 1_000_000L, null)
        .add("u1", "tie-first", "view", 2_000_000L, null)
        .add("u1", "early", "purchase", 1_000_999L, null)
        .add("u1", "tie-second", "click", 2_000_000L, null)
        .build("rows");
    assertEquals("rows", data.name());
    UserSequence u1 = data.users().get(0);
    assertEquals("u1", u1.userId());
    assertEquals(List.of("early", "tie-first", "tie-second", "late"), ids(data, u1));
    assertArrayEquals(new long[] {1_000, 2_000, 2_000, 3_000}, u1.timestamps(), "epoch millis");
    assertArrayEquals(new String[] {"purchase", "view", "click", "view"}, u1.types());
    assertEquals(List.of("other"), ids(data, data.users().get(1)));
  }

  @Test
  @DisplayName("skips rows without an item and drops users left without items")
  void skipsSearches() {
    EventRowsDataset rows = new EventRowsDataset()
        .add("searcher", null, "search", 1L, null)
        .add("u1", null, "search", 2L, null)
        .add("u1", "a", "view", 3L, null);
    SequenceDataset data = rows.build("rows");
    assertEquals(1, data.users().size());
    assertEquals("u1", data.users().get(0).userId());
    assertEquals(1, data.items().size());
    assertEquals(1, rows.rowsAdded());
    assertEquals(1 + 1, rows.rowsSkipped());
  }

  @Test
  @DisplayName("encodes categories as item attributes exactly as the events-csv reader does")
  void attributesLikeEventsCsv() throws IOException {
    SequenceDataset fromRows = new EventRowsDataset()
        .add("u1", "i1", "view", 1_000_000L, "shoes")
        .add("u1", "i2", "view", 2_000_000L, "hats")
        .add("u2", "i1", "view", 3_000_000L, "sale")
        .add("u2", "i1", "view", 4_000_000L, "shoes")
        .add("u2", "i3", "view", 5_000_000L, null)
        .add("u2", "i4", "view", 6_000_000L, "")
        .build("rows");
    Path csv = TestFiles.write(dir, "events.csv", "userId,itemId,type,ts,category",
        "u1,i1,view,1000,shoes", "u1,i2,view,2000,hats", "u2,i1,view,3000,sale", "u2,i1,view,4000,shoes",
        "u2,i3,view,5000,", "u2,i4,view,6000,");
    SequenceDataset fromCsv = DatasetReaders.read(csv, DatasetFormat.EVENTS_CSV, ReaderOptions.DEFAULTS);
    assertEquals(fromCsv.itemAttributes().keySet(), fromRows.itemAttributes().keySet());
    fromCsv.itemAttributes().forEach((item, attributes) ->
        assertArrayEquals(attributes, fromRows.itemAttributes().get(item), "item " + item));
    assertArrayEquals(new int[] {1, 3}, fromRows.itemAttributes().get(fromRows.items().indexOf("i1")));
    assertTrue(!fromRows.itemAttributes().containsKey(fromRows.items().indexOf("i3")));
  }

  @Test
  @DisplayName("rejects a row without user or type, naming the field and rule, and rows after build")
  void rejectsBadRows() {
    EventRowsDataset rows = new EventRowsDataset();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> rows.add(null, "a", "view", 1L, null))
        .getMessage().startsWith("userId: required"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> rows.add("u", "a", null, 1L, null))
        .getMessage().startsWith("type: required"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> rows.add("u", "", "view", 1L, null))
        .getMessage().startsWith("itemId: must be null or non-empty"));
    rows.add("u", "a", "view", 1L, null).build("rows");
    assertThrows(IllegalStateException.class, () -> rows.add("u", "b", "view", 2L, null));
  }
}
