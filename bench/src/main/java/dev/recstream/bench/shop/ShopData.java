package dev.recstream.bench.shop;

import dev.recstream.trainer.data.DatasetFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a synthetic shop's behaviour data (issue #15): the data the growth benchmark trains and
 * evaluates on at 0.2M to 20M events, in a format {@code recstream train}, {@code eval} and
 * {@code import} read. Three seeded random streams — catalog, user activity, behaviour — so that
 * the catalog does not change when only the user or event counts do.
 */
@Command(name = "shop-data", mixinStandardHelpOptions = true,
    description = "Write a synthetic shop's behaviour data (sequences or events-csv) for training and evaluation.")
public final class ShopData implements Callable<Integer> {
  @Option(names = "--users", defaultValue = "100000", description = "users, each with at least 3 events (default ${DEFAULT-VALUE})")
  int users;
  @Option(names = "--items", defaultValue = "50000", description = "catalog size (default ${DEFAULT-VALUE})")
  int items;
  @Option(names = "--events", defaultValue = "2000000", description = "events in all, exactly (default ${DEFAULT-VALUE})")
  long events;
  @Option(names = "--zipf", defaultValue = "1.0", description = "item popularity exponent (default ${DEFAULT-VALUE})")
  double zipf;
  @Option(names = "--locality", defaultValue = "0.5",
      description = "probability that a session's next item is a related item of the previous one rather than a "
          + "draw from global popularity (default ${DEFAULT-VALUE})")
  double locality;
  @Option(names = "--categories", description = "categories the items are spread over (default: items / 100)")
  Integer categories;
  @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--format", defaultValue = "sequences",
      description = "sequences (plus item2attributes.json beside the file) or events-csv (default ${DEFAULT-VALUE})")
  String format;
  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ShopData()).execute(args));
  }

  @Override
  public Integer call() {
    ShopOptions options;
    try {
      options = new ShopOptions(users, items, events, zipf, locality,
          categories == null ? ShopOptions.defaultCategories(items) : categories, seed, format(format), out);
    } catch (IllegalArgumentException e) {
      System.err.println("shop-data: " + e.getMessage());
      return 2;
    }
    try {
      System.err.println(generate(options).line());
      return 0;
    } catch (IOException e) {
      System.err.println("shop-data: cannot write " + out + ": " + e);
      return 1;
    }
  }

  private static DatasetFormat format(String name) {
    return switch (name) {
      case "sequences" -> DatasetFormat.SEQUENCES;
      case "events-csv" -> DatasetFormat.EVENTS_CSV;
      default -> throw new IllegalArgumentException("--format: must be sequences or events-csv, got '" + name + "'");
    };
  }

  /** Writes the shop {@code options} describe and says what it turned out to be. */
  public static ShopSummary generate(ShopOptions options) throws IOException {
    long start = System.nanoTime();
    Catalog catalog = new Catalog(options.items(), options.categories(), options.zipf(), options.locality(),
        new Random(streamSeed(options.seed(), 1)));
    int[] eventsPerUser = UserActivity.eventsPerUser(options.users(), options.events(), new Random(streamSeed(options.seed(), 2)));
    Shoppers shoppers = new Shoppers(catalog, new Random(streamSeed(options.seed(), 3)));
    boolean sequences = options.format() == DatasetFormat.SEQUENCES;
    Path parent = options.out().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (EventSink sink = sequences ? new SequencesFile(options.out()) : new EventsCsvFile(options.out())) {
      shoppers.writeAll(eventsPerUser, sink);
    }
    Path attributes = sequences ? SequencesFile.writeAttributes(catalog, options.out()) : null;
    return ShopSummary.of(options.users(), shoppers.itemEvents(), (System.nanoTime() - start) / 1e9, options.out(), attributes);
  }

  /** Separate, reproducible streams from one seed (a SplitMix64 step, so nearby seeds do not correlate). */
  private static long streamSeed(long seed, int stream) {
    long z = seed + stream * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
