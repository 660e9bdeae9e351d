package dev.recstream.shared.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** Checks one raw setting value against its rule; errors name the setting and where it came from. */
final class SettingParser {
  private SettingParser() {}

  /**
   * @param raw a String (environment, flags) or a JSON value (file)
   * @param origin e.g. "environment variable RECSTREAM_HTTP_PORT" or "config.yaml key httpPort"
   * @return the value as the config record stores it: String, Integer or List of String
   */
  static Object parse(Setting setting, Object raw, String origin) {
    String text = String.valueOf(raw).trim();
    return switch (setting.kind()) {
      case TEXT -> requireNonEmpty(text, origin);
      case HOST -> requireHost(text, origin);
      case PORT -> requireInt(raw, text, origin, 0, 65_535);
      case POSITIVE_INT -> requireInt(raw, text, origin, 1, Integer.MAX_VALUE);
      case NON_NEGATIVE_INT -> requireInt(raw, text, origin, 0, Integer.MAX_VALUE);
      case API_KEY_LIST -> requireApiKeys(raw, text, origin);
      case ORIGIN_LIST -> requireOrigins(raw, text, origin);
      case PG_URL -> requirePgUrl(text, origin);
      case HOST_PORT_LIST -> requireHostPortList(raw, text, origin);
      case LOG_LEVEL -> requireLogLevel(text, origin);
      case MEMORY_SIZE -> requireMemorySize(text, origin);
    };
  }

  private static String requireNonEmpty(String text, String origin) {
    if (text.isEmpty()) {
      throw new ConfigException(origin + " must not be empty");
    }
    return text;
  }

  private static String requireMemorySize(String text, String origin) {
    try {
      MemorySize.bytes(text, Runtime.getRuntime().maxMemory());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(origin + " " + e.getMessage());
    }
    return text;
  }

  private static String requireLogLevel(String text, String origin) {
    String level = text.toUpperCase(java.util.Locale.ROOT);
    if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(level)) {
      throw new ConfigException(origin + " must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got '" + text + "'");
    }
    return level;
  }

  private static String requireHost(String text, String origin) {
    requireNonEmpty(text, origin);
    if (!text.matches("[A-Za-z0-9.\\-:\\[\\]]+")) {
      throw new ConfigException(origin + " must be a host name or IP address, got '" + text + "'");
    }
    return text;
  }

  private static int requireInt(Object raw, String text, String origin, int min, int max) {
    long value;
    if (raw instanceof Number n && n.doubleValue() == n.longValue()) {
      value = n.longValue();
    } else {
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new ConfigException(origin + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
      }
    }
    if (value < min || value > max) {
      throw new ConfigException(origin + " must be a whole number from " + min + " to " + max + ", got " + value);
    }
    return (int) value;
  }

  private static String requirePgUrl(String text, String origin) {
    String rule = " must look like postgresql://user:password@host:port/database, got '" + redact(text) + "'";
    try {
      URI uri = new URI(text);
      boolean schemeOk = "postgresql".equals(uri.getScheme()) || "postgres".equals(uri.getScheme());
      if (!schemeOk || uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
        throw new ConfigException(origin + rule);
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(origin + rule);
    }
    return text;
  }

  private static List<String> listOf(Object raw, String text) {
    List<String> items = raw instanceof List<?> list
        ? list.stream().map(o -> String.valueOf(o).trim()).toList()
        : List.of(text.split(","));
    return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static List<String> requireApiKeys(Object raw, String text, String origin) {
    List<String> entries = listOf(raw, text);
    try {
      dev.recstream.shared.security.ApiKeys.parse(entries);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(origin + ": " + e.getMessage());
    }
    return entries;
  }

  private static List<String> requireOrigins(Object raw, String text, String origin) {
    List<String> origins = listOf(raw, text);
    for (String o : origins) {
      if (!o.equals("*") && !o.matches("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?")) {
        throw new ConfigException(origin + " must be * or origins like https://shop.example.com[:port], got '" + o + "'");
      }
    }
    return origins;
  }

  private static List<String> requireHostPortList(Object raw, String text, String origin) {
    List<String> members = raw instanceof List<?> list
        ? list.stream().map(o -> String.valueOf(o).trim()).toList()
        : List.of(text.split(","));
    List<String> trimmed = members.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (trimmed.isEmpty()) {
      throw new ConfigException(origin + " must list at least one host:port");
    }
    for (String member : trimmed) {
      int colon = member.lastIndexOf(':');
      if (colon <= 0) {
        throw new ConfigException(origin + " must be host:port[,host:port…], got '" + member + "'");
      }
      requireInt(null, member.substring(colon + 1), origin + " (port of " + member + ")", 1, 65_535);
    }
    return trimmed;
  }

  /**
   * Hides the credentials of a database URL in error messages: everything from the user's
   * password (or the user, when no password separator is found) up to the last {@code @}, so a
   * malformed URL or a password containing {@code @} does not leak either.
   */
  static String redact(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int slashes = url.indexOf("//");
    int start = slashes < 0 || slashes > at ? 0 : slashes + 2;
    int colon = url.indexOf(':', start);
    int hideFrom = colon < 0 || colon > at ? start : colon + 1;
    return url.substring(0, hideFrom) + "***" + url.substring(at);
  }
}
