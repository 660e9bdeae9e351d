package dev.recstream.shared.security;

import java.util.Set;

/**
 * A configured API key: its name (for logs and rate limits), its roles and the SHA-256 of the
 * secret. The secret itself is never configured or kept.
 */
public record ApiKey(String name, Set<Role> roles, byte[] sha256) {

  public ApiKey {
    roles = Set.copyOf(roles);
    sha256 = sha256.clone();
  }

  /** Whether this key may act in {@code role}; admin may act in every role. */
  public boolean allows(Role role) {
    return roles.contains(Role.ADMIN) || roles.contains(role);
  }
}
