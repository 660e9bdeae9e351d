package dev.recstream.ingestion;

import dev.recstream.shared.bus.IntakeOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.ingestion.IntakeBody.Decoded;
import dev.recstream.ingestion.IntakeBody.Element;
import dev.recstream.ingestion.IntakeBody.Failure;
import dev.recstream.ingestion.IntakeBody.Malformed;
import dev.recstream.ingestion.IntakeBody.Parsed;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("IntakeBody splits a POST /v1/events body into raw events")
class IntakeBodyTest {

  private static final String JSON = "application/json";
  private static final String NDJSON = "application/x-ndjson";
  private static final String EVENT = "{\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\"}";
  private static final String ACCEPTED_TYPES =
      "Content-Type must be application/json or application/x-ndjson, got ";

  private static Parsed parse(String contentType, String body) {
    return IntakeBody.parse(contentType, Buffer.buffer(body));
  }

  private static List<Element> elements(Parsed parsed) {
    assertFalse(parsed.isFailure(), () -> "unexpected failure: " + parsed.failure());
    return parsed.elements();
  }

  private static Failure failure(Parsed parsed) {
    assertTrue(parsed.isFailure(), () -> "unexpected success: " + parsed.elements());
    assertNull(parsed.elements());
    return parsed.failure();
  }

  private static Object decoded(Element element) {
    return assertInstanceOf(Decoded.class, element).value();
  }

  private static String array(int events) {
    return IntStream.range(0, events).mapToObj(i -> EVENT).collect(Collectors.joining(",", "[", "]"));
  }

  private static String lines(int events) {
    return IntStream.range(0, events).mapToObj(i -> EVENT).collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  @DisplayName("exposes the contract's limits")
  void limits() {
    assertEquals(1_048_576, IntakeBody.MAX_BODY_BYTES);
    assertEquals(1000, IntakeBody.MAX_EVENTS);
  }

  @Nested
  @DisplayName("the content type")
  class ContentType {

    @ParameterizedTest(name = "accepts \"{0}\"")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
        "Application/JSON", " application/json ; charset=\"utf-8\"", "application/json; charset=utf8",
        "application/json; boundary=x", "application/x-ndjson", "application/x-ndjson; charset=utf-8"})
    @DisplayName("accepts JSON and NDJSON with or without a UTF-8 charset")
    void acceptsJsonAndNdjson(String contentType) {
      assertEquals(1, elements(parse(contentType, EVENT)).size());
    }

