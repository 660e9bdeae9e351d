package dev.recstream.shared.config;

/** A setting is unknown or malformed; the message is one sentence that names it. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
