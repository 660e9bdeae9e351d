package dev.recstream.scoring;

import dev.recstream.model.streaming.Recommender;
import dev.recstream.scoring.rules.BusinessRules;
import dev.recstream.shared.bus.ScoredItem;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Runs every scoring request of a node through the live model, batching those that arrive
 * together, and applies the business rules to each list.
 *
 * <p>An in-memory model answers at once on the event loop. A blocking model (ONNX Runtime) runs on
 * workers, in {@code lanes} parallel lanes (one per core the model may use). A user always goes
 * to the same lane, and a lane runs one call at a time, so one user's lists come out in the order
 * of their events. Requests arriving while a lane's call runs queue up and go together in its
 * next call — natural batching, so a burst costs one model call per batch instead of one per
 * request, and a lone request waits for nobody. The queue is bounded by the model work waiting:
 * a request of a user not yet waiting fails fast (the caller answers 503) once {@code maxQueued}
 * users wait in all lanes, instead of the queue growing without limit. A request of a user who
 * already waits adds no model work (see conflation below) and joins, up to a hard bound of
 * {@link #REQUESTS_PER_QUEUED_USER} times {@code maxQueued} requests that keeps memory bounded.
 *
 * <p>Conflation: several waiting requests of one user are scored once, with the newest request's
 * history, and every one of them is answered with that list (each after its own rules). An older
 * event's list is out of date once a newer event of the same user is known, so nothing is lost,
 * and under a backlog the model's work grows with the users waiting, not with their events: the
 * deeper the queue, the more requests one call answers.
 *
 * <p>All methods run on the owning verticle's event loop.
 */
final class ScoreBatcher {
  /**
   * A scored list and the model version that produced it.
   *
   * @param items the list after the business rules, at most k items
   * @param ranked the model's list before the rules, {@code depth} items deep or shorter when the
   *     model had no more (kept so a later look-up can apply the rules again, see {@link LatestLists})
   */
  record Scored(List<ScoredItem> items, String model, List<ScoredItem> ranked, int depth) {}

  /** Thrown (as a failed future) when the queue is full. */
  static final class OverloadedException extends RuntimeException {
    OverloadedException(int users, int requests) {
      super("scoring is overloaded: " + users + " users (" + requests + " requests) are waiting for the model");
    }
  }

  private record Request(List<String> recentItems, Set<String> excluded, int k, Promise<Scored> result) {}

  /** Most users scored in one model call. */
  static final int MAX_BATCH = 256;

  /** With {@code maxQueued} users waiting, at most this many requests each on average. */
  static final int REQUESTS_PER_QUEUED_USER = 8;

  private final Context context;
  private final LiveModel live;
  private final BusinessRules rules;
  private final int maxQueued;
  private final Lane[] lanes;
  /** Requests waiting in all lanes. */
  private int queued;
  /** Users waiting in all lanes: the model calls' work to come. */
  private int queuedUsers;
  private long batches;
  private long conflated;
  private long batchedRequests;

  /** The waiting requests of one lane, by user, and whether its model call is running. */
  private static final class Lane {
    /** Users in the order of their oldest waiting request; each user's requests in arrival order. */
    final LinkedHashMap<String, List<Request>> waiting = new LinkedHashMap<>();
    boolean running;
  }

  ScoreBatcher(Context context, LiveModel live, BusinessRules rules, int maxQueued, int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes: must be 1 or more, was " + lanes);
    }
    this.context = context;
    this.live = live;
    this.rules = rules;
    this.maxQueued = maxQueued;
    this.lanes = new Lane[lanes];
    for (int i = 0; i < lanes; i++) {
      this.lanes[i] = new Lane();
    }
  }

  /**
   * The top {@code k} for a user after the business rules.
   *
   * @param userId picks the lane, so that one user's requests are answered in order
   * @param recentItems newest first
   * @param excluded items the rules keep out (the user's purchases)
   */
  Future<Scored> score(String userId, List<String> recentItems, Set<String> excluded, int k) {
    Lane lane = lanes[Math.floorMod(userId.hashCode(), lanes.length)];
    List<Request> waiting = lane.waiting.get(userId);
    if (waiting == null ? queuedUsers >= maxQueued : queued >= (long) maxQueued * REQUESTS_PER_QUEUED_USER) {
      return Future.failedFuture(new OverloadedException(queuedUsers, queued));
    }
    if (waiting == null) {
      waiting = new ArrayList<>(1);
      lane.waiting.put(userId, waiting);
      queuedUsers++;
    }
    Promise<Scored> result = Promise.promise();
    waiting.add(new Request(recentItems, excluded, k, result));
    queued++;
    if (!lane.running) {
      runNext(lane);
    }
    return result.future();
  }

  /** Mean requests answered per model call so far, for logs and metrics. */
  double meanBatchSize() {
    return batches == 0 ? 0 : (double) batchedRequests / batches;
  }

  /** Requests answered with the list of a newer request of the same user, so far. */
  long conflated() {
    return conflated;
  }

  private void runNext(Lane lane) {
    while (!lane.waiting.isEmpty()) {
      // Up to MAX_BATCH users, each with all of their waiting requests.
      List<List<Request>> batch = new ArrayList<>(Math.min(lane.waiting.size(), MAX_BATCH));
      Iterator<List<Request>> users = lane.waiting.values().iterator();
      int requests = 0;
      while (users.hasNext() && batch.size() < MAX_BATCH) {
        List<Request> user = users.next();
        users.remove();
        batch.add(user);
        requests += user.size();
      }
      queued -= requests;
      queuedUsers -= batch.size();
      conflated += requests - batch.size();
      batches++;
      batchedRequests += requests;
      LiveModel.Lease lease = live.acquire();
      Recommender model = lease.model();
      List<List<String>> inputs = batch.stream().map(user -> user.get(user.size() - 1).recentItems()).toList();
      int depth = batch.stream().flatMap(List::stream)
          .mapToInt(r -> BusinessRules.fetchDepth(r.k(), r.excluded().size())).max().orElse(1);
      if (!model.blocking()) {
        try {
          complete(batch, model.recommendAll(inputs, depth), model.version(), depth);
        } catch (RuntimeException e) {
          fail(batch, e);
        } finally {
          lease.close();
        }
        continue;
      }
      lane.running = true;
      context.owner().executeBlocking(() -> model.recommendAll(inputs, depth), false)
          .andThen(done -> lease.close())
          .onComplete(done -> {
            lane.running = false;
            if (done.succeeded()) {
              complete(batch, done.result(), model.version(), depth);
            } else {
              fail(batch, done.cause());
            }
            runNext(lane);
          });
      return;
    }
  }

  private void complete(List<List<Request>> batch, List<List<ScoredItem>> lists, String version, int depth) {
    for (int i = 0; i < batch.size(); i++) {
      List<ScoredItem> ranked = lists.get(i);
      for (Request r : batch.get(i)) {
        r.result().complete(new Scored(rules.apply(ranked, r.excluded(), r.k()), version, ranked, depth));
      }
    }
  }

  private static void fail(List<List<Request>> batch, Throwable cause) {
    batch.forEach(user -> user.forEach(r -> r.result().fail(cause)));
  }
}
