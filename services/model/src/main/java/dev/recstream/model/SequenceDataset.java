package dev.recstream.model;

import java.util.List;
import java.util.Map;

/**
 * Behavior sequences of many users over one item vocabulary: what every reader produces and
 * every model and evaluation consumes.
 *
 * @param itemAttributes per item index, attribute ids (categories, brand), empty when the source
 *     has none
 */
public record SequenceDataset(String name, ItemVocabulary items, List<UserSequence> users, Map<Integer, int[]> itemAttributes) {

  public SequenceDataset {
    users = List.copyOf(users);
    itemAttributes = Map.copyOf(itemAttributes);
  }

  public SequenceDataset(String name, ItemVocabulary items, List<UserSequence> users) {
    this(name, items, users, Map.of());
  }

  /** Total number of actions over all users. */
  public long actions() {
    return users.stream().mapToLong(UserSequence::length).sum();
  }
}
