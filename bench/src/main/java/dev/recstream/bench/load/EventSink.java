package dev.recstream.bench.load;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Where events go: the HTTP intake or the Kafka topic. Sends must not block on the answer (the
 * schedule is open loop); answers are booked in the {@link Meter} when they come.
 */
interface EventSink extends AutoCloseable {
  /** Sends the events that fell due in one tick of the schedule. */
  void send(List<JsonObject> events);

  /** Waits, at most {@code millis}, for the answers to every send so far. */
  void drain(long millis) throws InterruptedException;

  @Override
  void close();
}
