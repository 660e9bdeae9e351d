package dev.recstream.trainer.data;

import dev.recstream.model.SequenceDataset;

/**
 * Builds a {@link SequenceDataset} from stored event rows as the live store returns them, one
 * page at a time: call {@link #add} for every row, in any order, then {@link #build}.
 *
 * <p>Why a builder and not a list of rows: continuous training reads the whole event table (a
 * million rows and more) in pages; each row goes straight into per-user primitive arrays (the
 * same {@link SequenceBuilder} the file readers use), so neither the pages' JSON nor row objects
 * need to be kept.
 *
 * <ul>
 *   <li>Each user's items are sorted by (ts, arrival order): the store may return rows in any
 *       order, and events with the same microsecond keep the order they were added in.
 *   <li>Rows without an item (searches) are skipped; a user who only searched has no sequence.
 *   <li>Categories become item attributes exactly as the {@code events-csv} reader encodes them
 *       ({@link CategoryAttributes}), so a model trained on either source sees the same features.
 *   <li>Timestamps are stored in the sequences as epoch milliseconds, the unit of {@link
 *       dev.recstream.model.UserSequence}; sorting uses the full microseconds.
 * </ul>
 *
 * <p>Not thread-safe: one thread adds the pages.
 */
public final class EventRowsDataset {
  private final SequenceBuilder builder = new SequenceBuilder(true, true);
  private final CategoryAttributes categories = new CategoryAttributes();
  private long rowsAdded;
  private long rowsSkipped;
  private boolean built;

  /**
   * Adds one stored event row.
   *
   * @param userId the user, required and non-empty
   * @param itemId the item, or null for an event without one (a search): the row is then skipped
   * @param type the event type's wire name, required
   * @param tsMicros the event time in epoch microseconds
   * @param category the item's category, or null/empty when unknown
   * @return this builder
   * @throws IllegalArgumentException naming the field and the rule a row breaks
   * @throws IllegalStateException after {@link #build}
   */
  public EventRowsDataset add(String userId, String itemId, String type, long tsMicros, String category) {
    if (built) {
      throw new IllegalStateException("the dataset is already built: its item vocabulary must not grow after build()");
    }
    long row = rowsAdded + rowsSkipped;
    if (userId == null || userId.isEmpty()) {
      throw new IllegalArgumentException("userId: required and non-empty (row " + row + ")");
    }
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("type: required and non-empty (row " + row + ", user " + userId + ")");
    }
    if (itemId == null) {
      rowsSkipped++;
      return this;
    }
    if (itemId.isEmpty()) {
      throw new IllegalArgumentException("itemId: must be null or non-empty (row " + row + ", user " + userId + ")");
    }
    int item = builder.add(userId, itemId, tsMicros, Math.floorDiv(tsMicros, 1000L), type);
    categories.add(builder, item, category);
    rowsAdded++;
    return this;
  }

  /** Rows that went into sequences so far. */
  public long rowsAdded() {
    return rowsAdded;
  }

  /** Rows skipped so far because they have no item (searches). */
  public long rowsSkipped() {
    return rowsSkipped;
  }

  /**
   * The dataset of every row added: users in first-sight order, items indexed in first-sight
   * order, users without items absent. The dataset shares this builder's item vocabulary, so no
   * row may be added afterwards (a growing vocabulary would change the dataset's item count).
   */
  public SequenceDataset build(String name) {
    built = true;
    return builder.build(name);
  }
}
