package dev.recstream.trainer;

import dev.recstream.shared.config.MemorySize;
import java.util.Locale;

/**
 * The heap a two-stage training may use, and the plan that keeps it there. What a training holds
 * at its peak grows with three things, each with its own cost:
 *
 * <ul>
 *   <li>events: the sequences and their statistics (co-occurrence, transitions, the embeddings'
 *       PPMI matrix), which grow with the distinct item pairs the events form;
 *   <li>items: the embeddings, their neighbour graph and every item's candidate lists;
 *   <li>the users whose rows train the rankers: about 56 ranker rows and 20 tail rows each, held
 *       three times over while LIBLINEAR learns (ours, Tribuo's examples, LIBLINEAR's nodes);
 *       the reranker's trees, trained after, hold them twice on the heap (ours and one z-scored
 *       copy) and once more in XGBoost's native memory, off the heap.
 * </ul>
 *
 * <p>The first two are what the data is; the third is the planner's lever. {@link #plan} gives the
 * rankers as many users as fit (at most the {@code wanted} number), and refuses with a sentence
 * naming the budget and the need when even {@link #MIN_RANKER_USERS} do not: a training either
 * fits its budget or does not start, rather than running the JVM out of memory hours in.
 *
 * <p>The per-unit costs are fitted to the growth benchmark (bench/RESULTS.md, "Training at shop
 * scale"), whose peak live heap (the heap after the GC's marking) was 944 MiB for 0.2 million
 * events over 4,977 items with 10,000 ranker users, 2,314 MiB for 2 million over 49,465 items
 * with 25,000, and 2,940 MiB for 10 million over 198,536 items with 7,826; the estimate is about
 * 13% above each, a margin for what the GC had not yet found dead and for other data. Since the
 * embeddings are derived before the statistics, the 10M run peaked at 2,479 MiB with 13,956
 * ranker users (estimate 3,772): on large data the estimate errs on the safe side by half.
 *
 * @param bytes the budget in bytes
 * @param source how the budget was set, for messages (e.g. "90% of the 4.0 GB heap")
 */
public record TrainingBudget(long bytes, String source) {
  /** Fixed cost: the JVM's own classes, ONNX Runtime, the dataset's vocabulary. */
  static final long BASE_BYTES = 300L << 20;
  /** Per event: the sequences' copies, three item-pair statistics and the PPMI matrix. */
  static final long BYTES_PER_EVENT = 180;
  /** Per item: embeddings and their randomized SVD, the neighbour search, the candidate lists. */
  static final long BYTES_PER_ITEM = 4_000;
  /** Per user whose rows train the rankers (about 76 rows through three representations). */
  static final long BYTES_PER_RANKER_USER = 75_000;
  /** Fewer users than this give the ranker too few rows to learn 27 weights reliably. */
  public static final int MIN_RANKER_USERS = 2_000;

  public TrainingBudget {
    if (bytes <= 0) {
      throw new IllegalArgumentException("bytes: must be more than 0, was " + bytes);
    }
  }

  /**
   * A budget as written in settings and options: a share of this JVM's maximum heap ({@code 90%})
   * or a size ({@code 3g}).
   *
   * @throws IllegalArgumentException naming {@code field} and the forms it accepts
   */
  public static TrainingBudget parse(String text, String field) {
    long maxHeap = Runtime.getRuntime().maxMemory();
    try {
      long bytes = MemorySize.bytes(text, maxHeap);
      String source = text.trim().endsWith("%")
          ? text.trim() + " of the " + MemorySize.describe(maxHeap) + " heap"
          : text.trim();
      return new TrainingBudget(bytes, source);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  /** 90% of this JVM's maximum heap: the default of {@code recstream train} and {@code eval}. */
  public static TrainingBudget defaults() {
    return parse("90%", "budget");
  }

  /** The estimated peak heap of a training on {@code events} over {@code items} with that many ranker users. */
  public static long need(long events, long items, int rankerUsers) {
    return BASE_BYTES + BYTES_PER_EVENT * events + BYTES_PER_ITEM * items + BYTES_PER_RANKER_USER * (long) rankerUsers;
  }

  /**
   * How many users' rows the rankers may learn from: {@code wanted}, or as many as the budget
   * leaves room for.
   *
   * @param users the users in the data (the rankers never need more)
   * @throws TrainingDoesNotFitException when not even {@link #MIN_RANKER_USERS} (or every user, if
   *     fewer) fit
   */
  public int rankerUsers(long events, long items, int users, int wanted) {
    int least = Math.min(MIN_RANKER_USERS, Math.min(users, wanted));
    long room = bytes - need(events, items, 0);
    long fit = room < 0 ? 0 : room / BYTES_PER_RANKER_USER;
    if (fit < least) {
      throw new TrainingDoesNotFitException(String.format(Locale.ROOT,
          "training the two-stage model on %,d events over %,d items needs about %s of heap even with its rankers "
              + "learning from %,d users, more than the training budget of %s; give the JVM more heap (-Xmx) or "
              + "the training a larger budget, or train on fewer events",
          events, items, MemorySize.describe(need(events, items, least)), least, describe()));
    }
    return (int) Math.min(Math.min(users, wanted), fit);
  }

  /**
   * The most events a training over {@code items} items can take within this budget, with its
   * rankers learning from {@link #MIN_RANKER_USERS} users; 0 when not even that fits.
   */
  public long eventsWithin(long items) {
    long room = bytes - need(0, items, MIN_RANKER_USERS);
    return room <= 0 ? 0 : room / BYTES_PER_EVENT;
  }

  /** "3.6 GB (90% of the 4.0 GB heap)", or "2.0 GB" when set as a size. */
  public String describe() {
    String size = MemorySize.describe(bytes);
    return source.equals(size) || !source.contains("%") ? size : size + " (" + source + ")";
  }

  /** A training that its budget cannot hold; the message says how much it would need. */
  public static final class TrainingDoesNotFitException extends IllegalStateException {
    public TrainingDoesNotFitException(String message) {
      super(message);
    }
  }
}
