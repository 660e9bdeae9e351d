package dev.recstream.model.streaming;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Dense int ids for item ids, handed out in first-seen order, so that the streaming model keeps
 * its per-item state in arrays indexed by id: a request then costs one String look-up per recent
 * item instead of one per neighbour. Ids are never reused or forgotten.
 *
 * <p>Not thread-safe, like the model that owns it.
 */
final class ItemIndex {
  /** What {@link #idOf} returns for an item it has never seen. */
  static final int UNKNOWN = -1;

  private final Map<String, Integer> ids = new HashMap<>();
  private String[] names = new String[64];

  /** The item's id, or {@link #UNKNOWN}; never adds the item (requests must not grow the index). */
  int idOf(String item) {
    Integer id = ids.get(item);
    return id == null ? UNKNOWN : id;
  }

  /** The item's id, giving it the next free id when it is new. */
  int intern(String item) {
    Integer id = ids.get(item);
    if (id != null) {
      return id;
    }
    int next = ids.size();
    if (next == names.length) {
      names = Arrays.copyOf(names, 2 * next);
    }
    names[next] = item;
    ids.put(item, next);
    return next;
  }

  /** The item id behind an int id. */
  String name(int id) {
    return names[id];
  }

  /** How many items have an id; ids run from 0 to size() - 1. */
  int size() {
    return ids.size();
  }

  /** Compares two ids by their item ids' String order: the tie-break of every ranking. */
  int compareNames(int a, int b) {
    return names[a].compareTo(names[b]);
  }
}
