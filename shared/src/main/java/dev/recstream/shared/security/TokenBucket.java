package dev.recstream.shared.security;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up. Time comes
 * from the caller (nanoseconds), so it is testable and needs no clock of its own. Not thread-safe:
 * one event loop owns each bucket.
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be > 0 and burst ≥ 1");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Takes one token if there is one. */
  public boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Whole seconds until a token is available (at least 1), for {@code Retry-After}. */
  public long secondsUntilToken(long nowNanos) {
    refill(nowNanos);
    double missing = Math.max(0, 1 - tokens);
    return Math.max(1, (long) Math.ceil(missing / ratePerNano / 1e9));
  }

  private void refill(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - lastNanos);
    tokens = Math.min(burst, tokens + elapsed * ratePerNano);
    lastNanos = nowNanos;
  }
}
