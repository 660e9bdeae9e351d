package dev.recstream.shared.event;

import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns one untrusted, already JSON-decoded value into a {@link BehaviorEvent}, or into every
 * reason it breaks CONTRACT §1. Pure logic: no Vert.x instance, no clock of its own.
 *
 * <p>Reasons read {@code "<field>: <rule>"} and come in a stable order: the fields in the order of
 * the contract's table, then unknown fields sorted by name. Lengths are counted in Unicode code
 * points, so an emoji counts as one character.
 */
public final class EventValidator {

  public static final int MAX_ID_LENGTH = 128;
  public static final int MAX_QUERY_LENGTH = 512;
  public static final int MAX_CONTEXT_KEYS = 32;
  public static final int MAX_CONTEXT_KEY_LENGTH = 64;
  public static final int MAX_CONTEXT_VALUE_LENGTH = 256;
  /** How far ahead of the time of receipt an event's {@code ts} may lie (client clock skew). */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

  /** The contract's fields, in the order of its table, which is also the order of the reasons. */
  public static final List<String> FIELDS =
      List.of("eventId", "userId", "itemId", "type", "ts", "sessionId", "query", "value", "context");

  static final String NOT_AN_OBJECT = "event: must be a JSON object";
  static final String TS_FORMAT =
      "ts: must be an ISO-8601 instant (e.g. 2026-11-23T10:15:30Z) or epoch milliseconds";

  private static final Set<String> KNOWN_FIELDS = Set.copyOf(FIELDS);
  private static final String SEARCH = EventType.SEARCH.wireName();

  private EventValidator() {}

  /**
   * Validates one event as decoded by Vert.x JSON.
   *
   * @param raw one decoded element, normally a {@link JsonObject}; anything else is rejected
   * @param defaultEventId the id to use when the event has none (a UUID for HTTP, the Kafka
   *     coordinates for the consumer)
   * @param now the time of receipt: the default {@code ts} and the base of the future limit
   * @return the accepted event, or all reasons it was rejected
   */
  public static ValidationResult validate(Object raw, String defaultEventId, Instant now) {
    Objects.requireNonNull(defaultEventId, "defaultEventId");
    Objects.requireNonNull(now, "now");
    if (!(raw instanceof JsonObject json)) {
      return ValidationResult.invalid(List.of(NOT_AN_OBJECT));
    }
    return new Check(json, now).run(defaultEventId);
  }

  /** One validation pass over one object; collects the reasons while reading the fields. */
  private static final class Check {
    private final JsonObject json;
    private final Instant now;
    private final List<String> reasons = new ArrayList<>();

    Check(JsonObject json, Instant now) {
      this.json = json;
      this.now = now;
    }

    ValidationResult run(String defaultEventId) {
      // Whether itemId and query are required depends on the raw type; reading it here, before the
      // type rule reports anything, keeps the reasons in table order.
      boolean isSearch = SEARCH.equals(json.getValue("type"));
      String eventId = optionalString("eventId", MAX_ID_LENGTH, true);
      String userId = requiredString("userId", "userId: required", MAX_ID_LENGTH, true);
      String itemId = isSearch
          ? optionalString("itemId", MAX_ID_LENGTH, true)
          : requiredString("itemId", "itemId: required unless type is search", MAX_ID_LENGTH, true);
      EventType type = type();
      Instant ts = ts();
      // Control characters in sessionId and eventId are a deliberate tightening of CONTRACT §1,
      // which names the rule only for userId and itemId: ids end up in logs, headers and keys.
      String sessionId = optionalString("sessionId", MAX_ID_LENGTH, true);
      String query = isSearch
          ? requiredString("query", "query: required for type search", MAX_QUERY_LENGTH, false)
          : optionalString("query", MAX_QUERY_LENGTH, false);
      Double value = value(type);
      Map<String, String> context = context();
      rejectUnknownFields();
      if (!reasons.isEmpty()) {
        return ValidationResult.invalid(reasons);
      }
      return ValidationResult.valid(new BehaviorEvent(
          eventId == null ? defaultEventId : eventId,
          userId, itemId, type, ts, sessionId, query, value, context));
    }

    /** JSON null counts as absent for every field, so an optional null is simply not there. */
    private String optionalString(String field, int maxLength, boolean rejectControl) {
      Object value = json.getValue(field);
      return value == null ? null : checkString(field, value, maxLength, rejectControl);
    }

    private String requiredString(String field, String whenMissing, int maxLength, boolean rejectControl) {
      Object value = json.getValue(field);
      if (value == null) {
        reasons.add(whenMissing);
        return null;
      }
      return checkString(field, value, maxLength, rejectControl);
    }

    private String checkString(String field, Object value, int maxLength, boolean rejectControl) {
      if (!(value instanceof String text)) {
        reasons.add(field + ": must be a string");
        return null;
      }
      int before = reasons.size();
      int length = codePoints(text);
      if (length < 1 || length > maxLength) {
        reasons.add(field + ": must be 1 to " + maxLength + " characters");
      }
      if (rejectControl && text.codePoints().anyMatch(Character::isISOControl)) {
        reasons.add(field + ": must not contain control characters");
      } else {
        unstorable(field, text);
      }
      return reasons.size() == before ? text : null;
    }