    static Stream<Arguments> refused() {
      return Stream.of(
          Arguments.of(null, ACCEPTED_TYPES + "none"),
          Arguments.of("", ACCEPTED_TYPES + "none"),
          Arguments.of("text/plain", ACCEPTED_TYPES + "text/plain"),
          Arguments.of("application/jsonl", ACCEPTED_TYPES + "application/jsonl"),
          Arguments.of("application/x-www-form-urlencoded", ACCEPTED_TYPES + "application/x-www-form-urlencoded"),
          Arguments.of("application/json; charset=iso-8859-1", "charset iso-8859-1 is not supported; send UTF-8"),
          Arguments.of("application/x-ndjson; charset=utf-16", "charset utf-16 is not supported; send UTF-8"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("refused")
    @DisplayName("refuses a missing or other content type, or another charset, (415 at the gateway)")
    void refusesOthers(String contentType, String message) {
      Failure failure = failure(parse(contentType, EVENT));
      assertEquals(new Failure(IntakeOutcome.Kind.UNSUPPORTED_TYPE, "unsupported_media_type", message), failure);
    }
  }

  @Nested
  @DisplayName("the body")
  class Body {

    static Stream<Arguments> emptyBodies() {
      return Stream.of(
          Arguments.of(JSON, ""), Arguments.of(JSON, " \r\n\t"),
          Arguments.of(NDJSON, ""), Arguments.of(NDJSON, "\n\n  \r\n"));
    }

    @ParameterizedTest(name = "{0} body \"{1}\"")
    @MethodSource("emptyBodies")
    @DisplayName("refuses an empty or blank body with 400 empty")
    void refusesEmpty(String contentType, String body) {
      assertEquals(new Failure(IntakeOutcome.Kind.UNREADABLE, "empty", "the body holds no events"), failure(parse(contentType, body)));
    }

    @Test
    @DisplayName("refuses a null body as empty")
    void refusesNullBody() {
      assertEquals("empty", failure(IntakeBody.parse(JSON, null)).error());
    }

    @Test
    @DisplayName("refuses bytes that are not UTF-8 with 400, naming the encoding and the offset")
    void refusesInvalidUtf8() {
      Buffer body = Buffer.buffer("{\"userId\":\"").appendByte((byte) 0xC3).appendByte((byte) 0x28)
          .appendString("\"}");
      assertEquals(new Failure(IntakeOutcome.Kind.UNREADABLE, "invalid_encoding", "the body is not valid UTF-8 (at byte 11)"),
          failure(IntakeBody.parse(JSON, body)));
    }

    @Test
    @DisplayName("refuses an encoded surrogate (CESU-8) as not UTF-8")
    void refusesEncodedSurrogate() {
      Buffer body = Buffer.buffer(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'});
      assertEquals("invalid_encoding", failure(IntakeBody.parse(NDJSON, body)).error());
    }

    @Test
    @DisplayName("keeps multi-byte UTF-8 text and ignores a leading byte order mark")
    void keepsUtf8() {
      Parsed parsed = parse(JSON, "\uFEFF{\"userId\":\"Zoë \uD83D\uDE00\"}");
      assertEquals(new JsonObject().put("userId", "Zoë \uD83D\uDE00"), decoded(elements(parsed).get(0)));
    }

    @Test
    @DisplayName("refuses a body over 1 MiB with 413, even if the HTTP layer let it through")
    void refusesOversizedBody() {
      Buffer body = Buffer.buffer(" ".repeat(IntakeBody.MAX_BODY_BYTES) + EVENT);
      Failure failure = failure(IntakeBody.parse(JSON, body));
      assertEquals(IntakeOutcome.Kind.TOO_LARGE, failure.kind());
      assertEquals("body_too_large", failure.error());
    }
  }

  @Nested
  @DisplayName("application/json")
  class JsonBody {

    @Test
    @DisplayName("takes one object as one element")
    void oneObject() {
      List<Element> elements = elements(parse(JSON, EVENT));
      assertEquals(List.of(new Decoded(new JsonObject(EVENT))), elements);
    }

    @Test
    @DisplayName("takes an array as its elements in order, whatever their JSON kind")
    void arrayInOrder() {
      List<Element> elements = elements(parse(JSON, "[" + EVENT + ", [1], \"s\", 42, 1.5, true, null, {}]"));
      List<Object> values = elements.stream().map(IntakeBodyTest::decoded).toList();
      assertEquals(new JsonObject(EVENT), values.get(0));
      assertEquals(new JsonArray().add(1), values.get(1));
      assertEquals("s", values.get(2));
      assertEquals(42, values.get(3));
      assertEquals(1.5, values.get(4));
      assertEquals(true, values.get(5));
      assertNull(values.get(6));
      assertEquals(new JsonObject(), values.get(7));
    }

    @Test
    @DisplayName("hands nested objects over as JsonObject, so the validator sees a JsonObject")
    void nestedObjectsAreJsonObjects() {
      Object first = decoded(elements(parse(JSON, "[{\"context\":{\"device\":\"mobile\"}}]")).get(0));
      JsonObject event = assertInstanceOf(JsonObject.class, first);
      assertInstanceOf(JsonObject.class, event.getValue("context"));
    }

    @Test
    @DisplayName("takes an array of 1,000 events")
    void thousandEvents() {
      assertEquals(1000, elements(parse(JSON, array(1000))).size());
    }

    @Test
    @DisplayName("refuses an array of 1,001 events with 413 too_many_events")
    void tooManyEvents() {
      assertEquals(new Failure(IntakeOutcome.Kind.TOO_LARGE, "too_many_events", "at most 1000 events per request, got 1001 events"),
          failure(parse(JSON, array(1001))));
    }

    @Test
    @DisplayName("refuses an empty array with 400 empty")
    void emptyArray() {
      assertEquals(new Failure(IntakeOutcome.Kind.UNREADABLE, "empty", "the array holds no events"), failure(parse(JSON, " [ ] ")));
    }

    static Stream<Arguments> scalars() {
      return Stream.of(
          Arguments.of("\"view\"", "a string"), Arguments.of("42", "a number"), Arguments.of("4.2", "a number"),
          Arguments.of("true", "a boolean"), Arguments.of("null", "null"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("scalars")
    @DisplayName("refuses a top-level value that is neither object nor array with 400")
    void refusesScalars(String body, String kind) {
      assertEquals(new Failure(IntakeOutcome.Kind.UNREADABLE, "invalid_body", "the body must be a JSON object or an array of objects, not " + kind),
          failure(parse(JSON, body)));
    }

    static Stream<Arguments> invalidJson() {
      return Stream.of(
          Arguments.of("{\"userId\":", "Unexpected end-of-input within/between Object entries at line 1, column 11"),
          Arguments.of("[1,]", "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number,"
              + " Array, Object or token 'null', 'true' or 'false') at line 1, column 4"),
          Arguments.of("{\n'a': 1}", "Unexpected character (''' (code 39)): was expecting double-quote to start"
              + " field name at line 2, column 1"),
          Arguments.of("{\"a\":1}}", "Unexpected close marker '}': expected ']' at line 1, column 8"),
          Arguments.of(EVENT + " " + EVENT, "Unexpected trailing token"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("invalidJson")
    @DisplayName("refuses invalid JSON with 400 invalid_json and the parser's message, without source or stack")
    void refusesInvalidJson(String body, String parserMessage) {
      assertEquals(new Failure(IntakeOutcome.Kind.UNREADABLE, "invalid_json", "the body is not valid JSON: " + parserMessage),
          failure(parse(JSON, body)));
    }

    @Test
    @DisplayName("cuts a long parser message, which may quote the client's input")
    void cutsLongParserMessage() {
      Failure failure = failure(parse(JSON, "x".repeat(5000)));
      assertTrue(failure.message().length() < 300, failure.message());
      assertTrue(failure.message().startsWith("the body is not valid JSON: Unrecognized token 'xxx"), failure.message());
    }
  }

  @Nested
  @DisplayName("application/x-ndjson")
  class NdjsonBody {

    @Test
    @DisplayName("takes each non-blank line as one element, with CRLF and a missing final newline")
    void linesAreElements() {
      List<Element> elements = elements(parse(NDJSON, EVENT + "\r\n\n   \n[1]\r\n\"s\""));
      assertEquals(List.of(new Decoded(new JsonObject(EVENT)), new Decoded(new JsonArray().add(1)), new Decoded("s")),
          elements);
    }

    @Test
    @DisplayName("marks a line that does not parse as malformed, with its physical line number, and keeps the rest")
    void malformedLineStaysAnElement() {
      List<Element> elements = elements(parse(NDJSON, EVENT + "\n\n{\"userId\":\n" + EVENT + "\n"));
      assertEquals(3, elements.size());
      assertEquals(new Decoded(new JsonObject(EVENT)), elements.get(0));
      assertEquals(new Malformed("line 3: invalid JSON: Unexpected end-of-input within/between Object entries"
          + " at column 11"), elements.get(1));
      assertEquals(new Decoded(new JsonObject(EVENT)), elements.get(2));
    }

    @Test
    @DisplayName("marks a line with two values as malformed")
    void trailingTokenLine() {
      List<Element> elements = elements(parse(NDJSON, EVENT + " " + EVENT));
      assertEquals(List.of(new Malformed("line 1: invalid JSON: Unexpected trailing token")), elements);
    }

    @Test
    @DisplayName("takes 1,000 lines, blank lines not counted")
    void thousandLines() {
      assertEquals(1000, elements(parse(NDJSON, lines(1000) + "\n\n\n")).size());
    }

    @Test
    @DisplayName("refuses 1,001 lines with 413 too_many_events")
    void tooManyLines() {
      assertEquals(new Failure(IntakeOutcome.Kind.TOO_LARGE, "too_many_events", "at most 1000 events per request, got 1001 lines"),
          failure(parse(NDJSON, lines(1001))));
    }

    @Test
    @DisplayName("does not treat a pretty-printed object as one event")
    void prettyPrintedObjectIsMalformed() {
      List<Element> elements = elements(parse(NDJSON, "{\n\"userId\": \"u1\"\n}"));
      assertEquals(3, elements.size());
      assertTrue(elements.stream().allMatch(Malformed.class::isInstance));
      assertTrue(((Malformed) elements.get(2)).reason().startsWith("line 3: invalid JSON: "));
    }
  }

  @Nested
  @DisplayName("the parse result")
  class Result {

    @Test
    @DisplayName("holds either a failure or elements, never both or neither")
    void eitherOr() {
      Failure failure = new Failure(IntakeOutcome.Kind.UNREADABLE, "empty", "x");
      assertThrows(IllegalArgumentException.class, () -> new Parsed(failure, List.of()));
      assertThrows(IllegalArgumentException.class, () -> new Parsed(null, null));
    }

    @Test
    @DisplayName("shortParserMessage gives the parser's sentence and position, for Kafka records too")
    void shortParserMessage() {
      DecodeException e = assertThrows(DecodeException.class, () -> Json.decodeValue("{\"a\"\n:}"));
      assertEquals("Unexpected character ('}' (code 125)): expected a valid value (JSON String, Number, Array,"
          + " Object or token 'null', 'true' or 'false') at line 2, column 2", IntakeBody.shortParserMessage(e));
    }
  }
}
