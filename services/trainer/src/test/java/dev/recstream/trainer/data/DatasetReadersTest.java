package dev.recstream.trainer.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DatasetReaders")
class DatasetReadersTest {

  @Test
  @DisplayName("rejects columns or a preset for a format other than events-csv")
  void rejectsOptionsForOtherFormats() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DatasetReaders.read(Path.of("x"), DatasetFormat.PAIRS, ReaderOptions.preset("taobao")));
    assertTrue(e.getMessage().contains("only to the events-csv format"), e.getMessage());
  }

  @Test
  @DisplayName("rejects an unknown preset, listing the valid ones")
  void rejectsUnknownPreset() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DatasetReaders.reader(DatasetFormat.EVENTS_CSV, ReaderOptions.preset("retail")));
    assertTrue(e.getMessage().contains("'retail'") && e.getMessage().contains("taobao"), e.getMessage());
  }

  @Test
  @DisplayName("rejects unknown, repeated or missing required columns")
  void rejectsBadColumns() {
    assertThrows(IllegalArgumentException.class, () -> DatasetReaders.reader(DatasetFormat.EVENTS_CSV, ReaderOptions.columns("userId,itemId,price")));
    assertThrows(IllegalArgumentException.class, () -> DatasetReaders.reader(DatasetFormat.EVENTS_CSV, ReaderOptions.columns("userId,itemId,ts,ts")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DatasetReaders.reader(DatasetFormat.EVENTS_CSV, ReaderOptions.columns("userId,ts")));
    assertTrue(e.getMessage().startsWith("columns: must name at least userId and itemId"), e.getMessage());
  }

  @Test
  @DisplayName("refuses both columns and a preset")
  void refusesColumnsAndPreset() {
    assertThrows(IllegalArgumentException.class, () -> new ReaderOptions(java.util.List.of("userId", "itemId"), "taobao"));
  }
}
