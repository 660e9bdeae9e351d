package dev.recstream.ingestion;

import dev.recstream.shared.bus.IntakeOutcome;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits the body of {@code POST /v1/events} into raw, decoded events (CONTRACT §2), before any
 * event is validated. Pure logic: the HTTP layer hands over the content type and the body and maps
 * a {@link Failure} to an error response.
 *
 * <p>A body either fails as a whole (wrong content type, not UTF-8, not JSON, too many events) or
 * yields its elements in order, so the caller can report rejected ones by index. An NDJSON line
 * that does not parse fails only itself, as a {@link Malformed} element.
 */
public final class IntakeBody {

  /** The body limit of CONTRACT §2; the HTTP layer enforces it first, this class only double-checks. */
  public static final int MAX_BODY_BYTES = 1 << 20;
  /** Events per request, whether as a JSON array or as NDJSON lines. */
  public static final int MAX_EVENTS = 1000;
  public static final String JSON = "application/json";
  public static final String NDJSON = "application/x-ndjson";

  /** Parser messages are cut to this many characters, since they may quote the client's input. */
  private static final int MAX_PARSER_MESSAGE = 200;

  private IntakeBody() {}

  /**
   * What {@link #parse} found: either a whole-body {@link #failure()} or the body's {@link
   * #elements()}, never both. A record rather than a sealed pair so callers on Java 17 can branch
   * on {@link #isFailure()} without pattern-matching switches.
   *
   * @param failure why the body is refused as a whole, null when it was split
   * @param elements the body's elements in order, at most {@link #MAX_EVENTS}; null on failure
   */
  public record Parsed(Failure failure, List<Element> elements) {
    public Parsed {
      if ((failure == null) == (elements == null)) {
        throw new IllegalArgumentException("a parse holds either a failure or elements, not both or neither");
      }
      elements = elements == null ? null : List.copyOf(elements);
    }

    static Parsed failed(IntakeOutcome.Kind kind, String error, String message) {
      return new Parsed(new Failure(kind, error, message), null);
    }

    static Parsed of(List<Element> elements) {
      return new Parsed(null, elements);
    }

    /** Whether the body was refused as a whole. */
    public boolean isFailure() {
      return failure != null;
    }
  }

  /**
   * The body is refused as a whole.
   *
   * @param kind why: unreadable, too large or an unsupported content type
   * @param error the machine-readable code of the error body
   * @param message a sentence for a human, without stack traces
   */
  public record Failure(IntakeOutcome.Kind kind, String error, String message) {}

  /** One event position of the body. */
  public sealed interface Element permits Decoded, Malformed {}

  /**
   * A JSON value as Vert.x decodes it: normally a {@link JsonObject}, but possibly a {@link
   * JsonArray}, String, Number, Boolean or null, which event validation then rejects.
   */
  public record Decoded(Object value) implements Element {}

  /** An NDJSON line that is not JSON; {@code reason} reads {@code "line N: invalid JSON: …"}. */
  public record Malformed(String reason) implements Element {}

  /**
   * Splits a request body into raw events.
   *
   * @param contentType the request's Content-Type header, possibly null
   * @param body the request body, possibly null or empty
   */
  public static Parsed parse(String contentType, Buffer body) {
    MediaType media = MediaType.parse(contentType);
    if (media == null || !(JSON.equals(media.type()) || NDJSON.equals(media.type()))) {
      return Parsed.failed(IntakeOutcome.Kind.UNSUPPORTED_TYPE, "unsupported_media_type",
          "Content-Type must be " + JSON + " or " + NDJSON + ", got " + describe(contentType));
    }
    if (media.charset() != null && !isUtf8(media.charset())) {
      return Parsed.failed(IntakeOutcome.Kind.UNSUPPORTED_TYPE, "unsupported_media_type",
          "charset " + media.charset() + " is not supported; send UTF-8");
    }
    if (body != null && body.length() > MAX_BODY_BYTES) {
      return Parsed.failed(IntakeOutcome.Kind.TOO_LARGE, "body_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    int badByte = firstInvalidUtf8Byte(bytes);
    if (badByte >= 0) {
      return Parsed.failed(IntakeOutcome.Kind.UNREADABLE, "invalid_encoding", "the body is not valid UTF-8 (at byte " + badByte + ")");
    }
    String text = stripByteOrderMark(new String(bytes, StandardCharsets.UTF_8));
    if (isBlank(text)) {
      return Parsed.failed(IntakeOutcome.Kind.UNREADABLE, "empty", "the body holds no events");
    }
    return JSON.equals(media.type()) ? parseJson(text) : parseNdjson(text);
  }

  private static Parsed parseJson(String text) {
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      return Parsed.failed(IntakeOutcome.Kind.UNREADABLE, "invalid_json", "the body is not valid JSON: " + parserMessage(e, true));
    }
    if (value instanceof JsonObject) {
      return Parsed.of(List.of(new Decoded(value)));
    }
    if (value instanceof JsonArray array) {
      return elementsOf(array);
    }
    return Parsed.failed(IntakeOutcome.Kind.UNREADABLE, "invalid_body",
        "the body must be a JSON object or an array of objects, not " + kindOf(value));
  }

  private static Parsed elementsOf(JsonArray array) {
    if (array.isEmpty()) {
      return Parsed.failed(IntakeOutcome.Kind.UNREADABLE, "empty", "the array holds no events");
    }
    if (array.size() > MAX_EVENTS) {
      return tooMany(array.size(), "events");
    }
    List<Element> elements = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      // getValue, unlike the backing list, wraps nested maps and lists as JsonObject/JsonArray.
      elements.add(new Decoded(array.getValue(i)));
    }
    return Parsed.of(elements);
  }

