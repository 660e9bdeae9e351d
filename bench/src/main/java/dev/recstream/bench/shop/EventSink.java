package dev.recstream.bench.shop;

import dev.recstream.shared.event.EventType;
import java.io.Closeable;
import java.io.IOException;

/** Where the generated events go, one user at a time, each user's events in time order. */
interface EventSink extends Closeable {
  void beginUser(int user) throws IOException;

  void event(int user, int item, EventType type, long epochMillis, int category) throws IOException;

  void endUser() throws IOException;
}
