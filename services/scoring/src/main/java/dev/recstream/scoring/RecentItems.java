package dev.recstream.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each recently active user's newest items (newest first), as the last stored event of theirs
 * carried them: so a search can rerank for a user without reading the history from PostgreSQL.
 * Bounded to the most recently active users; a user it does not hold (inactive since this node
 * started, or evicted) is read from the store instead. The verticle's thread owns it.
 */
final class RecentItems {
  private final Map<String, List<String>> byUser;

  RecentItems(int maxUsers) {
    this.byUser = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
        return size() > maxUsers;
      }
    };
  }

  /** The user's items after an event of theirs was stored (the update's list, shared, never changed). */
  void stored(String userId, List<String> recentItems) {
    byUser.put(userId, recentItems);
  }

  Optional<List<String>> of(String userId) {
    return Optional.ofNullable(byUser.get(userId));
  }

  /** The user was erased. */
  void forget(String userId) {
    byUser.remove(userId);
  }

  /** Events were imported straight into the store: any user's items may have changed. */
  void forgetAll() {
    byUser.clear();
  }

  int size() {
    return byUser.size();
  }
}
