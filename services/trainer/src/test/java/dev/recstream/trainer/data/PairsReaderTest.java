package dev.recstream.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recstream.model.SequenceDataset;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The pairs reader")
class PairsReaderTest {
  @TempDir
  Path dir;

  private SequenceDataset read(Path file) throws IOException {
    return DatasetReaders.read(file, DatasetFormat.PAIRS, ReaderOptions.DEFAULTS);
  }

  @Test
  @DisplayName("groups interleaved users' pairs, keeping each user's file order and users in first-sight order")
  void groupsInterleavedUsers() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "pairs.txt", "b x", "a y", "b y", "a z", "", "b x"));
    assertEquals("pairs.txt", dataset.name());
    assertEquals("b", dataset.users().get(0).userId());
    assertArrayEquals(new int[] {1, 2, 1}, dataset.users().get(0).items());
    assertEquals("a", dataset.users().get(1).userId());
    assertArrayEquals(new int[] {2, 3}, dataset.users().get(1).items());
    assertEquals(3, dataset.items().size());
  }

  @Test
  @DisplayName("rejects a line that is not exactly 'user item', naming file and line number")
  void rejectsWrongFieldCount() throws IOException {
    Path file = TestFiles.write(dir, "pairs.txt", "a x", "a x y");
    MalformedDatasetException e = assertThrows(MalformedDatasetException.class, () -> read(file));
    assertEquals("pairs.txt line 2: expected 'user item', got 3 fields", e.getMessage());
  }
}