    /** Records why {@code text} cannot be stored (see {@link TextRules#unstorable}); true if so. */
    private boolean unstorable(String field, String text) {
      String rule = TextRules.unstorable(text);
      if (rule != null) {
        reasons.add(field + ": " + rule);
      }
      return rule != null;
    }

    private EventType type() {
      Object value = json.getValue("type");
      if (value == null) {
        reasons.add("type: required");
        return null;
      }
      EventType type = value instanceof String name ? EventType.fromWireName(name).orElse(null) : null;
      if (type == null) {
        reasons.add("type: must be one of " + EventType.WIRE_NAMES);
      }
      return type;
    }

    private Instant ts() {
      Object value = json.getValue("ts");
      if (value == null) {
        return now;
      }
      Instant ts = parseInstant(value);
      if (ts == null) {
        reasons.add(TS_FORMAT);
      } else if (probablySeconds(value)) {
        long number = ((Number) value).longValue();
        reasons.add("ts: " + number + " is too small for epoch milliseconds (it would be " + ts
            + "); if it is epoch seconds (" + Instant.ofEpochSecond(number) + "), send " + number * 1000
            + " or an ISO-8601 instant");
      } else if (ts.isBefore(Instant.EPOCH)) {
        reasons.add("ts: must not be negative");
      } else if (ts.isAfter(now.plus(MAX_FUTURE))) {
        reasons.add("ts: must not be more than 5 minutes in the future");
      }
      return ts;
    }

    /** A rating without its number says nothing, so {@code rate} needs a value; others may have one. */
    private Double value(EventType type) {
      Object value = json.getValue("value");
      if (value == null) {
        if (type == EventType.RATE) {
          reasons.add("value: required for type rate (the rating)");
        }
        return null;
      }
      // Numbers in strings are refused rather than coerced: "4.5" is a client bug worth seeing.
      if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
        return number.doubleValue();
      }
      reasons.add("value: must be a finite number");
      return null;
    }

    private Map<String, String> context() {
      Object value = json.getValue("context");
      if (value == null) {
        return Map.of();
      }
      if (!(value instanceof JsonObject context)) {
        reasons.add("context: must be an object of string values");
        return null;
      }
      if (context.size() > MAX_CONTEXT_KEYS) {
        reasons.add("context: at most " + MAX_CONTEXT_KEYS + " keys");
      }
      Map<String, String> entries = new LinkedHashMap<>();
      for (String key : context.fieldNames()) {
        String entry = contextEntry(key, context.getValue(key));
        if (entry != null) {
          entries.put(key, entry);
        }
      }
      return entries;
    }

    private String contextEntry(String key, Object value) {
      String field = "context." + shorten(key);
      int keyLength = codePoints(key);
      if (keyLength < 1 || keyLength > MAX_CONTEXT_KEY_LENGTH) {
        reasons.add(field + ": key must be 1 to " + MAX_CONTEXT_KEY_LENGTH + " characters");
      }
      boolean badKey = unstorable(field, key);
      if (!(value instanceof String text)) {
        reasons.add(field + ": must be a string");
        return null;
      }
      if (codePoints(text) > MAX_CONTEXT_VALUE_LENGTH) {
        reasons.add(field + ": must be at most " + MAX_CONTEXT_VALUE_LENGTH + " characters");
        return null;
      }
      return unstorable(field, text) || badKey ? null : text;
    }

    private void rejectUnknownFields() {
      json.fieldNames().stream()
          .filter(name -> !KNOWN_FIELDS.contains(name))
          .sorted()
          .forEach(name -> reasons.add(shorten(name) + ": unknown field"));
    }
  }

  /**
   * An integral number below this (1973-03-03 as milliseconds, the year 5138 as seconds) is taken
   * for epoch seconds sent by mistake: stored as milliseconds it would land in January 1970.
   */
  static final long SMALLEST_EPOCH_MILLIS = 100_000_000_000L;

  private static boolean probablySeconds(Object value) {
    if (!(value instanceof Integer || value instanceof Long)) {
      return false;
    }
    long number = ((Number) value).longValue();
    return number >= 0 && number < SMALLEST_EPOCH_MILLIS;
  }

  /**
   * Epoch milliseconds must be an integral JSON number; a fraction or a number in a string is
   * refused, since either usually means the client sent seconds or a formatted value by mistake.
   */
  private static Instant parseInstant(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return Instant.ofEpochMilli(((Number) value).longValue());
    }
    return value instanceof String text ? parseIsoInstant(text) : null;
  }

  private static Instant parseIsoInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeException notUtc) {
      // Instant.parse already takes offsets on recent JDKs; the explicit fallback keeps
      // "2026-11-23T10:15:30+01:00" accepted whatever the JDK's ISO_INSTANT does.
      try {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, OffsetDateTime::from).toInstant();
      } catch (DateTimeException notIso) {
        return null;
      }
    }
  }

  private static int codePoints(String text) {
    return TextRules.codePoints(text);
  }

  /** Names echoed into reasons are cut, so a megabyte-long key cannot make a megabyte-long reason. */
  private static String shorten(String name) {
    if (codePoints(name) <= MAX_CONTEXT_KEY_LENGTH) {
      return name;
    }
    return name.substring(0, name.offsetByCodePoints(0, MAX_CONTEXT_KEY_LENGTH)) + "…";
  }
}
