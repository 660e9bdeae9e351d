package dev.recstream.store;

import dev.recstream.shared.bus.AppendResult;
import dev.recstream.shared.bus.EventBatch;
import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.event.BehaviorEvent;
import dev.recstream.store.SequenceAssembler.RecentItem;
import dev.recstream.store.SequenceAssembler.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes event batches to PostgreSQL, merging the requests that arrive while a write is under way
 * into the next write ("natural" batching: no timer, so an idle system writes at once and a busy
 * one writes big batches). Requests are answered only after their rows are committed. The queue
 * is bounded: past {@code maxPending} queued events new requests fail fast, which intake turns
 * into 503 / a paused consumer instead of unbounded memory.
 *
 * <p>Not thread-safe: used from its verticle's event loop only.
 */
final class EventWriter {
  private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);
  private final Pool pool;
  private final int maxBatch;
  private final int maxPending;
  private final Consumer<List<SequenceUpdate>> onStored;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int queuedEvents;
  private boolean writing;
  private List<Pending> inFlight = List.of();

  /** Thrown (as a failed future) when the queue is full. */
  static final class OverloadedException extends RuntimeException {
    OverloadedException(String message) {
      super(message, null, false, false);
    }
  }

  private record Pending(EventBatch batch, Promise<AppendResult> reply, long queuedAtNanos) {

    /** Whether the sender would give up before a write started now could be answered. */
    boolean tooLate(long nowMillis) {
      return batch.deadlineMillis() > 0 && batch.deadlineMillis() - nowMillis < EventBatch.WRITE_MARGIN_MILLIS;
    }
  }



  EventWriter(Pool pool, int maxBatch, int maxPending, Consumer<List<SequenceUpdate>> onStored) {
    this.pool = pool;
    this.maxBatch = maxBatch;
    this.maxPending = maxPending;
    this.onStored = onStored;
  }

  /** Queues a batch; completes once every event of it is durable. */
  Future<AppendResult> append(EventBatch batch) {
    if (batch.events().isEmpty()) {
      return Future.succeededFuture(new AppendResult(0, 0));
    }
    if (queuedEvents + batch.events().size() > maxPending) {
      return Future.failedFuture(new OverloadedException(
          "the store has " + queuedEvents + " events queued (limit " + maxPending + ")"));
    }
    Promise<AppendResult> reply = Promise.promise();
    queue.add(new Pending(batch, reply, System.nanoTime()));
    queuedEvents += batch.events().size();
    writeNextIfIdle();
    return reply.future();
  }

  /** Completes when everything queued or being written so far is done (or failed): for shutdown. */
  Future<Void> drain() {
    List<Future<AppendResult>> all = new ArrayList<>();
    inFlight.forEach(p -> all.add(p.reply().future()));
    queue.forEach(p -> all.add(p.reply().future()));
    return Future.join(all).<Void>mapEmpty().otherwiseEmpty();
  }

  int queuedEvents() {
    return queuedEvents;
  }

  private void writeNextIfIdle() {
    if (writing || queue.isEmpty()) {
      return;
    }
    failExpired();
    if (queue.isEmpty()) {
      return;
    }
    writing = true;
    List<Pending> batch = takeUpTo(maxBatch);
    inFlight = batch;
    write(batch).onComplete(ar -> {
      writing = false;
      inFlight = List.of();
      batch.forEach(p -> queuedEvents -= p.batch().events().size());
      if (ar.succeeded()) {
        answer(batch, ar.result());
      } else {
        batch.forEach(p -> p.reply().fail(ar.cause()));
      }
      writeNextIfIdle();
    });
  }

  /**
   * Fails, unwritten, the queued requests whose sender would stop waiting before their write is
   * done: the sender's "not stored" (a 503) must be the truth.
   */
  private void failExpired() {
    long nowMillis = System.currentTimeMillis();
    for (java.util.Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (p.tooLate(nowMillis)) {
        it.remove();
        queuedEvents -= p.batch().events().size();
        p.reply().fail(new OverloadedException("the request waited " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p.queuedAtNanos())
            + " ms in the store's queue, too close to its deadline: not stored"));
      }
    }
  }

  /** Whole requests, at least one, up to about {@code max} events. */
  private List<Pending> takeUpTo(int max) {
    List<Pending> taken = new ArrayList<>();
    int events = 0;
    while (!queue.isEmpty() && (taken.isEmpty() || events + queue.peek().batch().events().size() <= max)) {
      Pending p = queue.poll();
      taken.add(p);
      events += p.batch().events().size();
    }
    return taken;
  }

  /**
   * One round trip for the write and the history read behind it: both statements go out on one
   * connection at once (pipelined), the read right behind the insert, so PostgreSQL runs it as
   * soon as the insert has committed and the read sees the new rows. The read covers every user of
   * the batch (a redelivered event's user too, which costs a few rows), so it need not wait for
   * RETURNING to say which events are new.
   */
  private Future<Set<String>> write(List<Pending> requests) {
    Map<String, BehaviorEvent> byId = new LinkedHashMap<>();
    Map<String, Long> receivedAt = new HashMap<>();
    for (Pending p : requests) {
      for (BehaviorEvent e : p.batch().events()) {
        if (byId.putIfAbsent(e.eventId(), e) == null) {
          receivedAt.put(e.eventId(), p.batch().receivedAtMicros());
        }
      }
    }
    return pool.withConnection(conn -> {
      Future<RowSet<Row>> inserted = conn.preparedQuery(SqlQueries.INSERT_EVENTS).execute(insertParams(byId.values()));
      Future<RowSet<Row>> recent = conn.preparedQuery(SqlQueries.RECENT_ITEMS_OF_USERS).execute(historyParams(byId.values()));
      return inserted.compose(rows -> {
        List<StoredEvent> stored = SequenceAssembler.storedInOrder(byId, seqById(rows), receivedAt);
        return publishUpdates(stored, recent).map(v -> newIds(stored));
      });
    });
  }

  /** The users' recent items and purchases: {@link SequenceAssembler#rowsToRead} rows for each. */
  private static Tuple historyParams(java.util.Collection<BehaviorEvent> events) {
    Map<String, Integer> limits = SequenceAssembler.rowsToRead(events);
    // addValue, not Tuple.of: an Integer[] passed to Tuple.of's varargs would be spread into elements.
    return Tuple.tuple()
        .addValue(limits.keySet().toArray(String[]::new))
        .addValue(limits.values().toArray(Integer[]::new))
        .addValue(SequenceAssembler.PURCHASES);
  }

  /**
   * Hands the updates on once the history read is in. The rows are already committed: a failed
   * read costs only this batch's pushes, never the events, so it does not fail the write.
   */
  private Future<Void> publishUpdates(List<StoredEvent> stored, Future<RowSet<Row>> recent) {
    return recent
        .map(rows -> {
          if (!stored.isEmpty()) {
            onStored.accept(SequenceAssembler.assemble(stored, recentByUser(rows)));
          }
          return (Void) null;
        })
        .otherwise(e -> {
          LOG.warn("recommendation updates lost for a stored batch events={} reason={}", stored.size(), e.getMessage());
          return null;
        });
  }

  private static void answer(List<Pending> requests, Set<String> newIds) {
    Set<String> claimed = new HashSet<>();
    for (Pending p : requests) {
      int stored = 0;
      for (BehaviorEvent e : p.batch().events()) {
        if (newIds.contains(e.eventId()) && claimed.add(e.eventId())) {
          stored++;
        }
      }
      p.reply().complete(new AppendResult(stored, p.batch().events().size() - stored));
    }
  }

  static Tuple insertParams(java.util.Collection<BehaviorEvent> events) {
    int n = events.size();
    String[] ids = new String[n], users = new String[n], items = new String[n], types = new String[n];
    String[] sessions = new String[n], queries = new String[n], contexts = new String[n];
    OffsetDateTime[] ts = new OffsetDateTime[n];
    Double[] values = new Double[n];
    int i = 0;
    for (BehaviorEvent e : events) {
      ids[i] = e.eventId();
      users[i] = e.userId();
      items[i] = e.itemId();
      types[i] = e.type().wireName();
      ts[i] = e.ts().atOffset(ZoneOffset.UTC);
      sessions[i] = e.sessionId();
      queries[i] = e.query();
      values[i] = e.value();
      contexts[i] = e.context().isEmpty() ? null : new io.vertx.core.json.JsonObject(Map.copyOf(e.context())).encode();
      i++;
    }
    return Tuple.tuple().addValue(ids).addValue(users).addValue(items).addValue(types).addValue(ts)
        .addValue(sessions).addValue(queries).addValue(values).addValue(contexts);
  }

  private static Map<String, Long> seqById(RowSet<Row> rows) {
    Map<String, Long> map = new HashMap<>();
    rows.forEach(row -> map.put(row.getString(0), row.getLong(1)));
    return map;
  }

  private static Set<String> newIds(List<StoredEvent> stored) {
    Set<String> ids = new HashSet<>();
    stored.forEach(s -> ids.add(s.event().eventId()));
    return ids;
  }

  private static Map<String, List<RecentItem>> recentByUser(RowSet<Row> rows) {
    Map<String, List<RecentItem>> map = new HashMap<>();
    rows.forEach(row -> map.computeIfAbsent(row.getString(0), u -> new ArrayList<>())
        .add(new RecentItem(row.getString(1), row.getLong(2), row.getBoolean(3))));
    return map;
  }
}
