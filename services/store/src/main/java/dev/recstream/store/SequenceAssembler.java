package dev.recstream.store;

import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.event.BehaviorEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Turns one committed batch into the {@link SequenceUpdate}s scoring needs: for each newly stored
 * event, in storage order, the user's recent items as they stood right after it was stored.
 */
final class SequenceAssembler {
  /** How many recent items travel with each update. */
  static final int RECENT_ITEMS = SequenceUpdate.RECENT_ITEMS;

  /** How many of a user's newest purchases are read, so that rules can leave them out. */
  static final int PURCHASES = SequenceUpdate.PURCHASES;

  /**
   * A stored item event of a user: one of the newest ({@code recent}) or one of the newest
   * purchases.
   */
  record RecentItem(String itemId, long seq, boolean recent) {}

  /** A newly stored event and its storage position. */
  record StoredEvent(BehaviorEvent event, long seq, long receivedAtMicros) {}

  private SequenceAssembler() {}

  /**
   * How many recent rows to read per user so that the oldest of the user's events in the batch
   * still sees a full window.
   */
  static Map<String, Integer> rowsToRead(Collection<BehaviorEvent> events) {
    Map<String, Integer> limits = new LinkedHashMap<>();
    for (BehaviorEvent e : events) {
      limits.merge(e.userId(), RECENT_ITEMS + 1, (a, b) -> a + 1);
    }
    return limits;
  }

  /**
   * @param stored the new events in storage order
   * @param recentByUser each user's newest item rows (ts desc, seq desc), read after the commit
   */
  static List<SequenceUpdate> assemble(List<StoredEvent> stored, Map<String, List<RecentItem>> recentByUser) {
    List<SequenceUpdate> updates = new ArrayList<>(stored.size());
    for (StoredEvent s : stored) {
      BehaviorEvent e = s.event();
      List<RecentItem> rows = recentByUser.getOrDefault(e.userId(), List.of());
      updates.add(new SequenceUpdate(e.userId(), e.eventId(), e.itemId(), e.type().wireName(), itemsUpTo(rows, s.seq()),
          purchasesUpTo(rows, s.seq()), s.receivedAtMicros(), e.context().get(BehaviorEvent.REC_ID), e.value(), e.query()));
    }
    return updates;
  }

  /** The user's items stored no later than {@code seq}, newest first, at most {@link #RECENT_ITEMS}. */
  static List<String> itemsUpTo(List<RecentItem> rows, long seq) {
    List<String> items = new ArrayList<>(RECENT_ITEMS);
    for (RecentItem row : rows) {
      if (row.recent() && row.seq() <= seq) {
        items.add(row.itemId());
        if (items.size() == RECENT_ITEMS) {
          break;
        }
      }
    }
    return items;
  }

  /** The distinct items the user purchased no later than {@code seq}, newest first. */
  static List<String> purchasesUpTo(List<RecentItem> rows, long seq) {
    Set<String> items = new LinkedHashSet<>();
    for (RecentItem row : rows) {
      if (!row.recent() && row.seq() <= seq) {
        items.add(row.itemId());
      }
    }
    return List.copyOf(items);
  }

  /** Keeps the first event of each id, in order: the in-batch duplicates the database also skips. */
  static List<BehaviorEvent> firstOfEachId(List<BehaviorEvent> events) {
    Map<String, BehaviorEvent> byId = new LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
    return new ArrayList<>(byId.values());
  }

  /** Orders the rows RETURNING named as new by their storage position. */
  static List<StoredEvent> storedInOrder(Map<String, BehaviorEvent> byId, Map<String, Long> seqById, Map<String, Long> receivedAt) {
    List<StoredEvent> stored = new ArrayList<>(seqById.size());
    seqById.forEach((id, seq) -> stored.add(new StoredEvent(byId.get(id), seq, receivedAt.get(id))));
    stored.sort((a, b) -> Long.compare(a.seq(), b.seq()));
    return stored;
  }
}
