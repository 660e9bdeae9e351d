package dev.recstream.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DatasetFormat")
class DatasetFormatTest {

  @Test
  @DisplayName("knows every format by its command-line name")
  void knowsEveryFormatByName() {
    assertEquals(DatasetFormat.SEQUENCES, DatasetFormat.fromName("sequences"));
    assertEquals(DatasetFormat.PAIRS, DatasetFormat.fromName("pairs"));
    assertEquals(DatasetFormat.EVENTS_CSV, DatasetFormat.fromName("events-csv"));
    assertEquals(DatasetFormat.SESSIONS, DatasetFormat.fromName("sessions"));
  }

  @Test
  @DisplayName("rejects an unknown name with an error that lists the valid names")
  void rejectsUnknownName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetFormat.fromName("csv"));
    assertTrue(e.getMessage().contains("'csv'"), e.getMessage());
    assertTrue(e.getMessage().contains("sequences, pairs, events-csv, sessions"), e.getMessage());
  }
}