  /** Line numbers in reasons are the body's physical lines, 1-based, blank lines included. */
  private static Parsed parseNdjson(String text) {
    String[] lines = text.split("\n", -1);
    long events = Arrays.stream(lines).filter(line -> !isBlank(line)).count();
    if (events > MAX_EVENTS) {
      return tooMany(events, "lines");
    }
    List<Element> elements = new ArrayList<>((int) events);
    for (int i = 0; i < lines.length; i++) {
      if (!isBlank(lines[i])) {
        elements.add(decodeLine(lines[i], i + 1));
      }
    }
    return Parsed.of(elements);
  }

  private static Element decodeLine(String line, int lineNumber) {
    try {
      return new Decoded(Json.decodeValue(line));
    } catch (DecodeException e) {
      return new Malformed("line " + lineNumber + ": invalid JSON: " + parserMessage(e, false));
    }
  }

  private static Parsed tooMany(long count, String what) {
    return Parsed.failed(IntakeOutcome.Kind.TOO_LARGE, "too_many_events",
        "at most " + MAX_EVENTS + " events per request, got " + count + " " + what);
  }

  /**
   * The parser's message for a JSON decoding failure, short enough for an error reason: Jackson's
   * own sentence without its "at [Source: …]" trailer and stack, cut to a readable length, with the
   * line and column where the parser stopped, e.g. {@code "Unexpected end-of-input … at line 1,
   * column 6"}.
   */
  public static String shortParserMessage(DecodeException e) {
    return parserMessage(e, true);
  }

  /** The line is left out for NDJSON, where the parser's line is always 1 of that line. */
  private static String parserMessage(DecodeException e, boolean withLine) {
    if (!(e.getCause() instanceof JsonProcessingException cause)) {
      // Vert.x's own checks (e.g. "Unexpected trailing token") have no Jackson cause or position.
      return truncate(e.getMessage() == null ? "unreadable JSON" : e.getMessage().lines().findFirst().orElse(""));
    }
    String message = truncate(cause.getOriginalMessage()
        .replaceAll("\\s*\\(for [^()]*\\[Source:[^\\]]*\\]\\)", "")
        .lines().findFirst().orElse(""));
    JsonLocation at = cause.getLocation();
    if (at == null || at.getColumnNr() < 1) {
      return message;
    }
    return message + (withLine ? " at line " + at.getLineNr() + ", column " : " at column ") + at.getColumnNr();
  }

  private static String truncate(String message) {
    if (message.codePointCount(0, message.length()) <= MAX_PARSER_MESSAGE) {
      return message;
    }
    return message.substring(0, message.offsetByCodePoints(0, MAX_PARSER_MESSAGE)) + "…";
  }

  private static String kindOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    return value instanceof Boolean ? "a boolean" : "a number";
  }

  /** The byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
  static int firstInvalidUtf8Byte(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never decodes to more UTF-16 chars than it has bytes.
    CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length), true);
    return result.isError() ? in.position() : -1;
  }

  private static String stripByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Blank in the JSON sense: only space, tab, CR and LF, which is also how NDJSON lines end. */
  private static boolean isBlank(String text) {
    return text.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r' || c == '\n');
  }

  private static boolean isUtf8(String charset) {
    return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
  }

  private static String describe(String contentType) {
    return contentType == null || contentType.isBlank() ? "none" : truncate(contentType.strip());
  }

  /** The parts of a Content-Type header this class cares about; the type is lower-cased. */
  private record MediaType(String type, String charset) {

    /** Null when the header is missing or blank. */
    static MediaType parse(String header) {
      if (header == null || header.isBlank()) {
        return null;
      }
      String[] parts = header.split(";");
      String charset = null;
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (eq > 0 && parts[i].substring(0, eq).strip().equalsIgnoreCase("charset")) {
          charset = unquote(parts[i].substring(eq + 1).strip());
        }
      }
      return new MediaType(parts[0].strip().toLowerCase(Locale.ROOT), charset);
    }

    private static String unquote(String value) {
      boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
      return quoted ? value.substring(1, value.length() - 1) : value;
    }
  }
}
