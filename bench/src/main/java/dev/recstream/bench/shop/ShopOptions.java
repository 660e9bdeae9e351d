package dev.recstream.bench.shop;

import dev.recstream.trainer.data.DatasetFormat;
import java.nio.file.Path;

/**
 * What one generated shop looks like. A record rather than picocli fields so that tests can build
 * one without a command line; the checks name the option a bad value came from.
 *
 * @param users distinct users; each gets at least {@value #MIN_EVENTS_PER_USER} events
 * @param items catalog size (item ids 1..items)
 * @param events events in all, exactly
 * @param zipf item popularity exponent: item of popularity rank r is drawn with weight 1 / r^zipf
 * @param locality probability that a session's next item is one of the previous item's related
 *     items rather than a draw from global popularity
 * @param categories how many categories the items are spread over (equal sizes, ±1)
 * @param seed random seed: same options, same bytes
 * @param format {@link DatasetFormat#SEQUENCES} or {@link DatasetFormat#EVENTS_CSV}
 * @param out the file to write
 */
public record ShopOptions(int users, int items, long events, double zipf, double locality, int categories, long seed,
    DatasetFormat format, Path out) {
  /** Leave-one-out needs a training, a validation and a test item per user. */
  public static final int MIN_EVENTS_PER_USER = 3;

  public ShopOptions {
    positive("--users", users);
    if (items < 2) {
      throw new IllegalArgumentException("--items: must be at least 2, got " + items);
    }
    if (events < (long) MIN_EVENTS_PER_USER * users) {
      throw new IllegalArgumentException("--events: must be at least " + MIN_EVENTS_PER_USER + " × --users ("
          + (long) MIN_EVENTS_PER_USER * users + "), so that leave-one-out keeps every user, got " + events);
    }
    if (!(zipf >= 0 && zipf <= 10)) {
      throw new IllegalArgumentException("--zipf: must be between 0 (uniform) and 10, got " + zipf);
    }
    if (!(locality >= 0 && locality <= 1)) {
      throw new IllegalArgumentException("--locality: must be a probability between 0 and 1, got " + locality);
    }
    if (categories < 1 || categories > items) {
      throw new IllegalArgumentException("--categories: must be between 1 and --items (" + items + "), got " + categories);
    }
    if (format != DatasetFormat.SEQUENCES && format != DatasetFormat.EVENTS_CSV) {
      throw new IllegalArgumentException("--format: must be sequences or events-csv, got "
          + (format == null ? "none" : format.wireName()));
    }
    if (out == null) {
      throw new IllegalArgumentException("--out: the file to write is required");
    }
  }

  /** The command line's defaults (one category per 100 items) with the given counts, format and file. */
  public static ShopOptions of(int users, int items, long events, DatasetFormat format, Path out) {
    return new ShopOptions(users, items, events, 1.0, 0.5, defaultCategories(items), 42L, format, out);
  }

  /** One category per 100 items, at least one. */
  public static int defaultCategories(int items) {
    return Math.max(1, items / 100);
  }

  public ShopOptions withSeed(long s) {
    return new ShopOptions(users, items, events, zipf, locality, categories, s, format, out);
  }

  public ShopOptions withZipf(double z) {
    return new ShopOptions(users, items, events, z, locality, categories, seed, format, out);
  }

  public ShopOptions withLocality(double l) {
    return new ShopOptions(users, items, events, zipf, l, categories, seed, format, out);
  }

  public ShopOptions withFormat(DatasetFormat f, Path file) {
    return new ShopOptions(users, items, events, zipf, locality, categories, seed, f, file);
  }

  public ShopOptions withOut(Path file) {
    return new ShopOptions(users, items, events, zipf, locality, categories, seed, format, file);
  }

  private static void positive(String option, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + ": must be at least 1, got " + value);
    }
  }
}
