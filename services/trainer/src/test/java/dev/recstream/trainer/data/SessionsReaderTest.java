package dev.recstream.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The sessions reader")
class SessionsReaderTest {
  private static final String DIGINETICA_HEADER = "session_id;user_id;item_id;timeframe;eventdate";
  private static final String YOOCHOOSE_HEADER = "SessionId\tItemId\tTime";

  @TempDir
  Path dir;

  private SequenceDataset read(Path path) throws IOException {
    return DatasetReaders.read(path, DatasetFormat.SESSIONS, ReaderOptions.DEFAULTS);
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  @DisplayName("recognizes Diginetica, makes each session a user and orders it by timeframe")
  void readsDiginetica() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "train-item-views.csv", DIGINETICA_HEADER,
        "1;NA;81766;526309;2016-05-09", "2;7;5;10;2016-05-10", "1;NA;31331;1031018;2016-05-09", "1;NA;9654;75848;2016-05-09"));
    assertEquals("train-item-views.csv", dataset.name());
    UserSequence session = dataset.users().get(0);
    assertEquals("1", session.userId());
    assertEquals("9654", dataset.items().idOf(session.items()[0]));
    assertEquals("81766", dataset.items().idOf(session.items()[1]));
    assertEquals("31331", dataset.items().idOf(session.items()[2]));
    assertEquals(millis("2016-05-09T00:00:00Z") + 75848, session.timestamps()[0]);
    assertEquals("2", dataset.users().get(1).userId());
  }

  @Test
  @DisplayName("dates a Diginetica session that crosses midnight from its first day")
  void datesMidnightSessionFromFirstDay() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "views.csv", DIGINETICA_HEADER,
        "629;NA;1838;1166856;2016-03-21", "629;NA;17672;49702;2016-03-20"));
    long dayStart = millis("2016-03-20T00:00:00Z");
    assertArrayEquals(new long[] {dayStart + 49702, dayStart + 1166856}, dataset.users().get(0).timestamps());
  }

  @Test
  @DisplayName("recognizes YooChoose, reads fractional epoch seconds and orders each session by time")
  void readsYooChoose() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "train.txt", YOOCHOOSE_HEADER,
        "3\t214716935\t1396438212.318", "3\t214832672\t1396437466.94", "6\t214701242\t1396796300.848"));
    UserSequence session = dataset.users().get(0);
    assertEquals("3", session.userId());
    assertArrayEquals(new int[] {2, 1}, session.items());
    assertArrayEquals(new long[] {1396437466940L, 1396438212318L}, session.timestamps());
    assertEquals(2, dataset.users().size());
  }

  @Test
  @DisplayName("reads a folder's train.txt before its test.txt and joins a session found in both")
  void readsFolderTrainThenTest() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("clicks"));
    TestFiles.write(folder, "test.txt", YOOCHOOSE_HEADER, "1\t100\t1396860669.277", "9\t103\t1396870000");
    TestFiles.write(folder, "train.txt", YOOCHOOSE_HEADER, "3\t101\t1396437466.94", "9\t102\t1396860000");
    TestFiles.write(folder, "README.md", "not a session file");
    SequenceDataset dataset = read(folder);
    assertEquals("clicks", dataset.name());
    assertEquals(3, dataset.users().size());
    assertEquals("3", dataset.users().get(0).userId());
    assertEquals("101", dataset.items().idOf(1));
    UserSequence joined = dataset.users().get(1);
    assertEquals("9", joined.userId());
    assertEquals(2, joined.length());
    assertEquals(4, dataset.actions());
  }

  @Test
  @DisplayName("rejects a file whose header is neither Diginetica's nor YooChoose's, saying what it expected")
  void rejectsUnknownHeader() throws IOException {
    Path file = TestFiles.write(dir, "clicks.csv", "session,item,time", "1,2,3");
    MalformedDatasetException e = assertThrows(MalformedDatasetException.class, () -> read(file));
    assertTrue(e.getMessage().startsWith("clicks.csv line 1: expected a Diginetica header"), e.getMessage());
  }

  @Test
  @DisplayName("rejects a short row and a bad time, naming file and line number")
  void rejectsMalformedRows() throws IOException {
    Path shortRow = TestFiles.write(dir, "train.txt", YOOCHOOSE_HEADER, "1\t2\t3", "", "1\t2");
    MalformedDatasetException e = assertThrows(MalformedDatasetException.class, () -> read(shortRow));
    assertEquals("train.txt line 4: expected at least 3 fields, got 2", e.getMessage());

    Path badTime = TestFiles.write(dir, "views.csv", DIGINETICA_HEADER, "1;NA;5;soon;2016-05-09");
    e = assertThrows(MalformedDatasetException.class, () -> read(badTime));
    assertEquals("views.csv line 2: timeframe: expected milliseconds since the session began, got 'soon'", e.getMessage());
  }
}
