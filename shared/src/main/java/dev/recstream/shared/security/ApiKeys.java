package dev.recstream.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys a gateway accepts, configured as {@code name:role[+role…]:sha256-hex} entries
 * ({@code RECSTREAM_API_KEYS}, comma-separated). Clients send the secret as {@code Authorization:
 * Bearer <key>}; it is hashed and compared in constant time with every configured hash, so the
 * secrets never sit in configuration, logs or memory.
 */
public final class ApiKeys {
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<ApiKey> keys;

  private ApiKeys(List<ApiKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** No keys: the API is open (development, or {@code run --insecure}). */
  public static ApiKeys none() {
    return new ApiKeys(List.of());
  }

  /**
   * Parses configured entries.
   *
   * @throws IllegalArgumentException naming the entry and the rule it breaks
   */
  public static ApiKeys parse(List<String> entries) {
    List<ApiKey> keys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String entry : entries) {
      ApiKey key = parseEntry(entry.trim());
      if (!names.add(key.name())) {
        throw new IllegalArgumentException("API key '" + key.name() + "' is configured twice");
      }
      keys.add(key);
    }
    return new ApiKeys(keys);
  }

  /** Checks one entry; the message names the rule it breaks (for configuration errors). */
  public static ApiKey parseEntry(String entry) {
    String[] parts = entry.split(":", -1);
    String shape = "must be name:role[+role…]:sha256-hex (roles ingest, read, admin)";
    if (parts.length != 3) {
      throw new IllegalArgumentException("API key entry " + shape + ", got " + describe(entry));
    }
    String name = parts[0];
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("API key name must be 1 to 64 letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String label : parts[1].split("\\+")) {
      Role role = Role.of(label);
      if (role == null) {
        throw new IllegalArgumentException("API key '" + name + "': unknown role '" + label + "' (roles: ingest, read, admin)");
      }
      roles.add(role);
    }
    if (!parts[2].matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("API key '" + name + "': the hash must be 64 hex digits (SHA-256 of the key; "
          + "`recstream keygen` prints one), not the key itself");
    }
    return new ApiKey(name, roles, HEX.parseHex(parts[2].toLowerCase(java.util.Locale.ROOT)));
  }

  /** An entry that is not the expected shape may hold a secret: show only its length. */
  private static String describe(String entry) {
    return "an entry of " + entry.length() + " characters";
  }

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  public int size() {
    return keys.size();
  }

  /** The key whose hash matches {@code presented}; every configured hash is compared. */
  public Optional<ApiKey> authenticate(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(presented);
    ApiKey found = null;
    for (ApiKey key : keys) {
      if (MessageDigest.isEqual(hash, key.sha256()) && found == null) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The hex SHA-256 of a key, as configured. */
  public static String hash(String key) {
    return HEX.formatHex(sha256(key));
  }

  /** A new random key: 32 bytes, URL-safe base64 with a {@code rs_} prefix. */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "rs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
