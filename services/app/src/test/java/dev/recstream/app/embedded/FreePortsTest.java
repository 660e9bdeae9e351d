package dev.recstream.app.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  @DisplayName("a concrete port is kept; 0 becomes a port the OS picks; out of range is refused")
  void resolve() {
    assertEquals(9092, FreePorts.resolve(9092));
    int picked = FreePorts.resolve(0);
    assertNotEquals(0, picked);
    IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> FreePorts.resolve(70_000));
    assertEquals("port must be between 0 and 65535, got 70000", failure.getMessage());
  }

  @Test
  @DisplayName("the controller's port is never the broker's, even when the OS would hand the freed broker port out again")
  void otherThanTaken() throws IOException {
    for (int round = 0; round < 200; round++) {
      int taken;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        taken = socket.getLocalPort();
      }
      assertNotEquals(taken, FreePorts.pickFreeOtherThan(taken));
    }
  }

  @Test
  @DisplayName("a port in use is refused with a message naming it")
  void requireFree() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = busy.getLocalPort();
      IllegalStateException failure = assertThrows(IllegalStateException.class, () -> FreePorts.requireFree(port));
      assertEquals("port " + port + " on 127.0.0.1 is already in use", failure.getMessage());
    }
  }
}
