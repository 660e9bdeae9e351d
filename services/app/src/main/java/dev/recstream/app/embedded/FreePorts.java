package dev.recstream.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds free TCP ports on the loopback interface and checks that a chosen one is free. */
final class FreePorts {

  private FreePorts() {
  }

  /**
   * Returns {@code requested} unless it is 0, in which case the operating system picks a port
   * that is free right now. Servers that persist their data need a concrete port before they
   * start, so they cannot bind to port 0 themselves; the short window between closing this
   * socket and the server binding is an accepted race on a developer machine.
   */
  static int resolve(int requested) {
    if (requested < 0 || requested > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + requested);
    }
    return requested != 0 ? requested : pickFree();
  }

  /**
   * Fails fast when {@code port} is taken: PostgreSQL would otherwise be waited for until
   * zonky's 10 s start-up timeout, and Kafka would log a fatal error with stack traces first.
   */
  static void requireFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      // Bound and released at once: the port is free.
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use", e);
    }
  }

  /**
   * Picks a free port that is not {@code taken}: a port the caller holds for another server but
   * has not bound yet (a broker port freed by a restart is often the next one the OS hands out).
   */
  static int pickFreeOtherThan(int taken) {
    for (int attempt = 0; attempt < 16; attempt++) {
      int port = pickFree();
      if (port != taken) {
        return port;
      }
    }
    throw new IllegalStateException("could not find a free TCP port on 127.0.0.1 other than " + taken);
  }

  private static int pickFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free TCP port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
