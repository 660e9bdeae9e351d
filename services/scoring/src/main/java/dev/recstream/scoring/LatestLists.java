package dev.recstream.scoring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.recstream.shared.bus.ScoredItem;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Each active user's latest list, as the model ranked it after the user's newest stored event, so
 * that a {@code GET …/recommendations} right after a push is a look-up instead of a history read
 * and a model call. The store stays the only source of truth: an entry is used only while it is
 * known to be current.
 *
 * <p>Current means: computed for the newest event this node has heard of for the user, by the
 * model this node serves now, deep enough for the list asked for. Every scoring node hears of
 * every stored event ({@code events.stored}), so {@link #stored} marks the user's entry pending
 * until the list of exactly that event arrives through {@link #computed}; a list of an older event
 * (a slower lane, another node's push) never replaces a newer pending one. Lists are kept as the
 * model ranked them, before business rules, and the caller applies the rules at look-up time, so
 * an item made unavailable since the push never comes back from the cache.
 *
 * <p>Bounded (least recently used users are evicted); thread-safe.
 */
final class LatestLists {

  /** A list and what it was computed from. */
  record Ranked(String triggerEventId, List<ScoredItem> ranked, int depth, Set<String> excluded, String model,
      long itemsKnown, Instant generatedAt) {
    Ranked {
      ranked = List.copyOf(ranked);
      excluded = Set.copyOf(excluded);
    }
  }

  /** An event was stored whose list is not here yet. */
  private record Pending(String triggerEventId) {}

  private final Cache<String, Object> byUser;

  /** @param maxUsers the most users whose lists are kept */
  LatestLists(long maxUsers) {
    this.byUser = Caffeine.newBuilder().maximumSize(maxUsers).build();
  }

  /** The user's newest event is {@code triggerEventId}: any list of theirs is out of date now. */
  void stored(String userId, String triggerEventId) {
    byUser.put(userId, new Pending(Objects.requireNonNull(triggerEventId, "triggerEventId")));
  }

  /** The list computed after {@code list.triggerEventId()}; kept only if that is still the newest event. */
  void computed(String userId, Ranked list) {
    byUser.asMap().computeIfPresent(userId, (user, entry) ->
        entry instanceof Pending pending && pending.triggerEventId().equals(list.triggerEventId()) ? list : entry);
  }

  /**
   * The user's list if it is current for {@code model} and was ranked at least as deep as
   * {@code depthNeeded} says for it. A list shorter than the depth it was ranked at is complete at
   * any depth as long as the model knows no more items than it did then ({@code itemsKnown}: a
   * frozen model never does; a model learning from the stream may have met new ones since, and a
   * new user's first, empty list must not outlive that).
   */
  Optional<Ranked> current(String userId, String model, long itemsKnown, ToIntFunction<Ranked> depthNeeded) {
    if (!(byUser.getIfPresent(userId) instanceof Ranked list) || !list.model().equals(model)) {
      return Optional.empty();
    }
    boolean modelHadNoMore = list.ranked().size() < list.depth();
    boolean usable = modelHadNoMore ? list.itemsKnown() == itemsKnown : list.depth() >= depthNeeded.applyAsInt(list);
    return usable ? Optional.of(list) : Optional.empty();
  }

  /** GDPR erase: nothing of the user stays. */
  void forget(String userId) {
    byUser.invalidate(userId);
  }

  /**
   * Events were imported straight into the store, unannounced: any user's list may predate some
   * of their events, so none is known to be current.
   */
  void forgetAll() {
    byUser.invalidateAll();
  }

  long size() {
    byUser.cleanUp();
    return byUser.estimatedSize();
  }
}
