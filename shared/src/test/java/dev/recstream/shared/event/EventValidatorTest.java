package dev.recstream.shared.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("EventValidator applies every rule of CONTRACT §1")
class EventValidatorTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
  private static final String DEFAULT_ID = "default-id";
  private static final String TYPE_RULE =
      "type: must be one of view, click, add_to_cart, remove_from_cart, purchase, search, rate";
  private static final String TS_RULE =
      "ts: must be an ISO-8601 instant (e.g. 2026-11-23T10:15:30Z) or epoch milliseconds";
  private static final String EMOJI = "\uD83D\uDE00"; // one code point, two UTF-16 chars

  /** The smallest valid event; each case changes one thing. */
  private static JsonObject view() {
    return new JsonObject().put("userId", "u1").put("itemId", "i1").put("type", "view");
  }

  private static JsonObject search() {
    return new JsonObject().put("userId", "u1").put("type", "search").put("query", "red shoes");
  }

  private static JsonObject with(JsonObject base, Consumer<JsonObject> change) {
    change.accept(base);
    return base;
  }

  private static JsonObject without(JsonObject base, String field) {
    base.remove(field);
    return base;
  }

  private static JsonObject contextOf(int keys, int keyLength, int valueLength) {
    JsonObject context = new JsonObject();
    for (int i = 0; i < keys; i++) {
      String prefix = String.format("%02d", i);
      context.put(prefix + "k".repeat(Math.max(0, keyLength - prefix.length())), "v".repeat(valueLength));
    }
    return context;
  }

  private static ValidationResult validate(Object raw) {
    return EventValidator.validate(raw, DEFAULT_ID, NOW);
  }

  private static Arguments ok(String name, JsonObject json) {
    return Arguments.of(name, json);
  }

  private static Arguments bad(String name, Object json, String... reasons) {
    return Arguments.of(name, json, List.of(reasons));
  }

  static Stream<Arguments> validEvents() {
    return Stream.of(
        ok("a minimal view", view()),
        ok("a userId of 128 characters", with(view(), j -> j.put("userId", "u".repeat(128)))),
        ok("a userId of 128 emoji, counted as code points", with(view(), j -> j.put("userId", EMOJI.repeat(128)))),
        ok("a userId of 1 character", with(view(), j -> j.put("userId", "u"))),
        ok("an itemId of 128 characters", with(view(), j -> j.put("itemId", "i".repeat(128)))),
        ok("an eventId of 1 character", with(view(), j -> j.put("eventId", "e"))),
        ok("an eventId of 128 characters", with(view(), j -> j.put("eventId", "e".repeat(128)))),
        ok("a sessionId of 128 characters", with(view(), j -> j.put("sessionId", "s".repeat(128)))),
        ok("a search without itemId", search()),
        ok("a search with an itemId", with(search(), j -> j.put("itemId", "i1"))),
        ok("a query of 512 characters", with(search(), j -> j.put("query", "q".repeat(512)))),
        ok("a query with a newline (no control-character rule for queries)",
            with(search(), j -> j.put("query", "red\nshoes"))),
        ok("a query on a view", with(view(), j -> j.put("query", "red shoes"))),
        ok("ts exactly 5 minutes in the future", with(view(), j -> j.put("ts", NOW.plusSeconds(300).toString()))),
        ok("ts 5 minutes ahead in epoch millis", with(view(), j -> j.put("ts", NOW.plusSeconds(300).toEpochMilli()))),
        ok("ts at the smallest epoch millis taken as such (1973-03-03T09:46:40Z)",
            with(view(), j -> j.put("ts", 100_000_000_000L))),
        ok("ts 1970-01-01T00:00:00Z", with(view(), j -> j.put("ts", "1970-01-01T00:00:00Z"))),
        ok("ts with fractional seconds", with(view(), j -> j.put("ts", "2026-11-23T10:15:30.123456Z"))),
        ok("ts with an offset", with(view(), j -> j.put("ts", "2026-11-23T11:15:30+01:00"))),
        ok("an integer value", with(view(), j -> j.put("type", "rate").put("value", 5))),
        ok("a fractional value", with(view(), j -> j.put("type", "purchase").put("value", 19.99))),
        ok("a negative value", with(view(), j -> j.put("value", -1.5))),
        ok("an empty context", with(view(), j -> j.put("context", new JsonObject()))),
        ok("a context of 32 keys", with(view(), j -> j.put("context", contextOf(32, 4, 4)))),
        ok("a context key of 64 characters", with(view(), j -> j.put("context", contextOf(1, 64, 4)))),
        ok("a context value of 256 characters", with(view(), j -> j.put("context", contextOf(1, 4, 256)))),
        ok("an empty context value", with(view(), j -> j.put("context", contextOf(1, 4, 0)))),
        ok("null for every optional field", with(view(), j -> j.putNull("eventId").putNull("ts")
            .putNull("sessionId").putNull("query").putNull("value").putNull("context"))),
        ok("an ISO-8859-1 letter and CJK in ids", with(view(), j -> j.put("userId", "Zoë").put("itemId", "商品"))));
  }

  @ParameterizedTest(name = "accepts {0}")
  @MethodSource("validEvents")
  @DisplayName("accepts events that keep every rule, including the boundaries")
  void acceptsValidEvents(String name, JsonObject json) {
    ValidationResult result = validate(json);
    assertTrue(result.isValid(), () -> name + " was rejected: " + result.reason());
    assertEquals(List.of(), result.reasons());
  }

  static Stream<Arguments> invalidEvents() {
    return Stream.of(
        bad("a JSON array", new JsonArray().add(view()), "event: must be a JSON object"),
        bad("a string", "{\"userId\":\"u1\"}", "event: must be a JSON object"),
        bad("a number", 42, "event: must be a JSON object"),
        bad("JSON null", null, "event: must be a JSON object"),

        bad("a missing userId", without(view(), "userId"), "userId: required"),
        bad("a null userId", with(view(), j -> j.putNull("userId")), "userId: required"),
        bad("a numeric userId", with(view(), j -> j.put("userId", 42)), "userId: must be a string"),
        bad("an empty userId", with(view(), j -> j.put("userId", "")), "userId: must be 1 to 128 characters"),
        bad("a userId of 129 characters", with(view(), j -> j.put("userId", "u".repeat(129))),
            "userId: must be 1 to 128 characters"),
        bad("a userId of 129 emoji", with(view(), j -> j.put("userId", EMOJI.repeat(129))),
            "userId: must be 1 to 128 characters"),
        bad("a userId with \\u0000", with(view(), j -> j.put("userId", "u\u00001")),
            "userId: must not contain control characters"),
        bad("a userId with \\n", with(view(), j -> j.put("userId", "u\n1")),
            "userId: must not contain control characters"),
        bad("a userId with \\t", with(view(), j -> j.put("userId", "u\t1")),
            "userId: must not contain control characters"),
        bad("a userId with \\u007f", with(view(), j -> j.put("userId", "u\u007f1")),
            "userId: must not contain control characters"),
        bad("a userId with \\u0085", with(view(), j -> j.put("userId", "u\u00851")),
            "userId: must not contain control characters"),
        bad("a userId too long and with a control character", with(view(), j -> j.put("userId", "\n".repeat(129))),
            "userId: must be 1 to 128 characters", "userId: must not contain control characters"),

        bad("a view without itemId", without(view(), "itemId"), "itemId: required unless type is search"),
        bad("a purchase with a null itemId", with(view(), j -> j.put("type", "purchase").putNull("itemId")),
            "itemId: required unless type is search"),
        bad("an itemId of 129 characters", with(view(), j -> j.put("itemId", "i".repeat(129))),
            "itemId: must be 1 to 128 characters"),
        bad("an empty itemId on a search", with(search(), j -> j.put("itemId", "")),
            "itemId: must be 1 to 128 characters"),
        bad("an itemId with \\u0000", with(view(), j -> j.put("itemId", "i\u0000")),
            "itemId: must not contain control characters"),
        bad("an itemId with \\u0085", with(view(), j -> j.put("itemId", "i\u0085")),
            "itemId: must not contain control characters"),
        bad("a numeric itemId", with(view(), j -> j.put("itemId", 7)), "itemId: must be a string"),

        bad("a missing type", without(view(), "type"), "type: required"),
        bad("a null type", with(view(), j -> j.putNull("type")), "type: required"),
        bad("type \"View\" (case-sensitive)", with(view(), j -> j.put("type", "View")), TYPE_RULE),
        bad("type \"like\"", with(view(), j -> j.put("type", "like")), TYPE_RULE),
        bad("an empty type", with(view(), j -> j.put("type", "")), TYPE_RULE),
        bad("a numeric type", with(view(), j -> j.put("type", 1)), TYPE_RULE),

        bad("ts as free text", with(view(), j -> j.put("ts", "yesterday")), TS_RULE),
        bad("ts as a date only", with(view(), j -> j.put("ts", "2026-11-23")), TS_RULE),
        bad("ts without a zone", with(view(), j -> j.put("ts", "2026-11-23T10:15:30")), TS_RULE),
        bad("ts as epoch millis in a string", with(view(), j -> j.put("ts", "1700000000000")), TS_RULE),
        bad("ts as a fractional number", with(view(), j -> j.put("ts", 1.5)), TS_RULE),
        bad("ts as a boolean", with(view(), j -> j.put("ts", true)), TS_RULE),
        bad("ts 1 ms beyond 5 minutes in epoch millis",
            with(view(), j -> j.put("ts", NOW.plusSeconds(300).toEpochMilli() + 1)),
            "ts: must not be more than 5 minutes in the future"),
        bad("ts 1 s beyond 5 minutes as ISO", with(view(), j -> j.put("ts", NOW.plusSeconds(301).toString())),
            "ts: must not be more than 5 minutes in the future"),
        bad("ts in epoch seconds", with(view(), j -> j.put("ts", 1_511_848_894)),
            "ts: 1511848894 is too small for epoch milliseconds (it would be 1970-01-18T11:57:28.894Z);"
                + " if it is epoch seconds (2017-11-28T06:01:34Z), send 1511848894000 or an ISO-8601 instant"),
        bad("ts 1 ms below the smallest epoch millis",
            with(view(), j -> j.put("ts", 99_999_999_999L)),
            "ts: 99999999999 is too small for epoch milliseconds (it would be 1973-03-03T09:46:39.999Z);"
                + " if it is epoch seconds (5138-11-16T09:46:39Z), send 99999999999000 or an ISO-8601 instant"),
        bad("ts of epoch 0", with(view(), j -> j.put("ts", 0)),
            "ts: 0 is too small for epoch milliseconds (it would be 1970-01-01T00:00:00Z);"
                + " if it is epoch seconds (1970-01-01T00:00:00Z), send 0 or an ISO-8601 instant"),
        bad("rate without a value", with(view(), j -> j.put("type", "rate")), "value: required for type rate (the rating)"),
        bad("negative epoch millis", with(view(), j -> j.put("ts", -1)), "ts: must not be negative"),
        bad("an instant before 1970", with(view(), j -> j.put("ts", "1969-12-31T23:59:59Z")),
            "ts: must not be negative"),

        bad("an empty sessionId", with(view(), j -> j.put("sessionId", "")), "sessionId: must be 1 to 128 characters"),
        bad("a sessionId of 129 characters", with(view(), j -> j.put("sessionId", "s".repeat(129))),
            "sessionId: must be 1 to 128 characters"),
        bad("a sessionId with \\n", with(view(), j -> j.put("sessionId", "s\n")),
            "sessionId: must not contain control characters"),
        bad("a numeric sessionId", with(view(), j -> j.put("sessionId", 3)), "sessionId: must be a string"),

        bad("an empty eventId", with(view(), j -> j.put("eventId", "")), "eventId: must be 1 to 128 characters"),
        bad("an eventId of 129 characters", with(view(), j -> j.put("eventId", "e".repeat(129))),
            "eventId: must be 1 to 128 characters"),
        bad("an eventId with \\u007f", with(view(), j -> j.put("eventId", "e\u007f")),
            "eventId: must not contain control characters"),
        bad("a numeric eventId", with(view(), j -> j.put("eventId", 12)), "eventId: must be a string"),

        bad("a search without query", without(search(), "query"), "query: required for type search"),
        bad("a search with a null query", with(search(), j -> j.putNull("query")), "query: required for type search"),
        bad("an empty query", with(search(), j -> j.put("query", "")), "query: must be 1 to 512 characters"),
        bad("a query of 513 characters", with(search(), j -> j.put("query", "q".repeat(513))),
            "query: must be 1 to 512 characters"),
        bad("a query of 513 characters on a view", with(view(), j -> j.put("query", "q".repeat(513))),
            "query: must be 1 to 512 characters"),
        bad("a numeric query", with(search(), j -> j.put("query", 5)), "query: must be a string"),

        bad("a value in a string", with(view(), j -> j.put("value", "4.5")), "value: must be a finite number"),
        bad("a boolean value", with(view(), j -> j.put("value", true)), "value: must be a finite number"),
        bad("a NaN value", with(view(), j -> j.put("value", Double.NaN)), "value: must be a finite number"),
        bad("a value that overflows a double", Json.decodeValue("{\"userId\":\"u\",\"itemId\":\"i\","
            + "\"type\":\"view\",\"value\":1e400}"), "value: must be a finite number"),

        bad("a string context", with(view(), j -> j.put("context", "mobile")),
            "context: must be an object of string values"),
        bad("an array context", with(view(), j -> j.put("context", new JsonArray().add("a"))),
            "context: must be an object of string values"),
        bad("a context of 33 keys", with(view(), j -> j.put("context", contextOf(33, 4, 4))),
            "context: at most 32 keys"),
        bad("a context key of 65 characters", with(view(), j -> j.put("context", contextOf(1, 65, 4))),
            "context.00" + "k".repeat(62) + "…: key must be 1 to 64 characters"),
        bad("an empty context key", with(view(), j -> j.put("context", new JsonObject().put("", "x"))),
            "context.: key must be 1 to 64 characters"),
        bad("a context value of 257 characters", with(view(), j -> j.put("context", contextOf(1, 6, 257))),
            "context.00kkkk: must be at most 256 characters"),
        bad("a numeric context value", with(view(), j -> j.put("context", new JsonObject().put("device", 1))),
            "context.device: must be a string"),
        bad("a null context value", with(view(), j -> j.put("context", new JsonObject().putNull("device"))),
            "context.device: must be a string"),
        bad("a nested context value",
            with(view(), j -> j.put("context", new JsonObject().put("device", new JsonObject()))),
            "context.device: must be a string"),

        bad("a misspelt field", with(view(), j -> j.put("userID", "u1")), "userID: unknown field"),
        bad("an unknown field that is null", with(view(), j -> j.putNull("extra")), "extra: unknown field"));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("invalidEvents")
  @DisplayName("rejects events that break a rule, naming the field and the rule")
  void rejectsInvalidEvents(String name, Object json, List<String> expected) {
    ValidationResult result = validate(json);
    assertFalse(result.isValid(), () -> name + " was accepted");
    assertNull(result.event());
    assertEquals(expected, result.reasons());
  }

  @Test
  @DisplayName("accepts every wire name of EventType")
  void acceptsEveryType() {
    for (EventType type : EventType.values()) {
      JsonObject json = with(view(), j -> j.put("type", type.wireName()).put("query", "q").put("value", 4));
      assertEquals(type, validate(json).event().type());
    }
  }

  @Test
  @DisplayName("reports all errors of one event together, in contract order then unknown fields sorted")
  void reportsAllErrorsInOrder() {
    JsonObject json = new JsonObject()
        .put("zeta", 1)
        .put("userID", "u1")
        .put("type", "View")
        .put("ts", "soon")
        .put("value", "5")
        .put("alpha", 2)
        .put("context", new JsonObject().put("device", 1));
    ValidationResult result = validate(json);
    List<String> expected = List.of(
        "userId: required",
        "itemId: required unless type is search",
        TYPE_RULE,
        TS_RULE,
        "value: must be a finite number",
        "context.device: must be a string",
        "alpha: unknown field",
        "userID: unknown field",
        "zeta: unknown field");
    assertEquals(expected, result.reasons());
    assertEquals(String.join("; ", expected), result.reason());
  }

  @Test
  @DisplayName("a context of 33 keys reports the key count once, before any per-key error")
  void contextKeyCountThenKeyErrors() {
    JsonObject context = contextOf(33, 4, 4).put("device", 1);
    ValidationResult result = validate(with(view(), j -> j.put("context", context)));
    assertEquals(List.of("context: at most 32 keys", "context.device: must be a string"), result.reasons());
  }

  @Test
  @DisplayName("an unknown field name longer than 64 characters is cut in the reason")
  void longUnknownNameIsCut() {
    ValidationResult result = validate(with(view(), j -> j.put("x".repeat(10_000), 1)));
    assertEquals(List.of("x".repeat(64) + "…: unknown field"), result.reasons());
  }

  @Nested
  @DisplayName("an accepted event")
  class AcceptedEvent {

    @Test
    @DisplayName("carries every field it was given")
    void carriesFields() {
      JsonObject json = new JsonObject()
          .put("eventId", "e-1").put("userId", "u1").put("itemId", "i1").put("type", "purchase")
          .put("ts", "2026-11-23T10:00:00Z").put("sessionId", "s1").put("query", "shoes")
          .put("value", 19.99).put("context", new JsonObject().put("device", "mobile").put("recId", "r1"));
      BehaviorEvent event = validate(json).event();
      assertEquals(new BehaviorEvent("e-1", "u1", "i1", EventType.PURCHASE, Instant.parse("2026-11-23T10:00:00Z"),
          "s1", "shoes", 19.99, Map.of("device", "mobile", "recId", "r1")), event);
    }

    @Test
    @DisplayName("gets the default eventId when it has none, or a null one")
    void defaultEventId() {
      assertEquals(DEFAULT_ID, validate(view()).event().eventId());
      assertEquals(DEFAULT_ID, validate(with(view(), j -> j.putNull("eventId"))).event().eventId());
      assertEquals("mine", validate(with(view(), j -> j.put("eventId", "mine"))).event().eventId());
    }

    @Test
    @DisplayName("gets the time of receipt as ts when it has none")
    void defaultTs() {
      assertEquals(NOW, validate(view()).event().ts());
      assertEquals(NOW, validate(with(view(), j -> j.putNull("ts"))).event().ts());
    }

    @Test
    @DisplayName("reads ISO instants, offsets and epoch milliseconds as the same instant")
    void isoAndEpochAgree() {
      Instant expected = Instant.parse("2026-11-23T10:00:00Z");
      assertEquals(expected, validate(with(view(), j -> j.put("ts", "2026-11-23T10:00:00Z"))).event().ts());
      assertEquals(expected, validate(with(view(), j -> j.put("ts", "2026-11-23T11:00:00+01:00"))).event().ts());
      assertEquals(expected, validate(with(view(), j -> j.put("ts", expected.toEpochMilli()))).event().ts());
      assertEquals(Instant.ofEpochMilli(100_000_000_000L),
          validate(with(view(), j -> j.put("ts", 100_000_000_000L))).event().ts());
    }

    @Test
    @DisplayName("has a null itemId when it is a search without one")
    void searchWithoutItem() {
      BehaviorEvent event = validate(search()).event();
      assertNull(event.itemId());
      assertEquals("red shoes", event.query());
    }

    @Test
    @DisplayName("has an integer value as a double, and an empty context when none was given")
    void valueAndContextDefaults() {
      BehaviorEvent event = validate(with(view(), j -> j.put("type", "rate").put("value", 5))).event();
      assertEquals(5.0, event.value());
      assertEquals(Map.of(), event.context());
      assertNull(event.sessionId());
    }

    @Test
    @DisplayName("survives toJson and fromJson, and its JSON passes validation unchanged")
    void roundTrip() {
      JsonObject json = new JsonObject()
          .put("eventId", "e-" + EMOJI).put("userId", "u1").put("itemId", "i1").put("type", "rate")
          .put("ts", "2026-11-23T10:00:00.123Z").put("sessionId", "s1").put("value", 4.5)
          .put("context", new JsonObject().put("device", "mobile"));
      BehaviorEvent event = validate(json).event();
      JsonObject written = event.toJson();
      assertEquals(event, BehaviorEvent.fromJson(written));
      assertEquals(event, BehaviorEvent.fromJson(new JsonObject(written.encode())));
      assertEquals(event, validate(new JsonObject(written.encode())).event());
    }
  }

  @Nested
  @DisplayName("ValidationResult")
  class Result {

    @Test
    @DisplayName("joins the reasons with \"; \" and reports an empty reason when valid")
    void reasonJoins() {
      assertEquals("a: x; b: y", ValidationResult.invalid(List.of("a: x", "b: y")).reason());
      assertEquals("", validate(view()).reason());
    }

    @Test
    @DisplayName("holds either an event or reasons, never both or neither")
    void eitherOr() {
      BehaviorEvent event = validate(view()).event();
      assertThrows(IllegalArgumentException.class, () -> ValidationResult.invalid(List.of()));
      assertThrows(IllegalArgumentException.class, () -> new ValidationResult(event, List.of("a: x")));
      assertThrows(IllegalArgumentException.class, () -> new ValidationResult(null, List.of()));
    }

    @Test
    @DisplayName("copies the reasons, so a later change to the caller's list does not leak in")
    void copiesReasons() {
      List<String> reasons = new java.util.ArrayList<>(List.of("a: x"));
      ValidationResult result = ValidationResult.invalid(reasons);
      reasons.add("b: y");
      assertEquals(List.of("a: x"), result.reasons());
    }
  }

  @Test
  @DisplayName("a whole batch of boundary events validates independently of each other")
  void independentValidation() {
    List<ValidationResult> results = IntStream.range(0, 3)
        .mapToObj(i -> validate(with(view(), j -> j.put("userId", "u".repeat(127 + i)))))
        .toList();
    assertEquals(List.of(true, true, false), results.stream().map(ValidationResult::isValid).toList());
  }
}
