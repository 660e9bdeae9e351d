package dev.recstream.shared.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aFullBucketAllowsItsBurstThenRefillsAtTheRate() {
    TokenBucket bucket = new TokenBucket(2, 4, 0);
    for (int i = 0; i < 4; i++) {
      assertTrue(bucket.tryTake(0), "burst " + i);
    }
    assertFalse(bucket.tryTake(0));
    assertEquals(1, bucket.secondsUntilToken(0));
    assertTrue(bucket.tryTake(SECOND / 2), "one token after half a second at 2/s");
    assertFalse(bucket.tryTake(SECOND / 2));
    assertTrue(bucket.tryTake(10 * SECOND));
  }

  @Test
  void savingsAreCappedAtTheBurst() {
    TokenBucket bucket = new TokenBucket(1, 2, 0);
    int taken = 0;
    while (bucket.tryTake(100 * SECOND)) {
      taken++;
    }
    assertEquals(2, taken);
  }

  @Test
  void retryAfterRoundsUpToWholeSeconds() {
    TokenBucket bucket = new TokenBucket(0.25, 1, 0);
    assertTrue(bucket.tryTake(0));
    assertEquals(4, bucket.secondsUntilToken(0));
    assertEquals(2, bucket.secondsUntilToken(2 * SECOND));
  }
}
