package dev.recstream.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recstream.shared.bus.ImportedEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The import listener")
class ImportListenerTest {

  @Test
  @DisplayName("reads the importer's notice as it was written")
  void readsTheImportersNotice() {
    ImportedEvents sent = new ImportedEvents("sequences.txt", 300, 50, 30);
    assertEquals(sent, ImportListener.parse(sent.toJson().encode()));
  }

  @Test
  @DisplayName("takes a bare or hand-written NOTIFY as a notice whose counts are unknown")
  void anyPayloadIsANotice() {
    assertEquals(ImportedEvents.unknown(), ImportListener.parse(""));
    assertEquals(ImportedEvents.unknown(), ImportListener.parse(null));
    assertEquals(ImportedEvents.unknown(), ImportListener.parse("loaded the March export"));
    assertEquals(ImportedEvents.unknown(), ImportListener.parse("{\"events\": \"many\"}"));
    assertEquals(new ImportedEvents(ImportedEvents.UNNAMED, 12, -1, -1), ImportListener.parse("{\"events\": 12}"));
  }

  @Test
  @DisplayName("reconnects quickly at first, then at most every 30 seconds, and never gives up")
  void reconnectDelays() {
    assertEquals(500, ImportListener.reconnectDelay(0));
    assertEquals(1_000, ImportListener.reconnectDelay(1));
    assertEquals(30_000, ImportListener.reconnectDelay(6));
    assertEquals(30_000, ImportListener.reconnectDelay(Integer.MAX_VALUE));
  }
}
