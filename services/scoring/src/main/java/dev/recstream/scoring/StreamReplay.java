package dev.recstream.scoring;

import dev.recstream.model.streaming.Recommender;

import dev.recstream.shared.bus.SequenceUpdate;
import io.vertx.core.json.JsonArray;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Replays stored item events, in storage order, into a {@link Recommender} as if they had just
 * streamed past: so a scoring node that starts (or restarts) knows what was stored before it.
 * Each user's recent items are rebuilt on the way, exactly as the store would have sent them.
 */
final class StreamReplay {
  private StreamReplay() {}

  /**
   * @param events {@code [[userId, itemId], ...]} oldest first
   * @return how many events were replayed
   */
  static int replay(JsonArray events, Recommender recommender) {
    Map<String, Deque<String>> recentByUser = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      JsonArray event = events.getJsonArray(i);
      String userId = event.getString(0);
      String itemId = event.getString(1);
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
