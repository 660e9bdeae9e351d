package dev.recstream.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The items a dataset or model knows, as dense 1-based indices (0 is padding, as in the model
 * package's input contract, CONTRACT §6). Ids are assigned in order of first sight.
 */
public final class ItemVocabulary {
  private final Map<String, Integer> indexById = new HashMap<>();
  private final List<String> idByIndex = new ArrayList<>(List.of(""));

  /** The index of {@code itemId}, adding it if new. */
  public int add(String itemId) {
    Integer index = indexById.get(itemId);
    if (index != null) {
      return index;
    }
    idByIndex.add(itemId);
    indexById.put(itemId, idByIndex.size() - 1);
    return idByIndex.size() - 1;
  }

  /** The index of {@code itemId}, or 0 when unknown. */
  public int indexOf(String itemId) {
    return indexById.getOrDefault(itemId, 0);
  }

  /** The id at {@code index} (1 ≤ index ≤ size). */
  public String idOf(int index) {
    return idByIndex.get(index);
  }

  /** How many items: indices run from 1 to size(). */
  public int size() {
    return idByIndex.size() - 1;
  }
}
