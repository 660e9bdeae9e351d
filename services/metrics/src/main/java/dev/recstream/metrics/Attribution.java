package dev.recstream.metrics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Credits users' events to the recommendation lists served to them before (issue #13, item 1).
 *
 * <p>The rules, as the README states them:
 * <ul>
 *   <li>Every list served — pushed after an event or returned by a GET — is an <em>impression</em>
 *       of the model (and experiment variant) that made it.
 *   <li>A later item event of the user is <em>evaluated</em> when some list was served to the user
 *       in the {@link #window} before it. It is a <em>hit</em> for a list when its item is in that
 *       list: the list its {@code context.recId} names, when the client sends one and the list is
 *       still kept; otherwise the newest list of the window that holds the item. A miss is
 *       counted against the newest list of the window.
 *   <li>A hit by a {@code click} or {@code view} marks its list <em>clicked</em>, one by a
 *       {@code purchase} marks it <em>converted</em> and adds the event's {@code value} to the
 *       list's revenue. Click-through and conversion rates are lists clicked and converted over
 *       impressions, each list counted once however many events it earned.
 * </ul>
 *
 * <p>Memory is bounded: the newest {@link #LISTS_PER_USER} lists of at most {@code maxUsers}
 * users (least recently active dropped first). A {@code recId} of a list no longer kept, or of
 * another user's list, falls back to the window rule and is counted as {@link Tally#unknownRecIds}.
 * Time is passed in (epoch milliseconds), so the rules are tested without a clock. Not
 * thread-safe: one verticle owns it.
 */
final class Attribution {
  /** How long a served list can earn credit without a {@code recId}. */
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
  /** Lists kept per user: with a push after every event, about the last few minutes of a visit. */
  static final int LISTS_PER_USER = 8;

  /**
   * Who made a list: the model version, and the experiment and the user's variant in it (both
   * null outside experiments).
   */
  record Source(String model, String experiment, String variant) {
    Source {
      Objects.requireNonNull(model, "model");
    }

    /** A list made outside experiments. */
    static Source of(String model) {
      return new Source(model, null, null);
    }
  }

  /** A list as the attribution needs it. */
  record ServedList(String recId, String userId, List<String> items, Source source, boolean pushed, long servedAtMillis) {}

  /** What one event did, for the caller's windowed counters. */
  record Credit(Source source, boolean hit, boolean newClick, boolean newConversion, boolean purchase, double revenue) {
    static final Credit NONE = new Credit(null, false, false, false, false, 0);

    boolean evaluated() {
      return source != null;
    }
  }

  /** Totals of one source since start. */
  static final class Tally {
    long pushed;
    long requested;
    long evaluated;
    long hits;
    long clickedLists;
    long convertedLists;
    long purchases;
    double revenue;
    long byRecId;
    long unknownRecIds;

    long impressions() {
      return pushed + requested;
    }

    double hitRate() {
      return evaluated == 0 ? 0 : (double) hits / evaluated;
    }
  }

  /** A kept list and what it has earned so far. */
  private static final class Kept {
    final ServedList list;
    boolean clicked;
    boolean converted;

    Kept(ServedList list) {
      this.list = list;
    }
  }

  private final long windowMillis;
  private final LinkedHashMap<String, ArrayDeque<Kept>> byUser;
  private final Map<Source, Tally> tallies = new LinkedHashMap<>();

  Attribution(Duration window, int maxUsers) {
    this.windowMillis = window.toMillis();
    this.byUser = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Kept>> eldest) {
        return size() > maxUsers;
      }
    };
  }

  Duration window() {
    return Duration.ofMillis(windowMillis);
  }

  /** A list was served: an impression, and a list later events can be credited to. */
  void served(ServedList list) {
    Tally tally = tally(list.source());
    if (list.pushed()) {
      tally.pushed++;
    } else {
      tally.requested++;
    }
    ArrayDeque<Kept> lists = byUser.computeIfAbsent(list.userId(), u -> new ArrayDeque<>(LISTS_PER_USER));
    if (lists.size() == LISTS_PER_USER) {
      lists.removeFirst();
    }
    lists.addLast(new Kept(list));
  }

  /**
   * A stored event of {@code userId}; searches (null item) earn nothing.
   *
   * @param type the event's wire type
   * @param recId the event's {@code context.recId}, or null
   * @param value the event's {@code value} (a purchase's price), or null
   */
  Credit event(String userId, String itemId, String type, String recId, Double value, long nowMillis) {
    if (itemId == null) {
      return Credit.NONE;
    }
    ArrayDeque<Kept> lists = byUser.get(userId);
    if (lists == null) {
      return Credit.NONE;
    }
    Kept named = recId == null ? null : find(lists, recId);
    Kept newest = newestInWindow(lists, nowMillis);
    if (named == null && newest == null) {
      return Credit.NONE;
    }
    Kept credited = named != null && named.list.items().contains(itemId) ? named : newestHolding(lists, itemId, nowMillis);
    Kept judged = credited != null ? credited : named != null ? named : newest;
    Tally tally = tally(judged.list.source());
    tally.evaluated++;
    if (recId != null && named == null) {
      tally.unknownRecIds++;
    }
    if (credited == null) {
      return new Credit(judged.list.source(), false, false, false, false, 0);
    }
    tally.hits++;
    if (credited == named) {
      tally.byRecId++;
    }
    return earn(credited, tally, type, value);
  }

  private static Credit earn(Kept credited, Tally tally, String type, Double value) {
    boolean newClick = false;
    boolean newConversion = false;
    boolean purchase = "purchase".equals(type);
    double revenue = 0;
    if (("click".equals(type) || "view".equals(type)) && !credited.clicked) {
      credited.clicked = true;
      tally.clickedLists++;
      newClick = true;
    }
    if (purchase) {
      tally.purchases++;
      revenue = value == null ? 0 : value;
      tally.revenue += revenue;
      if (!credited.converted) {
        credited.converted = true;
        tally.convertedLists++;
        newConversion = true;
      }
    }
    return new Credit(credited.list.source(), true, newClick, newConversion, purchase, revenue);
  }

  private static Kept find(ArrayDeque<Kept> lists, String recId) {
    for (Kept kept : lists) {
      if (kept.list.recId().equals(recId)) {
        return kept;
      }
    }
    return null;
  }

  private Kept newestInWindow(ArrayDeque<Kept> lists, long nowMillis) {
    Kept newest = lists.peekLast();
    return newest != null && inWindow(newest, nowMillis) ? newest : null;
  }

  private Kept newestHolding(ArrayDeque<Kept> lists, String itemId, long nowMillis) {
    Iterator<Kept> newestFirst = lists.descendingIterator();
    while (newestFirst.hasNext()) {
      Kept kept = newestFirst.next();
      if (!inWindow(kept, nowMillis)) {
        return null;
      }
      if (kept.list.items().contains(itemId)) {
        return kept;
      }
    }
    return null;
  }

  private boolean inWindow(Kept kept, long nowMillis) {
    return nowMillis - kept.list.servedAtMillis() <= windowMillis;
  }

  /** Everything kept about a user (GDPR erase); the totals they contributed to stay. */
  void forget(String userId) {
    byUser.remove(userId);
  }

  Map<Source, Tally> tallies() {
    return tallies;
  }

  private Tally tally(Source source) {
    return tallies.computeIfAbsent(source, s -> new Tally());
  }
}
