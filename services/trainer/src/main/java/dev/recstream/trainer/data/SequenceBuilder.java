package dev.recstream.trainer.data;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects events per user (users in first-sight order, items indexed in first-sight order) and
 * builds the dataset. Every reader feeds one.
 */
final class SequenceBuilder {
  private final ItemVocabulary vocabulary = new ItemVocabulary();
  private final Map<String, UserEvents> users = new LinkedHashMap<>();
  private final Map<Integer, int[]> attributes = new HashMap<>();
  private final Map<String, String> typeNames = new HashMap<>();
  private final boolean timed;
  private final boolean typed;

  /**
   * @param timed whether events carry times: sequences are then sorted by sort key and keep
   *     their timestamps
   * @param typed whether events carry a behavior type
   */
  SequenceBuilder(boolean timed, boolean typed) {
    this.timed = timed;
    this.typed = typed;
  }

  ItemVocabulary vocabulary() {
    return vocabulary;
  }

  /** Appends an untimed, untyped event; returns the item's index. */
  int add(String userId, String itemId) {
    return add(userId, itemId, 0L, 0L, null);
  }

  /** Appends an event; returns the item's index. */
  int add(String userId, String itemId, long sortKey, long timestamp, String type) {
    int item = vocabulary.add(itemId);
    String sharedType = type == null ? null : typeNames.computeIfAbsent(type, t -> t);
    users.computeIfAbsent(userId, u -> new UserEvents(timed, typed)).add(item, sortKey, timestamp, sharedType);
    return item;
  }

  /** Adds {@code attributeId} to the item's attributes unless it is there already. */
  void addAttribute(int item, int attributeId) {
    int[] current = attributes.get(item);
    if (current == null) {
      attributes.put(item, new int[] {attributeId});
    } else if (Arrays.stream(current).noneMatch(a -> a == attributeId)) {
      int[] grown = Arrays.copyOf(current, current.length + 1);
      grown[current.length] = attributeId;
      attributes.put(item, grown);
    }
  }

  /** Replaces the item's attributes. */
  void putAttributes(int item, int[] attributeIds) {
    attributes.put(item, attributeIds);
  }

  /** Adds {@code offset} milliseconds to every timestamp of the user read so far. */
  void shiftTimestamps(String userId, long offset) {
    UserEvents events = users.get(userId);
    if (events != null) {
      events.shiftTimestamps(offset);
    }
  }

  SequenceDataset build(String name) {
    List<UserSequence> sequences = new ArrayList<>(users.size());
    users.forEach((userId, events) -> sequences.add(events.toSequence(userId)));
    return new SequenceDataset(name, vocabulary, sequences, attributes);
  }
}
