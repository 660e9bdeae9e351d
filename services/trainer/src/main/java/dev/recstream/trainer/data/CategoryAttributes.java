package dev.recstream.trainer.data;

import dev.recstream.model.ItemVocabulary;

/**
 * Turns category strings into item attributes, the encoding of the {@code events-csv} reader:
 * dense 1-based category indices in first-sight order, an item collecting every distinct
 * category it was seen with, an empty or absent category meaning none. One instance per dataset,
 * so that every source of rows that must match a CSV-read dataset shares this one definition.
 */
final class CategoryAttributes {
  private final ItemVocabulary categories = new ItemVocabulary();

  /** Records that {@code item} has {@code category}; does nothing for a null or empty category. */
  void add(SequenceBuilder builder, int item, String category) {
    if (category != null && !category.isEmpty()) {
      builder.addAttribute(item, categories.add(category));
    }
  }

  /** How many distinct categories were seen. */
  int size() {
    return categories.size();
  }
}
