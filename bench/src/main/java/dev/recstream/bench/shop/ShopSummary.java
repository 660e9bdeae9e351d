package dev.recstream.bench.shop;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a generated shop turned out to be, for the one line the command prints.
 *
 * @param users users written (every one has events)
 * @param items catalog size asked for
 * @param itemsSeen distinct items that occur in the events (the readers' item count)
 * @param events events written
 * @param topItems how many items are the top 1 % of the catalog (at least 1)
 * @param topShare share of the events on the {@code topItems} most frequent items
 * @param seconds wall time of the generation
 * @param file the data file
 * @param attributes the item attributes file written beside it, or null
 */
public record ShopSummary(int users, int items, int itemsSeen, long events, int topItems, double topShare,
    double seconds, Path file, Path attributes) {

  /** The summary of events counted per item ({@code itemEvents[id]}, index 0 unused). */
  static ShopSummary of(int users, int[] itemEvents, double seconds, Path file, Path attributes) {
    int items = itemEvents.length - 1;
    int[] counts = Arrays.copyOfRange(itemEvents, 1, itemEvents.length);
    Arrays.sort(counts);
    long events = 0;
    int seen = 0;
    for (int c : counts) {
      events += c;
      seen += c > 0 ? 1 : 0;
    }
    int top = Math.max(1, items / 100);
    long onTop = 0;
    for (int i = counts.length - top; i < counts.length; i++) {
      onTop += counts[i];
    }
    return new ShopSummary(users, items, seen, events, top, events == 0 ? 0 : (double) onTop / events, seconds, file, attributes);
  }

  public double eventsPerUser() {
    return (double) events / users;
  }

  /** E.g. "shop-data: 100,000 users, 49,871 of 50,000 items seen, 2,000,000 events; …". */
  public String line() {
    return String.format(Locale.ROOT, "shop-data: %,d users, %,d of %,d items seen, %,d events; the top 1 %% of items (%,d) "
        + "take %.1f %% of events; %.1f events per user; %.1f s; wrote %s%s", users, itemsSeen, items, events, topItems,
        100 * topShare, eventsPerUser(), seconds, file, attributes == null ? "" : " and " + attributes);
  }
}
