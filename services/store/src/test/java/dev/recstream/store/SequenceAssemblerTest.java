package dev.recstream.store;

import static dev.recstream.store.SequenceAssembler.RECENT_ITEMS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.event.BehaviorEvent;
import dev.recstream.shared.event.EventType;
import dev.recstream.store.SequenceAssembler.RecentItem;
import dev.recstream.store.SequenceAssembler.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("SequenceAssembler turns a committed batch into sequence updates")
class SequenceAssemblerTest {

  private static final Instant TS = Instant.parse("2026-11-23T10:15:30Z");

  private static BehaviorEvent view(String eventId, String userId, String itemId) {
    return new BehaviorEvent(eventId, userId, itemId, EventType.VIEW, TS, null, null, null, null);
  }

  private static BehaviorEvent search(String eventId, String userId) {
    return new BehaviorEvent(eventId, userId, null, EventType.SEARCH, TS, null, "red shoes", null, null);
  }

  private static StoredEvent stored(BehaviorEvent event, long seq) {
    return new StoredEvent(event, seq, 1_000_000L + seq);
  }

  /** Item rows as the store reads them: newest first, one per seq given (items named i<seq>). */
  private static List<RecentItem> rowsNewestFirst(long... seqs) {
    List<RecentItem> rows = new ArrayList<>();
    for (int i = seqs.length - 1; i >= 0; i--) {
      rows.add(new RecentItem("i" + seqs[i], seqs[i], true));
    }
    return rows;
  }

  @Nested
  @DisplayName("rowsToRead")
  class RowsToRead {

    static Stream<Arguments> cases() {
      return Stream.of(
          Arguments.of(1, RECENT_ITEMS + 1),
          Arguments.of(2, RECENT_ITEMS + 2),
          Arguments.of(7, RECENT_ITEMS + 7));
    }

    @ParameterizedTest(name = "{0} events → {1} rows")
    @MethodSource("cases")
    @DisplayName("reads RECENT_ITEMS + n rows for a user with n events in the batch")
    void recentItemsPlusNewEvents(int newEvents, int expectedRows) {
      List<BehaviorEvent> batch = IntStream.range(0, newEvents)
          .mapToObj(i -> view("e" + i, "u1", "i" + i))
          .toList();

      assertEquals(Map.of("u1", expectedRows), SequenceAssembler.rowsToRead(batch));
    }

    @Test
    @DisplayName("counts each user's events separately, searches included")
    void countsPerUser() {
      List<BehaviorEvent> batch = List.of(
          view("e1", "u1", "a"),
          view("e2", "u2", "b"),
          search("e3", "u1"),
          view("e4", "u1", "c"));

      assertEquals(Map.of("u1", RECENT_ITEMS + 3, "u2", RECENT_ITEMS + 1), SequenceAssembler.rowsToRead(batch));
    }
  }

  @Nested
  @DisplayName("assemble")
  class Assemble {

    @Test
    @DisplayName("gives each new event the user's items up to its own seq, newest first")
    void itemsUpToOwnSeqNewestFirst() {
      List<StoredEvent> batch = List.of(
          stored(view("e40", "u1", "i40"), 40),
          stored(view("e50", "u1", "i50"), 50));
      Map<String, List<RecentItem>> recent = Map.of("u1", rowsNewestFirst(10, 20, 30, 40, 50));

      List<SequenceUpdate> updates = SequenceAssembler.assemble(batch, recent);

      assertEquals(2, updates.size());
      assertEquals(List.of("i40", "i30", "i20", "i10"), updates.get(0).recentItems());
      assertEquals(List.of("i50", "i40", "i30", "i20", "i10"), updates.get(1).recentItems());
    }

    @Test
    @DisplayName("carries the trigger event's user, id, item, type and receipt time")
    void carriesTheTrigger() {
      StoredEvent event = new StoredEvent(view("e7", "u1", "i7"), 7, 123_456L);

      SequenceUpdate update = SequenceAssembler.assemble(List.of(event), Map.of("u1", rowsNewestFirst(7))).get(0);

      assertEquals(new SequenceUpdate("u1", "e7", "i7", "view", List.of("i7"), 123_456L), update);
    }

    @Test
    @DisplayName("caps the items at RECENT_ITEMS, keeping the newest")
    void capsAtRecentItems() {
      long[] seqs = LongStream.rangeClosed(1, RECENT_ITEMS + 10).toArray();
      List<StoredEvent> batch = List.of(stored(view("e-last", "u1", "i" + seqs[seqs.length - 1]), seqs[seqs.length - 1]));

      List<String> items = SequenceAssembler.assemble(batch, Map.of("u1", rowsNewestFirst(seqs))).get(0).recentItems();

      assertEquals(RECENT_ITEMS, items.size());
      assertEquals("i" + (RECENT_ITEMS + 10), items.get(0));
      assertEquals("i11", items.get(RECENT_ITEMS - 1));
    }

