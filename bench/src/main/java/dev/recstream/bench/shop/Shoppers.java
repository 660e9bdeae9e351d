package dev.recstream.bench.shop;

import dev.recstream.shared.event.EventType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The users' behaviour, one user after the other: sessions of geometric length (mean {@value
 * #SESSION_MEAN} events) spread over {@value #SPAN_DAYS} days from {@link #START}, events seconds
 * to minutes apart within a session, each next item from {@link Catalog#next} (a user has one
 * favourite category, where sessions tend to start). Types are the
 * load generator's mix (70 % view, 20 % click, 7 % add_to_cart, 3 % purchase), one event per item
 * touched, so that the sequences and events-csv files of the same options hold the same events.
 */
final class Shoppers {
  static final double SESSION_MEAN = 8.0;
  static final int SPAN_DAYS = 90;
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final double SPAN_MILLIS = Duration.ofDays(SPAN_DAYS).toMillis();
  private static final long MIN_EVENT_GAP_MILLIS = 1_000;
  private static final double MEAN_EVENT_GAP_MILLIS = 45_000;
  private static final long SESSION_BREAK_MILLIS = Duration.ofMinutes(30).toMillis();
  private static final EventType[] TYPES = {EventType.VIEW, EventType.CLICK, EventType.ADD_TO_CART, EventType.PURCHASE};
  private static final double[] TYPE_CDF = {0.70, 0.90, 0.97, 1.0};

  private final Catalog catalog;
  private final Random random;
  private final int[] itemEvents;

  /** @param random the behaviour's own random stream, apart from the catalog's */
  Shoppers(Catalog catalog, Random random) {
    this.catalog = catalog;
    this.random = random;
    this.itemEvents = new int[catalog.items() + 1];
  }

  /** Writes every user's events, user 1 first; {@code eventsPerUser[u - 1]} of them for user u. */
  void writeAll(int[] eventsPerUser, EventSink sink) throws IOException {
    for (int u = 1; u <= eventsPerUser.length; u++) {
      sink.beginUser(u);
      writeUser(u, eventsPerUser[u - 1], sink);
      sink.endUser();
    }
  }

  /** Events per item so far (index = item id). */
  int[] itemEvents() {
    return itemEvents;
  }

  /**
   * Session starts are spaced by exponential gaps whose mean spreads the user's expected sessions
   * over the span, so light and heavy users alike cover about the same months, and times only
   * increase within a user.
   */
  private void writeUser(int user, int events, EventSink sink) throws IOException {
    double sessionGapMean = SPAN_MILLIS / (Math.max(1, Math.round(events / SESSION_MEAN)) + 1.0);
    long time = START.toEpochMilli() + exponential(sessionGapMean);
    int favourite = catalog.favouriteCategory(random);
    int left = events;
    while (left > 0) {
      int length = Math.min(left, sessionLength());
      int previous = 0;
      for (int k = 0; k < length; k++) {
        int item = catalog.next(previous, favourite, random);
        sink.event(user, item, type(), time, catalog.categoryOf(item));
        itemEvents[item]++;
        time += MIN_EVENT_GAP_MILLIS + exponential(MEAN_EVENT_GAP_MILLIS);
        previous = item;
      }
      left -= length;
      time += SESSION_BREAK_MILLIS + exponential(sessionGapMean);
    }
  }

  /** At least 1, mean {@link #SESSION_MEAN} (geometric, p = 1/mean), as the load generator's. */
  private int sessionLength() {
    double p = 1.0 / SESSION_MEAN;
    return 1 + (int) Math.floor(Math.log(1 - random.nextDouble()) / Math.log(1 - p));
  }

  private EventType type() {
    double x = random.nextDouble();
    int t = 0;
    while (x >= TYPE_CDF[t] && t < TYPES.length - 1) {
      t++;
    }
    return TYPES[t];
  }

  private long exponential(double mean) {
    return (long) (-mean * Math.log(1 - random.nextDouble()));
  }
}
