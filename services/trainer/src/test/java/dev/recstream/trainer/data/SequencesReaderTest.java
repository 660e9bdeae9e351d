package dev.recstream.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The sequences reader")
class SequencesReaderTest {
  @TempDir
  Path dir;

  private SequenceDataset read(Path file) throws IOException {
    return DatasetReaders.read(file, DatasetFormat.SEQUENCES, ReaderOptions.DEFAULTS);
  }

  @Test
  @DisplayName("reads one user per line with items in file order, named after the file")
  void readsOneUserPerLine() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "seq.txt", "u1 10 20 30", "u2\t20  40"));
    assertEquals("seq.txt", dataset.name());
    assertEquals(2, dataset.users().size());
    assertEquals("u1", dataset.users().get(0).userId());
    assertArrayEquals(new int[] {1, 2, 3}, dataset.users().get(0).items());
    assertArrayEquals(new int[] {2, 4}, dataset.users().get(1).items());
    assertNull(dataset.users().get(0).timestamps());
    assertNull(dataset.users().get(0).types());
    assertEquals(5, dataset.actions());
  }

  @Test
  @DisplayName("indexes items from 1 in order of first sight, not by their numeric value")
  void indexesItemsInFirstSightOrder() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "seq.txt", "1 7 3", "2 3 9 7"));
    assertEquals(3, dataset.items().size());
    assertEquals("7", dataset.items().idOf(1));
    assertEquals("3", dataset.items().idOf(2));
    assertEquals("9", dataset.items().idOf(3));
    assertArrayEquals(new int[] {2, 3, 1}, dataset.users().get(1).items());
  }

  @Test
  @DisplayName("refuses a binary file (e.g. a gzip archive) naming the file, the line and what it expected")
  void refusesBinary() throws IOException {
    Path file = dir.resolve("seq.txt.gz");
    java.nio.file.Files.write(file, new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, (byte) 0xff, (byte) 0xfe, 0x0a});
    MalformedDatasetException e = assertThrows(MalformedDatasetException.class, () -> read(file));
    assertEquals("seq.txt.gz line 1: not UTF-8 text; is it the dataset itself (uncompressed), in the format given by "
        + "--format?", e.getMessage());
  }

  @Test
  @DisplayName("skips blank lines")
  void skipsBlankLines() throws IOException {
    SequenceDataset dataset = read(TestFiles.write(dir, "seq.txt", "", "1 5 6", "   ", "2 6"));
    assertEquals(2, dataset.users().size());
  }

  @Test
  @DisplayName("maps item2attributes.json beside the file onto the vocabulary's indices")
  void mapsAttributesToVocabularyIndices() throws IOException {
    Path file = TestFiles.write(dir, "seq.txt", "1 30 10", "2 10 20");
    TestFiles.write(dir, SequencesReader.ATTRIBUTES_FILE, "{\"10\": [1, 2], \"20\": [3], \"30\": [], \"99\": [4]}");
    SequenceDataset dataset = read(file);
    // Vocabulary: "30" → 1, "10" → 2, "20" → 3; "99" is in no sequence and is dropped.
    assertArrayEquals(new int[] {}, dataset.itemAttributes().get(1));
    assertArrayEquals(new int[] {1, 2}, dataset.itemAttributes().get(2));
    assertArrayEquals(new int[] {3}, dataset.itemAttributes().get(3));
    assertEquals(3, dataset.itemAttributes().size());
  }

  @Test
  @DisplayName("has no attributes when there is no item2attributes.json")
  void hasNoAttributesWithoutFile() throws IOException {
    assertTrue(read(TestFiles.write(dir, "seq.txt", "1 2 3")).itemAttributes().isEmpty());
  }

  @Test
  @DisplayName("rejects a line with a user and no item, naming file and line number")
  void rejectsUserWithoutItems() throws IOException {
    Path file = TestFiles.write(dir, "sequences.txt", "1 2 3", "", "2");
    MalformedDatasetException e = assertThrows(MalformedDatasetException.class, () -> read(file));
    assertEquals("sequences.txt line 3: expected 'user item item …', got 1 field", e.getMessage());
    assertEquals(3, e.line());
  }

  @Test
  @DisplayName("rejects malformed item2attributes.json, naming the file")
  void rejectsMalformedAttributes() throws IOException {
    Path file = TestFiles.write(dir, "seq.txt", "1 2 3");
    TestFiles.write(dir, SequencesReader.ATTRIBUTES_FILE, "{\"2\": \"brand\"}");
    MalformedDatasetException e = assertThrows(MalformedDatasetException.class, () -> read(file));
    assertTrue(e.getMessage().startsWith("item2attributes.json: item \"2\""), e.getMessage());
  }
}
