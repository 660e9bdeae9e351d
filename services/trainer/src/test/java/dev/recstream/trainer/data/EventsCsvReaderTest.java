package dev.recstream.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The events-csv reader")
class EventsCsvReaderTest {
  @TempDir
  Path dir;

  private SequenceDataset read(Path file, ReaderOptions options) throws IOException {
    return DatasetReaders.read(file, DatasetFormat.EVENTS_CSV, options);
  }

  private SequenceDataset read(Path file) throws IOException {
    return read(file, ReaderOptions.DEFAULTS);
  }

  @Test
  @DisplayName("takes its columns from the header, in any order, and ignores columns it does not know")
  void takesColumnsFromHeader() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "events.csv", "source,itemId,userId", "web,i1,u1", "app,i2,u1"));
    assertEquals("events.csv", dataset.name());
    UserSequence user = dataset.users().get(0);
    assertEquals("u1", user.userId());
    assertArrayEquals(new int[] {1, 2}, user.items());
    assertNull(user.timestamps());
    assertNull(user.types());
  }

  @Test
  @DisplayName("keeps file order per user when there is no ts column")
  void keepsFileOrderWithoutTs() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "events.csv", "userId,itemId", "u1,c", "u2,a", "u1,b"));
    assertArrayEquals(new int[] {1, 3}, dataset.users().get(0).items());
  }

  @Test
  @DisplayName("sorts each user's events by ts, keeping file order for equal times")
  void sortsByTsStably() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "events.csv", "userId,itemId,ts",
        "u1,late,3000", "u2,other,1000", "u1,tie-first,2000", "u1,early,1000", "u1,tie-second,2000"));
    UserSequence user = dataset.users().get(0);
    assertEquals("early", dataset.items().idOf(user.items()[0]));
    assertEquals("tie-first", dataset.items().idOf(user.items()[1]));
    assertEquals("tie-second", dataset.items().idOf(user.items()[2]));
    assertEquals("late", dataset.items().idOf(user.items()[3]));
    assertArrayEquals(new long[] {1_000_000, 2_000_000, 2_000_000, 3_000_000}, user.timestamps());
  }

  @Test
  @DisplayName("reads ts below 1e11 as epoch seconds, larger ones as milliseconds, and ISO-8601 dates")
  void detectsSecondsMillisAndIso() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "events.csv", "userId,itemId,ts",
        "u,a,1511848894", "u,b,1511848895123", "u,c,1511848896.5", "u,d,2017-11-28T06:01:40Z",
        "u,e,2017-11-28 06:01:41", "u,f,2017-11-28T07:01:42+01:00"));
    assertArrayEquals(new long[] {1511848894000L, 1511848895123L, 1511848896500L, 1511848900000L, 1511848901000L, 1511848902000L},
        dataset.users().get(0).timestamps());
  }

  @Test
  @DisplayName("keeps type values as given and turns categories into item attributes")
  void keepsTypesAndCategories() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "events.csv", "user_id,item_id,event_type,category",
        "u,i1,view,shoes", "u,i2,purchase,hats", "u,i1,add_to_cart,shoes", "u,i3,Custom,"));
    assertArrayEquals(new String[] {"view", "purchase", "add_to_cart", "Custom"}, dataset.users().get(0).types());
    assertArrayEquals(new int[] {1}, dataset.itemAttributes().get(1));
    assertArrayEquals(new int[] {2}, dataset.itemAttributes().get(2));
    assertNull(dataset.itemAttributes().get(3));
  }

  @Test
  @DisplayName("reads quoted fields that hold commas")
  void readsQuotedFields() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "events.csv", "userId,itemId", "\"u,1\",\"item \"\"a\"\"\""));
    assertEquals("u,1", dataset.users().get(0).userId());
    assertEquals("item \"a\"", dataset.items().idOf(1));
  }

  @Test
  @DisplayName("reads a headerless file with explicit columns, skipping '_' columns")
  void readsExplicitColumns() throws IOException {
    Path file = TestFiles.write(dir, "events.csv", "x,u1,i1,1000", "x,u1,i2,999");
    SequenceDataset dataset = read(file, ReaderOptions.columns("_,userId,itemId,ts"));
    assertEquals(1, dataset.users().size());
    assertArrayEquals(new int[] {2, 1}, dataset.users().get(0).items());
  }

  @Test
  @DisplayName("reads the taobao preset: no header, seconds, pv/cart/fav/buy mapped to recstream types")
  void readsTaobaoPreset() throws IOException {
    Path file = TestFiles.write(dir, "UserBehavior.csv",
        "1,100,7,pv,1511848900", "1,101,7,cart,1511848800", "2,100,7,fav,5", "1,102,8,buy,1511848950", "1,100,7,other,1511849000");
    SequenceDataset dataset = read(file, ReaderOptions.preset("taobao"));
    UserSequence first = dataset.users().get(0);
    assertArrayEquals(new String[] {"add_to_cart", "view", "purchase", "other"}, first.types());
    assertArrayEquals(new int[] {2, 1, 3, 1}, first.items());
    assertEquals(1511848800000L, first.timestamps()[0]);
    assertArrayEquals(new String[] {"click"}, dataset.users().get(1).types());
    assertEquals(5000L, dataset.users().get(1).timestamps()[0]);
    assertArrayEquals(new int[] {1}, dataset.itemAttributes().get(1));
    assertArrayEquals(new int[] {2}, dataset.itemAttributes().get(3));
  }

  @Test
  @DisplayName("rejects a header without userId and itemId, naming the file, line 1 and the options for a headerless file")
  void rejectsHeaderWithoutRequiredColumns() throws IOException {
    Path file = TestFiles.write(dir, "events.csv", "user,ts", "u,1");
    MalformedDatasetException e = assertThrows(MalformedDatasetException.class, () -> read(file));
    assertTrue(e.getMessage().startsWith("events.csv line 1: expected a header naming at least userId and itemId"), e.getMessage());
    assertTrue(e.getMessage().endsWith("a file without a header needs its columns named (--columns, e.g. "
        + "userId,itemId,category,type,ts) or a preset (--preset taobao)"), e.getMessage());
  }

  @Test
  @DisplayName("rejects a short row and a bad ts, naming file and line number")
  void rejectsMalformedRows() throws IOException {
    Path shortRow = TestFiles.write(dir, "short.csv", "userId,itemId,ts", "u,i,1", "u,i");
    MalformedDatasetException e = assertThrows(MalformedDatasetException.class, () -> read(shortRow));
    assertEquals("short.csv line 3: expected 3 fields (userId,itemId,ts), got 2", e.getMessage());

    Path badTs = TestFiles.write(dir, "bad.csv", "userId,itemId,ts", "u,i,yesterday");
    e = assertThrows(MalformedDatasetException.class, () -> read(badTs));
    assertEquals("bad.csv line 2: ts: expected epoch seconds, epoch milliseconds or ISO-8601, got 'yesterday'", e.getMessage());
  }

  @Test
  @DisplayName("rejects an empty userId, naming file and line number")
  void rejectsEmptyUser() throws IOException {
    Path file = TestFiles.write(dir, "events.csv", "userId,itemId", ",i");
    MalformedDatasetException e = assertThrows(MalformedDatasetException.class, () -> read(file));
    assertEquals("events.csv line 2: userId is empty", e.getMessage());
  }
}