    @Test
    @DisplayName("gives a search (no item) the items stored before it")
    void searchGetsItemsBeforeIt() {
      List<StoredEvent> batch = List.of(
          stored(view("e20", "u1", "i20"), 20),
          stored(search("e25", "u1"), 25),
          stored(view("e30", "u1", "i30"), 30));
      Map<String, List<RecentItem>> recent = Map.of("u1", rowsNewestFirst(10, 20, 30));

      SequenceUpdate searchUpdate = SequenceAssembler.assemble(batch, recent).get(1);

      assertNull(searchUpdate.itemId());
      assertEquals("search", searchUpdate.type());
      assertEquals(List.of("i20", "i10"), searchUpdate.recentItems());
    }

    @Test
    @DisplayName("keeps users apart and gives a user without rows an empty history")
    void usersAreKeptApart() {
      List<StoredEvent> batch = List.of(
          stored(view("a", "u1", "i2"), 2),
          stored(search("b", "u2"), 3),
          stored(view("c", "u3", "i4"), 4));
      Map<String, List<RecentItem>> recent = Map.of(
          "u1", rowsNewestFirst(1, 2),
          "u3", List.of(new RecentItem("i4", 4, true)));

      List<SequenceUpdate> updates = SequenceAssembler.assemble(batch, recent);

      assertEquals(List.of(List.of("i2", "i1"), List.of(), List.of("i4")),
          updates.stream().map(SequenceUpdate::recentItems).toList());
      assertEquals(List.of("u1", "u2", "u3"), updates.stream().map(SequenceUpdate::userId).toList());
    }

    @Test
    @DisplayName("names the user's purchases stored up to each event, distinct, newest first")
    void purchasesUpToEachEvent() {
      List<StoredEvent> batch = List.of(stored(view("a", "u1", "i5"), 5), stored(view("b", "u1", "i7"), 7));
      Map<String, List<RecentItem>> recent = Map.of("u1", List.of(
          new RecentItem("i7", 7, true), new RecentItem("i5", 5, true), new RecentItem("p6", 6, true),
          new RecentItem("p6", 6, false), new RecentItem("p3", 3, false), new RecentItem("p6", 2, false)));

      List<SequenceUpdate> updates = SequenceAssembler.assemble(batch, recent);

      assertEquals(List.of("p3", "p6"), updates.get(0).purchasedItems());
      assertEquals(List.of("p6", "p3"), updates.get(1).purchasedItems());
      assertEquals(List.of("i7", "i5", "p6"), updates.get(1).recentItems());
    }
  }

  @Nested
  @DisplayName("batch helpers")
  class Helpers {

    @Test
    @DisplayName("firstOfEachId keeps the first of duplicate ids, in order")
    void firstOfEachIdKeepsFirst() {
      BehaviorEvent firstA = view("a", "u1", "first");
      BehaviorEvent b = view("b", "u1", "x");
      BehaviorEvent secondA = view("a", "u2", "second");
      BehaviorEvent c = view("c", "u1", "y");

      List<BehaviorEvent> kept = SequenceAssembler.firstOfEachId(List.of(firstA, b, secondA, c, b));

      assertEquals(List.of(firstA, b, c), kept);
      assertSame(firstA, kept.get(0));
    }

    @Test
    @DisplayName("storedInOrder sorts the new rows by seq and pairs each with its event and receipt time")
    void storedInOrderSortsBySeq() {
      Map<String, BehaviorEvent> byId = Map.of(
          "e1", view("e1", "u1", "a"), "e2", view("e2", "u1", "b"), "e3", view("e3", "u2", "c"));
      Map<String, Long> seqById = new LinkedHashMap<>();
      seqById.put("e3", 30L);
      seqById.put("e1", 10L);
      seqById.put("e2", 20L);
      Map<String, Long> receivedAt = Map.of("e1", 100L, "e2", 200L, "e3", 300L);

      List<StoredEvent> stored = SequenceAssembler.storedInOrder(byId, seqById, receivedAt);

      assertEquals(List.of(
          new StoredEvent(byId.get("e1"), 10, 100),
          new StoredEvent(byId.get("e2"), 20, 200),
          new StoredEvent(byId.get("e3"), 30, 300)), stored);
    }

    @Test
    @DisplayName("storedInOrder leaves out events the database skipped as duplicates")
    void storedInOrderOnlyNamesNewRows() {
      Map<String, BehaviorEvent> byId = Map.of("e1", view("e1", "u1", "a"), "dup", view("dup", "u1", "b"));

      List<StoredEvent> stored = SequenceAssembler.storedInOrder(byId, Map.of("e1", 5L), Map.of("e1", 50L));

      assertEquals(List.of(new StoredEvent(byId.get("e1"), 5, 50)), stored);
    }
  }
}
