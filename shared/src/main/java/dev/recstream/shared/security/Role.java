package dev.recstream.shared.security;

import java.util.Locale;

/**
 * What an API key may do (CONTRACT §5, issue #4). {@link #ADMIN} may do everything.
 */
public enum Role {
  /** Send events ({@code POST /v1/events}) and catalog data ({@code PUT /v1/items/…}). */
  INGEST,
  /** Read recommendations, events, similar items, the live feed and the metrics summary. */
  READ,
  /** Models, user erasure, Prometheus metrics — and everything the other roles may do. */
  ADMIN;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code ingest}, {@code read} or {@code admin}; null when unknown. */
  static Role of(String label) {
    for (Role role : values()) {
      if (role.label().equals(label)) {
        return role;
      }
    }
    return null;
  }
}
