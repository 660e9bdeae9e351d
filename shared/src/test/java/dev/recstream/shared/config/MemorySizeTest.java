package dev.recstream.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MemorySize")
class MemorySizeTest {
  private static final long HEAP = 4L << 30;

  @Test
  @DisplayName("reads shares of the heap and sizes in k, m and g")
  void reads() {
    assertEquals(2L << 30, MemorySize.bytes("50%", HEAP));
    assertEquals(HEAP, MemorySize.bytes("100%", HEAP));
    assertEquals(512L << 20, MemorySize.bytes("512m", HEAP));
    assertEquals(512L << 20, MemorySize.bytes(" 512MB ", HEAP));
    assertEquals(3L << 29, MemorySize.bytes("1.5g", HEAP));
    assertEquals(800_000L << 10, MemorySize.bytes("800000k", HEAP));
  }

  @Test
  @DisplayName("refuses what it cannot read, naming both forms")
  void refuses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemorySize.bytes("lots", HEAP));
    assertEquals("must be a share of the heap such as 50% or a size such as 512m or 3g, got 'lots'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MemorySize.bytes("0%", HEAP));
    assertThrows(IllegalArgumentException.class, () -> MemorySize.bytes("101%", HEAP));
    assertThrows(IllegalArgumentException.class, () -> MemorySize.bytes("0m", HEAP));
  }

  @Test
  @DisplayName("describes sizes in GB above one GB, else in MB")
  void describes() {
    assertEquals("3.6 GB", MemorySize.describe((long) (3.6 * (1L << 30))));
    assertEquals("512 MB", MemorySize.describe(512L << 20));
  }
}
