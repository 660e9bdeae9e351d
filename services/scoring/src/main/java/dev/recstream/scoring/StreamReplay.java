package dev.recstream.scoring;

import dev.recstream.model.streaming.Recommender;

import dev.recstream.shared.bus.ReplayEvents;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays stored item events, in storage order, into a {@link Recommender} as if they had just
 * streamed past: so a scoring node that starts (or restarts) knows what was stored before it.
 * Each user's recent items are rebuilt on the way, exactly as the store would have sent them.
 */
final class StreamReplay {
  private StreamReplay() {}

  /**
   * @param events oldest first
   * @return how many events were replayed
   */
  static int replay(List<ReplayEvents.UserItem> events, Recommender recommender) {
    Map<String, Deque<String>> recentByUser = new HashMap<>();
    for (ReplayEvents.UserItem event : events) {
      String userId = event.userId();
      String itemId = event.itemId();
      Deque<String> recent = recentByUser.computeIfAbsent(userId, u -> new ArrayDeque<>());
      recent.addFirst(itemId);
      if (recent.size() > SequenceUpdate.RECENT_ITEMS) {
        recent.removeLast();
      }
      recommender.learn(new SequenceUpdate(userId, null, itemId, "replay", new ArrayList<>(recent), 0));
    }
    return events.size();
  }
}
