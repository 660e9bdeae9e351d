package dev.recstream.scoring;

import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of served lists ({@code recId}): 96 random bits as 16 URL-safe characters, unique enough
 * that two lists never share one in practice (a collision among a billion ids has odds of about
 * 1 in 10<sup>11</sup>), short enough for a client to carry in every click's context. Random, not
 * sequential, so ids from different scoring nodes need no coordination.
 */
final class RecIds {
  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  private RecIds() {}

  static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] bits = new byte[12];
    random.nextBytes(bits);
    return URL_SAFE.encodeToString(bits);
  }
}
