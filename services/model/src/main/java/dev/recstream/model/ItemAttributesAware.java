package dev.recstream.model;

import java.util.Map;

/**
 * A model that can use item attributes (categories, brand) as content features. The evaluation
 * and the trainer hand them over before {@link NextItemModel#fit}, when the dataset has them.
 */
public interface ItemAttributesAware {

  /** @param attributes per item index, attribute ids; items without attributes are absent */
  void useItemAttributes(Map<Integer, int[]> attributes);
}
