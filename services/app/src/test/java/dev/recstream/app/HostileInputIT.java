package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.ingestion.Topics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven hostile input on every channel (issue #4 item 4): HTTP JSON, NDJSON, content types
 * and sizes, path and query parameters, catalog bodies, WebSocket messages and Kafka records.
 * Every refused input must get the right 4xx (or a DLQ record naming field and rule), a clean JSON
 * error body, and leave the system alive and storing good events. Injection strings are valid ids
 * and must be stored and read back verbatim.
 *
 * <p>Cases that reveal a bug are kept, asserting the correct behaviour, as {@code @Disabled} tests
 * at the end of the class.
 */
@ExtendWith(TestSystem.class)
@DisplayName("Hostile input on every channel")
class HostileInputIT {
  /** Every id this class creates starts with this, so runs and cases never collide. */
  private static final String RUN = "hostile-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  /** Events of refused cases carry this prefix: none may ever be stored. */
  private static final String BAD = RUN + "bad-";
  private static final String USER = RUN + "user";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final String SQL_INJECTION = "'; DROP TABLE events; --";
  private static final String SCRIPT_INJECTION = "<script>alert(1)</script>";

  private static KafkaProducer<byte[], byte[]> producer;
  private static KafkaConsumer<byte[], byte[]> dlqReader;
  /** DLQ records read so far, by their source-offset header. */
  private static final Map<String, ConsumerRecord<byte[], byte[]>> DLQ = new HashMap<>();

  @BeforeAll
  static void clients() {
    String bootstrap = TestSystem.get().kafkaBootstrap();
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    Properties c = new Properties();
    c.put("bootstrap.servers", bootstrap);
    c.put("enable.auto.commit", "false");
    dlqReader = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    TopicPartition dlq = new TopicPartition(Topics.EVENTS_DLQ, 0);
    dlqReader.assign(List.of(dlq));
    dlqReader.seekToBeginning(List.of(dlq));
  }

  @AfterAll
  static void closeClients() {
    producer.close(Duration.ofSeconds(5));
    dlqReader.close(Duration.ofSeconds(5));
  }

  /** After every case: the process is alive, a good event is accepted and stored, no refused event got in. */
  @AfterEach
  void systemStillWorks() throws Exception {
    HttpResponse<Buffer> live = send(HttpMethod.GET, "/health/live", null, null);
    assertEquals(200, live.statusCode(), "GET /health/live after the case");
    String id = RUN + "good-" + SEQ.incrementAndGet() + ".";
    JsonObject good = new JsonObject().put("eventId", id).put("userId", RUN + "good").put("itemId", "item-1").put("type", "view");
    HttpResponse<Buffer> accepted = send(HttpMethod.POST, "/v1/events", "application/json", good.toBuffer());
    assertEquals(202, accepted.statusCode(), "a good event after the case: " + accepted.bodyAsString());
    assertEquals(1, TestSystem.get().storedEvents(id), "the good event after the case is stored");
    assertEquals(0, TestSystem.get().storedEvents(BAD), "no event of a refused case is stored");
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP: one event object with one bad field (POST /v1/events, application/json)

  record HttpCase(HttpMethod method, String path, String contentType, byte[] body, int status, String error, String fragment) {}

  static Stream<Arguments> eventFields() {
    return Stream.of(
        badEvent("missing userId", e -> e.remove("userId"), "userId: required"),
        badEvent("missing type", e -> e.remove("type"), "type: required"),
        badEvent("missing itemId for a view", e -> e.remove("itemId"), "itemId: required unless type is search"),
        badEvent("search without query", e -> e.put("type", "search").remove("itemId"), "query: required for type search"),
        badEvent("unknown field", e -> e.put("color", "red"), "color: unknown field"),
        badEvent("misspelt field userid", e -> e.put("userid", e.remove("userId")), "userid: unknown field"),
        badEvent("userId a number", e -> e.put("userId", 123), "userId: must be a string"),
        badEvent("userId an array", e -> e.put("userId", new JsonArray().add("u")), "userId: must be a string"),
        badEvent("itemId an object", e -> e.put("itemId", new JsonObject().put("id", "i")), "itemId: must be a string"),
        badEvent("eventId a boolean", e -> e.put("eventId", true), "eventId: must be a string"),
        badEvent("type a boolean", e -> e.put("type", true), "type: must be one of"),
        badEvent("type wrong case View", e -> e.put("type", "View"), "type: must be one of"),
        badEvent("type upper case VIEW", e -> e.put("type", "VIEW"), "type: must be one of"),
        badEvent("type unknown teleport", e -> e.put("type", "teleport"), "type: must be one of"),
        badEvent("type with a leading space", e -> e.put("type", " view"), "type: must be one of"),
        badEvent("userId empty", e -> e.put("userId", ""), "userId: must be 1 to 128 characters"),
        badEvent("userId 129 chars", e -> e.put("userId", "u".repeat(129)), "userId: must be 1 to 128 characters"),
        badEvent("userId 129 emoji (code points)", e -> e.put("userId", "\uD83D\uDE00".repeat(129)), "userId: must be 1 to 128 characters"),
        badEvent("itemId 129 chars", e -> e.put("itemId", "i".repeat(129)), "itemId: must be 1 to 128 characters"),
        badEvent("eventId 129 chars", e -> e.put("eventId", BAD + "x".repeat(129)), "eventId: must be 1 to 128 characters"),
        badEvent("sessionId 129 chars", e -> e.put("sessionId", "s".repeat(129)), "sessionId: must be 1 to 128 characters"),
        badEvent("query 513 chars", e -> e.put("type", "search").put("query", "q".repeat(513)).remove("itemId"), "query: must be 1 to 512 characters"),
        badEvent("userId with NUL", e -> e.put("userId", "a\u0000b"), "userId: must not contain control characters"),
        badEvent("userId with a newline", e -> e.put("userId", "a\nb"), "userId: must not contain control characters"),
        badEvent("itemId with DEL", e -> e.put("itemId", "i\u007f"), "itemId: must not contain control characters"),
        badEvent("itemId with C1 control NEL", e -> e.put("itemId", "i\u0085"), "itemId: must not contain control characters"),
        badEvent("sessionId with a tab", e -> e.put("sessionId", "s\tt"), "sessionId: must not contain control characters"),
        badEvent("eventId with CR LF (header injection)", e -> e.put("eventId", BAD + "x\r\nSet-Cookie: a=b"), "eventId: must not contain control characters"),
        badEvent("ts epoch millis as a string", e -> e.put("ts", "1700000000000"), "ts: must be an ISO-8601 instant"),
        badEvent("ts the string NaN", e -> e.put("ts", "NaN"), "ts: must be an ISO-8601 instant"),
        badEvent("ts a fraction", e -> e.put("ts", 1700000000000.5), "ts: must be an ISO-8601 instant"),
        badEvent("ts a boolean", e -> e.put("ts", true), "ts: must be an ISO-8601 instant"),
        badEvent("ts free text", e -> e.put("ts", "yesterday"), "ts: must be an ISO-8601 instant"),
        badEvent("ts negative millis", e -> e.put("ts", -1), "ts: must not be negative"),
        badEvent("ts before 1970", e -> e.put("ts", "1969-12-31T23:59:59Z"), "ts: must not be negative"),
        badEvent("ts year 3000 millis", e -> e.put("ts", 32503680000000L), "ts: must not be more than 5 minutes in the future"),
        badEvent("ts year 9999", e -> e.put("ts", "9999-12-31T23:59:59Z"), "ts: must not be more than 5 minutes in the future"),
        badEvent("ts Long.MAX_VALUE", e -> e.put("ts", Long.MAX_VALUE), "ts: must not be more than 5 minutes in the future"),
        badEvent("ts Long.MIN_VALUE", e -> e.put("ts", Long.MIN_VALUE), "ts: must not be negative"),
        rawEvent("ts a 31-digit integer", "\"ts\": 1000000000000000000000000000000", 400, "invalid_events", "ts: must be an ISO-8601 instant"),
        rawEvent("ts the bare literal NaN", "\"ts\": NaN", 400, "invalid_json", "not valid JSON"),
        badEvent("value a number in a string", e -> e.put("value", "3"), "value: must be a finite number"),
        rawEvent("value 1e400 (infinite)", "\"value\": 1e400", 400, "invalid_events", "value: must be a finite number"),
        badEvent("value a boolean", e -> e.put("value", true), "value: must be a finite number"),
        badEvent("context a string", e -> e.put("context", "mobile"), "context: must be an object of string values"),
        badEvent("context an array", e -> e.put("context", new JsonArray().add("a")), "context: must be an object of string values"),
        badEvent("context with 33 keys", e -> e.put("context", context(33)), "context: at most 32 keys"),
        badEvent("context value a number", e -> e.put("context", new JsonObject().put("n", 1)), "context.n: must be a string"),
        badEvent("context value an object", e -> e.put("context", new JsonObject().put("n", new JsonObject().put("deep", "x"))), "context.n: must be a string"),
        badEvent("context value null", e -> e.put("context", new JsonObject().putNull("n")), "context.n: must be a string"),
        badEvent("context key 65 chars", e -> e.put("context", new JsonObject().put("k".repeat(65), "v")), "key must be 1 to 64 characters"),
        badEvent("context key empty", e -> e.put("context", new JsonObject().put("", "v")), "key must be 1 to 64 characters"),
        badEvent("context value 257 chars", e -> e.put("context", new JsonObject().put("k", "v".repeat(257))), "context.k: must be at most 256 characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventFields")
  @DisplayName("HTTP JSON: an event with a bad field is a 400 naming the field and rule")
  void httpEventField(String name, HttpCase c) {
    check(name, c);
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP: whole bodies (JSON syntax, nesting, sizes, encodings, content types)

  static Stream<Arguments> bodies() {
    String deepArrays = "[".repeat(10_000) + "]".repeat(10_000);
    String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(event().put("eventId", BAD + "many-" + i));
    }
    String overOneMiB = event().put("query", "q".repeat((1 << 20) + 10)).encode();
    return Stream.of(
        post("truncated JSON", "application/json", "{\"userId\": ", 400, "invalid_json", "not valid JSON"),
        post("truncated array", "application/json", "[" + event().encode() + ",", 400, "invalid_json", "not valid JSON"),
        post("unquoted keys", "application/json", "{userId: \"u\", type: \"view\"}", 400, "invalid_json", "not valid JSON"),
        post("trailing comma", "application/json", "{\"userId\": \"u\",}", 400, "invalid_json", "not valid JSON"),
        post("single quotes", "application/json", "{'userId': 'u'}", 400, "invalid_json", "not valid JSON"),
        post("two objects back to back", "application/json", event().encode() + event().encode(), 400, "invalid_json", "not valid JSON"),
        post("a raw control byte inside a string", "application/json", "{\"userId\": \"a\u0001b\", \"itemId\": \"i\", \"type\": \"view\"}", 400, "invalid_json", "not valid JSON"),
        post("a JSON string", "application/json", "\"view\"", 400, "invalid_body", "must be a JSON object or an array"),
        post("a JSON number", "application/json", "42", 400, "invalid_body", "must be a JSON object or an array"),
        post("JSON null", "application/json", "null", 400, "invalid_body", "must be a JSON object or an array"),
        post("an empty array", "application/json", "[]", 400, "empty", "no events"),
        post("an array of non-objects", "application/json", "[1, \"x\", null, [], true]", 400, "invalid_events", "event: must be a JSON object"),
        post("10,000 nested arrays", "application/json", deepArrays, 400, "invalid_json", "not valid JSON"),
        post("10,000 nested objects", "application/json", deepObjects, 400, "invalid_json", "not valid JSON"),
        post("10,000 nested arrays in context", "application/json",
            event().encode().replaceFirst("}$", ",\"context\":" + deepArrays + "}"), 400, "invalid_json", "not valid JSON"),
        post("1,001 events in one array", "application/json", tooMany.encode(), 413, "too_many_events", "at most 1000 events"),
        post("a body over 1 MiB", "application/json", overOneMiB, 413, "too_large", "larger than 1048576 bytes"),
        post("an empty body", "application/json", "", 400, "empty", "no events"),
        post("a blank body", "application/json", " \r\n\t ", 400, "empty", "no events"),
        postBytes("invalid UTF-8 (C3 28) in userId", "application/json", withBytes(event().put("userId", "@@").encode(), "@@", 0xC3, 0x28), 400, "invalid_encoding", "not valid UTF-8"),
        postBytes("overlong UTF-8 (C0 AF)", "application/json", withBytes(event().put("userId", "@@").encode(), "@@", 0xC0, 0xAF), 400, "invalid_encoding", "not valid UTF-8"),
        postBytes("UTF-8-encoded surrogate (ED A0 80)", "application/json", withBytes(event().put("userId", "@@").encode(), "@@", 0xED, 0xA0, 0x80), 400, "invalid_encoding", "not valid UTF-8"),
        postBytes("a lone Latin-1 byte (E9)", "application/json", withBytes(event().put("userId", "@@").encode(), "@@", 0xE9), 400, "invalid_encoding", "not valid UTF-8"),
        post("Content-Type text/plain", "text/plain", event().encode(), 415, "unsupported_media_type", "Content-Type must be application/json"),
        post("no Content-Type", null, event().encode(), 415, "unsupported_media_type", "got none"),
        post("Content-Type application/xml", "application/xml", "<event><userId>u</userId></event>", 415, "unsupported_media_type", "Content-Type must be application/json"),
        post("Content-Type form-urlencoded", "application/x-www-form-urlencoded", "userId=u&itemId=i&type=view", 415, "unsupported_media_type", "Content-Type must be application/json"),
        post("Content-Type multipart", "multipart/form-data; boundary=x",
            "--x\r\nContent-Disposition: form-data; name=\"event\"\r\n\r\n" + event().encode() + "\r\n--x--\r\n", 415, "unsupported_media_type", "Content-Type must be application/json"),
        post("charset ISO-8859-1", "application/json; charset=iso-8859-1", event().encode(), 415, "unsupported_media_type", "charset iso-8859-1"),
        post("charset UTF-16", "application/json; charset=utf-16", event().encode(), 415, "unsupported_media_type", "charset utf-16"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodies")
  @DisplayName("HTTP bodies: syntax, nesting, size, encoding and content type")
  void httpBody(String name, HttpCase c) {
    check(name, c);
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP: NDJSON

  static Stream<Arguments> ndjson() {
    String nd = "application/x-ndjson";
    StringBuilder tooMany = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      tooMany.append(event().put("eventId", BAD + "nd-" + i).encode()).append('\n');
    }
    String good = event().put("eventId", RUN + "ok-nd-" + UUID.randomUUID()).encode();
    return Stream.of(
        post("NDJSON: every line not JSON", nd, "{not json\nalso not\n", 400, "invalid_events", "line 1: invalid JSON"),
        post("NDJSON: a truncated line", nd, "{\"userId\": \"u\"\n", 400, "invalid_events", "line 1: invalid JSON"),
        post("NDJSON: a line holding an array", nd, "[" + event().encode() + "]\n", 400, "invalid_events", "event: must be a JSON object"),
        post("NDJSON: 10,000 nested arrays on a line", nd, "[".repeat(10_000) + "]".repeat(10_000) + "\n", 400, "invalid_events", "line 1: invalid JSON"),
        post("NDJSON: 1,001 lines", nd, tooMany.toString(), 413, "too_many_events", "at most 1000 events"),
        post("NDJSON: a body over 1 MiB", nd, event().put("query", "q".repeat((1 << 20) + 10)).encode() + "\n", 413, "too_large", "larger than 1048576 bytes"),
        post("NDJSON: only newlines", nd, "\n\n\n", 400, "empty", "no events"),
        postBytes("NDJSON: invalid UTF-8", nd, withBytes(event().put("userId", "@@").encode() + "\n", "@@", 0xFF, 0xFE), 400, "invalid_encoding", "not valid UTF-8"),
        post("NDJSON: a bad line between good ones", nd, good + "\n" + event().put("type", "View").encode() + "\n", 202, null, "type: must be one of"),
        post("NDJSON: a bad field on the only line", nd, event().put("ts", "1700000000000").encode() + "\n", 400, "invalid_events", "ts: must be an ISO-8601 instant"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ndjson")
  @DisplayName("HTTP NDJSON: bad lines and bodies")
  void httpNdjson(String name, HttpCase c) {
    check(name, c);
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP: path and query parameters, methods and routes

  static Stream<Arguments> parameters() {
    String rec = "/v1/users/u1/recommendations";
    String evs = "/v1/users/u1/events";
    String long200 = "x".repeat(200);
    return Stream.of(
        get("k=0", rec + "?k=0", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("k=101", rec + "?k=101", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("k=-1", rec + "?k=-1", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("k=ten", rec + "?k=ten", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("k=1e3", rec + "?k=1e3", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("k=1.5", rec + "?k=1.5", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("k empty", rec + "?k=", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("k overflowing int", rec + "?k=99999999999999999999", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("k=%00", rec + "?k=%00", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("limit=0", evs + "?limit=0", 400, "bad_request", "limit: must be a whole number from 1 to 1000"),
        get("limit=1001", evs + "?limit=1001", 400, "bad_request", "limit: must be a whole number from 1 to 1000"),
        get("limit=-1", evs + "?limit=-1", 400, "bad_request", "limit: must be a whole number from 1 to 1000"),
        get("limit=ten", evs + "?limit=ten", 400, "bad_request", "limit: must be a whole number from 1 to 1000"),
        get("limit=1e3", evs + "?limit=1e3", 400, "bad_request", "limit: must be a whole number from 1 to 1000"),
        get("similar k=101", "/v1/items/i1/similar?k=101", 400, "bad_request", "k: must be a whole number from 1 to 100"),
        get("userId 200 chars (events)", "/v1/users/" + long200 + "/events", 400, "bad_request", "userId: must be 1 to 128 characters"),
        get("userId 200 chars (recommendations)", "/v1/users/" + long200 + "/recommendations", 400, "bad_request", "userId: must be 1 to 128 characters"),
        get("userId %00", "/v1/users/a%00b/events", 400, "bad_request", "userId: must not contain control characters"),
        get("userId %0A", "/v1/users/a%0Ab/recommendations", 400, "bad_request", "userId: must not contain control characters"),
        get("userId %7F", "/v1/users/%7F/events", 400, "bad_request", "userId: must not contain control characters"),
        get("userId %C2%85 (C1 control)", "/v1/users/a%C2%85/events", 400, "bad_request", "userId: must not contain control characters"),
        get("itemId 200 chars", "/v1/items/" + long200 + "/similar", 400, "bad_request", "itemId: must be 1 to 128 characters"),
        get("itemId %00", "/v1/items/a%00/similar", 400, "bad_request", "itemId: must not contain control characters"),
        req("DELETE userId 200 chars", HttpMethod.DELETE, "/v1/users/" + long200, 400, "bad_request", "userId: must be 1 to 128 characters"),
        req("DELETE userId %01", HttpMethod.DELETE, "/v1/users/a%01", 400, "bad_request", "userId: must not contain control characters"),
        req("activate version 200 chars", HttpMethod.POST, "/v1/models/" + long200 + "/activate", 400, "bad_request", "version: must be 1 to 128 characters"),
        get("stream userId 129 chars (no upgrade)", "/v1/stream?userId=" + "u".repeat(129), 400, "bad_request", "userId: must be 1 to 128 characters"),
        get("stream userId %00", "/v1/stream?userId=a%00", 400, "bad_request", "userId: must not contain control characters"),
        get("stream userId empty", "/v1/stream?userId=", 400, "bad_request", "userId: required"),
        // The router normalizes "//" to "/": this is GET /v1/users/events, a path that exists only for DELETE.
        get("empty userId segment", "/v1/users//events", 405, "method_not_allowed", "GET is not allowed"),
        get("unknown sub-route", rec + "/extra", 404, "not_found", "no route"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parameters")
  @DisplayName("HTTP path and query parameters: a bad one is a 400 naming it")
  void httpParameter(String name, HttpCase c) {
    check(name, c);
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP: PUT /v1/items/{itemId}

  static Stream<Arguments> itemBodies() {
    String path = "/v1/items/" + RUN + "item";
    String json = "application/json";
    return Stream.of(
        put("item: text/plain", path, "text/plain", "{\"title\": \"t\"}", 415, "unsupported_media_type", "Content-Type: must be application/json"),
        put("item: no Content-Type", path, null, "{\"title\": \"t\"}", 415, "unsupported_media_type", "Content-Type: must be application/json"),
        put("item: empty body", path, json, "", 400, "bad_request", "body: required"),
        put("item: not JSON", path, json, "{\"title\": ", 400, "bad_request", "body: is not valid JSON"),
        put("item: an array", path, json, "[{\"title\": \"t\"}]", 400, "bad_request", "body: must be a JSON object"),
        put("item: 10,000 nested arrays", path, json, "[".repeat(10_000) + "]".repeat(10_000), 400, "bad_request", "body: is not valid JSON"),
        put("item: unknown field", path, json, "{\"colour\": \"red\"}", 400, "bad_request", "colour: is not a catalog field"),
        put("item: price a string", path, json, "{\"price\": \"3\"}", 400, "bad_request", "price: must be a finite number"),
        put("item: negative price", path, json, "{\"price\": -1}", 400, "bad_request", "price: must be a finite number"),
        put("item: available a string", path, json, "{\"available\": \"yes\"}", 400, "bad_request", "available: must be true or false"),
        put("item: title a number", path, json, "{\"title\": 123}", 400, "bad_request", "title: must be a string"),
        put("item: title 1,001 chars", path, json, new JsonObject().put("title", "t".repeat(1001)).encode(), 400, "bad_request", "title: must be 1 to 1000 characters"),
        put("item: category with NUL", path, json, "{\"category\": \"a\\u0000b\"}", 400, "bad_request", "category: must be 1 to 256 characters without control characters"),
        put("item: body over 64 KiB", path, json, new JsonObject().put("title", "t".repeat(70_000)).encode(), 413, "too_large", "larger than 65536 bytes"),
        put("item: itemId 200 chars", "/v1/items/" + "x".repeat(200), json, "{\"title\": \"t\"}", 400, "bad_request", "itemId: must be 1 to 128 characters"),
        put("item: itemId %00", "/v1/items/a%00", json, "{\"title\": \"t\"}", 400, "bad_request", "itemId: must not contain control characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("itemBodies")
  @DisplayName("HTTP PUT /v1/items: bad catalog bodies")
  void httpItem(String name, HttpCase c) {
    check(name, c);
  }

  // ---------------------------------------------------------------------------------------------
  // WebSocket client messages

  static Stream<Arguments> webSocketMessages() {
    JsonArray many = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      many.add(RUN + "ws-" + i);
    }
    String notObject = "message: must be a JSON object";
    return Stream.of(
        Arguments.of("ws: not JSON", "hello", notObject),
        Arguments.of("ws: truncated JSON", "{\"subscribe\": [\"u1\"", notObject),
        Arguments.of("ws: an empty message", "", notObject),
        Arguments.of("ws: a JSON array", "[\"u1\"]", notObject),
        Arguments.of("ws: JSON null", "null", notObject),
        Arguments.of("ws: a JSON number", "42", notObject),
        Arguments.of("ws: 10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000), notObject),
        Arguments.of("ws: subscribe a string", "{\"subscribe\": \"u1\"}", "subscribe: must be an array"),
        Arguments.of("ws: subscribe an object", "{\"subscribe\": {\"u1\": true}}", "subscribe: must be an array"),
        Arguments.of("ws: unsubscribe a number", "{\"unsubscribe\": 1}", "unsubscribe: must be an array"),
        Arguments.of("ws: a user id a number", "{\"subscribe\": [1]}", "subscribe: each user id must be a string"),
        Arguments.of("ws: a user id null", "{\"subscribe\": [null]}", "subscribe: each user id must be a string"),
        Arguments.of("ws: a user id with NUL", "{\"subscribe\": [\"a\\u0000b\"]}", "subscribe: each user id must be a string of 1 to 128 characters without control characters"),
        Arguments.of("ws: a user id of 129 chars", new JsonObject().put("subscribe", new JsonArray().add("u".repeat(129))).encode(), "subscribe: each user id must be a string of 1 to 128 characters"),
        Arguments.of("ws: an empty user id", "{\"subscribe\": [\"\"]}", "subscribe: each user id must be a string"),
        Arguments.of("ws: 1,001 user ids", new JsonObject().put("subscribe", many).encode(), "subscribe: at most 1000 users per connection"),
        Arguments.of("ws: unknown key", "{\"subscribe\": [\"u1\"], \"firehose\": true}", "firehose: unknown field"),
        Arguments.of("ws: misspelt key", "{\"subcribe\": [\"u1\"]}", "subcribe: unknown field"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("webSocketMessages")
  @DisplayName("WebSocket: a bad client message is answered with an error naming the rule; the connection stays usable")
  void webSocketMessage(String name, String message, String fragment) throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    AtomicReference<Short> closed = new AtomicReference<>();
    WebSocket ws = TestSystem.get().webSocket("/v1/stream");
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    ws.closeHandler(v -> closed.set(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode()));
    try {
      ws.writeTextMessage(message);
      Kafka.await(name + ": an error message", () -> !received.isEmpty() || closed.get() != null, 10_000);
      assertEquals(null, closed.get(), name + ": the connection must stay open");
      JsonObject error = received.get(0);
      assertEquals(Set.of("type", "message"), error.fieldNames(), name + ": " + error);
      assertEquals("error", error.getString("type"), name + ": " + error);
      assertClean(name, error.encode());
      assertTrue(error.getString("message").contains(fragment), name + ": expected '" + fragment + "' in " + error);
      received.clear();
      String follow = RUN + "ws-ok";
      ws.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add(follow)).encode());
      Kafka.await(name + ": the ack of a good subscribe", () -> !received.isEmpty(), 10_000);
      assertEquals("subscriptions", received.get(0).getString("type"), name + ": " + received);
      assertEquals(new JsonArray().add(follow), received.get(0).getJsonArray("userIds"));
    } finally {
      ws.close();
    }
  }

  @Test
  @DisplayName("WebSocket: a message over 64 KiB closes that connection with 1009 (message too big); others keep working")
  void webSocketOversizedMessage() throws Exception {
    AtomicReference<Short> closed = new AtomicReference<>();
    WebSocket ws = TestSystem.get().webSocket("/v1/stream");
    ws.closeHandler(v -> closed.set(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode()));
    JsonArray ids = new JsonArray();
    for (int i = 0; i < 800; i++) {
      ids.add(RUN + "big-" + "x".repeat(60) + i);
    }
    String message = new JsonObject().put("subscribe", ids).encode();
    assertTrue(message.length() > 64 * 1024);
    ws.writeTextMessage(message);
    Kafka.await("the oversized connection closed", () -> closed.get() != null, 10_000);
    assertEquals((short) 1009, closed.get());
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket other = TestSystem.get().webSocket("/v1/stream");
    other.textMessageHandler(text -> received.add(new JsonObject(text)));
    other.writeTextMessage("{\"subscribe\": [\"" + RUN + "after-big\"]}");
    Kafka.await("a new connection's ack", () -> !received.isEmpty(), 10_000);
    assertEquals("subscriptions", received.get(0).getString("type"));
    other.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Kafka records

  record KafkaCase(byte[] value, String fragment) {}

  static Stream<Arguments> kafkaRecords() {
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(event().put("eventId", BAD + "k-many-" + i));
    }
    return Stream.of(
        kafka("kafka: not JSON", "hello, broker", "event: invalid JSON"),
        kafka("kafka: truncated JSON", "{\"userId\": \"u", "event: invalid JSON"),
        kafka("kafka: the bare literal NaN as ts", event().encode().replaceFirst("}$", ",\"ts\":NaN}"), "event: invalid JSON"),
        kafka("kafka: an empty value", "", "event: the record has no value"),
        Arguments.of("kafka: a tombstone (null value)", new KafkaCase(null, "event: the record has no value")),
        kafka("kafka: a JSON number", "42", "event: must be a JSON object"),
        kafka("kafka: JSON null", "null", "event: must be a JSON object"),
        kafka("kafka: an array of 1,001 events", tooMany.encode(), "event: must be a JSON object"),
        kafka("kafka: 10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000), "event: invalid JSON"),
        kafka("kafka: missing userId", event().put("eventId", BAD + "k1").encode().replace("\"userId\"", "\"userIdx\""), "userId: required"),
        kafka("kafka: type View", event().put("type", "View").encode(), "type: must be one of"),
        kafka("kafka: unknown field", event().put("colour", "red").encode(), "colour: unknown field"),
        kafka("kafka: userId 129 chars", event().put("userId", "u".repeat(129)).encode(), "userId: must be 1 to 128 characters"),
        kafka("kafka: itemId with a control char", event().put("itemId", "i\u0007").encode(), "itemId: must not contain control characters"),
        kafka("kafka: ts as a string", event().put("ts", "1700000000000").encode(), "ts: must be an ISO-8601 instant"),
        kafka("kafka: ts far future", event().put("ts", 32503680000000L).encode(), "ts: must not be more than 5 minutes in the future"),
        kafka("kafka: ts negative", event().put("ts", -5).encode(), "ts: must not be negative"),
        kafka("kafka: value as a string", event().put("value", "3").encode(), "value: must be a finite number"),
        kafka("kafka: context with 33 keys", event().put("context", context(33)).encode(), "context: at most 32 keys"),
        kafka("kafka: context value a number", event().put("context", new JsonObject().put("n", 1)).encode(), "context.n: must be a string"),
        kafka("kafka: query 513 chars", event().put("type", "search").put("query", "q".repeat(513)).encode(), "query: must be 1 to 512 characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kafkaRecords")
  @DisplayName("Kafka: a bad record goes to the DLQ with error and source-offset; the next record of its partition is stored")
  void kafkaRecord(String name, KafkaCase c) throws Exception {
    checkKafka(name, c);
  }

  // ---------------------------------------------------------------------------------------------
  // Injection strings are valid ids: stored verbatim, read back as data

  static Stream<Arguments> injectionAsData() {
    return Stream.of(
        data("SQL in userId, script in itemId", e -> e.put("userId", SQL_INJECTION + RUN).put("itemId", SCRIPT_INJECTION)),
        data("script in userId, SQL tautology in itemId", e -> e.put("userId", SCRIPT_INJECTION + RUN).put("itemId", "1' OR '1'='1")),
        data("SQL in sessionId and context", e -> e.put("userId", "Robert'); DROP TABLE students;-- " + RUN)
            .put("sessionId", "\" OR \"\"=\"").put("context", new JsonObject().put("recId", "'; DELETE FROM items; --").put("<b>", "</script>"))),
        data("SQL UNION in a search query", e -> e.put("userId", "q-" + RUN).put("type", "search")
            .put("query", "' UNION SELECT * FROM events --").remove("itemId")),
        data("percent and slashes in ids", e -> e.put("userId", "%00%0A/../" + RUN).put("itemId", "../../etc/passwd")),
        data("template and JNDI strings", e -> e.put("userId", "${jndi:ldap://x/a}" + RUN).put("itemId", "{{7*7}}#{7*7}")),
        data("128 emoji userId (boundary)", e -> e.put("userId", RUN.substring(0, 8) + "\uD83D\uDE00".repeat(120))),
        data("quotes, backslashes and spaces", e -> e.put("userId", "a \"b\" \\c ? & = # " + RUN).put("itemId", "\\u0000 literally")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("injectionAsData")
  @DisplayName("Injection strings as ids: stored verbatim and read back; the events table still exists")
  void injectionIsData(String name, JsonObject event) throws Exception {
    checkData(name, event);
  }

  @Test
  @DisplayName("PUT /v1/items with script and SQL strings stores and echoes them verbatim")
  void itemInjectionIsData() {
    String itemId = SCRIPT_INJECTION + RUN;
    JsonObject body = new JsonObject().put("title", SCRIPT_INJECTION).put("category", SQL_INJECTION).put("price", 1.5);
    HttpResponse<Buffer> r = send(HttpMethod.PUT, "/v1/items/" + encode(itemId), "application/json", body.toBuffer());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject stored = r.bodyAsJsonObject();
    assertEquals(itemId, stored.getString("itemId"));
    assertEquals(SCRIPT_INJECTION, stored.getString("title"));
    assertEquals(SQL_INJECTION, stored.getString("category"));
    assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
  }

  // ---------------------------------------------------------------------------------------------
  // Cases that reveal bugs: they assert the correct behaviour and stay disabled until fixed.

  @Test
  @DisplayName("GET /v1/stream without an upgrade is a 400 with a JSON error body")
  void streamWithoutUpgrade() {
    check("stream without an upgrade", new HttpCase(HttpMethod.GET, "/v1/stream?userId=u1", null, null, 400, "bad_request", "WebSocket"));
  }

  @Test
  @DisplayName("a known path with a wrong method is a 405, not a 404")
  void wrongMethod() {
    check("PATCH /v1/events", new HttpCase(HttpMethod.PATCH, "/v1/events", null, null, 405, "method_not_allowed", "PATCH is not allowed"));
    check("GET /v1/events", new HttpCase(HttpMethod.GET, "/v1/events", null, null, 405, "method_not_allowed", "GET is not allowed"));
  }

  @Test
  @DisplayName("a 5,000-char URL is refused with a JSON error body")
  void hugeUrl() {
    check("a 5,000-char URL", new HttpCase(HttpMethod.GET, "/v1/users/" + "x".repeat(5000) + "/events", null, null, 414, null, ""));
  }

  @Test
  @DisplayName("NUL in a search query (no control-character rule) is stored verbatim or refused with a 400, never a 5xx")
  void nulInQuery() throws Exception {
    JsonObject e = new JsonObject().put("eventId", RUN + "nulq-" + UUID.randomUUID()).put("userId", RUN + "nulq")
        .put("type", "search").put("query", "socks\u0000shoes");
    storedVerbatimOrRefused("NUL in query", e, "query: ");
  }

  @Test
  @DisplayName("NUL in a context value is stored verbatim or refused with a 400, never a 5xx")
  void nulInContext() throws Exception {
    JsonObject e = new JsonObject().put("eventId", RUN + "nulc-" + UUID.randomUUID()).put("userId", RUN + "nulc")
        .put("itemId", "item-1").put("type", "view").put("context", new JsonObject().put("k", "a\u0000b"));
    storedVerbatimOrRefused("NUL in context", e, "context.k: ");
  }

  @Test
  @DisplayName("a lone surrogate (\\ud800) in userId is stored verbatim or refused with a 400")
  void loneSurrogate() throws Exception {
    String body = "{\"eventId\": \"" + RUN + "sur-1\", \"userId\": \"" + RUN + "\\ud800\", \"itemId\": \"i\", \"type\": \"view\"}";
    HttpResponse<Buffer> r = send(HttpMethod.POST, "/v1/events", "application/json", Buffer.buffer(body));
    assertClean("lone surrogate", r.bodyAsString());
    if (r.statusCode() == 400) {
      assertTrue(r.bodyAsString().contains("userId: "), r.bodyAsString());
      return;
    }
    assertEquals(202, r.statusCode(), r.bodyAsString());
    // The PostgreSQL client writes a lone surrogate as '?': the event must not land under another user's id.
    assertEquals(0, TestSystem.get().eventsOfUser(RUN + "?"), "stored under a mangled userId");
    assertEquals(1, TestSystem.get().storedEvents(RUN + "sur-1"));
  }

  @Test
  @DisplayName("PUT /v1/items counts lengths in code points, like events: a 100-emoji id and a 600-emoji title are valid")
  void itemLengthsInCodePoints() {
    String itemId = "\uD83D\uDE00".repeat(100);
    JsonObject body = new JsonObject().put("title", "\uD83D\uDE00".repeat(600));
    HttpResponse<Buffer> r = send(HttpMethod.PUT, "/v1/items/" + encode(itemId), "application/json", body.toBuffer());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(itemId, r.bodyAsJsonObject().getString("itemId"));
  }

  @Test
  @DisplayName("a Kafka record with invalid UTF-8 goes to the DLQ with its original bytes")
  void kafkaInvalidUtf8() throws Exception {
    byte[] value = withBytes(event().put("itemId", "@@").encode(), "@@", 0xC3, 0x28);
    checkKafka("kafka: invalid UTF-8", new KafkaCase(value, "UTF-8"));
  }

  @Test
  @DisplayName("a Kafka record with NUL in its query goes to the DLQ or is stored; the partition does not stall")
  void kafkaNulInQuery() throws Exception {
    byte[] value = event().put("type", "search").put("query", "a\u0000b").toBuffer().getBytes();
    checkKafka("kafka: NUL in query", new KafkaCase(value, "query: "));
  }

  @Test
  @DisplayName("an invalid percent escape in the path or query is a 400 with a JSON error body")
  void badPercentEscape() {
    check("k=%zz", new HttpCase(HttpMethod.GET, "/v1/users/u1/recommendations?k=%zz", null, null, 400, "bad_request", ""));
    check("userId %zz", new HttpCase(HttpMethod.GET, "/v1/users/%zz/events", null, null, 400, "bad_request", ""));
  }

  @Test
  @DisplayName("invalid UTF-8 in a percent-encoded path parameter is a 400 naming it")
  void badUtf8InPath() {
    check("userId %C3%28", new HttpCase(HttpMethod.GET, "/v1/users/a%C3%28/events", null, null, 400, "bad_request", "userId"));
  }

  /** 202 and read back verbatim, or a clean 400 naming {@code field}; never a 5xx. */
  private static void storedVerbatimOrRefused(String name, JsonObject event, String field) throws Exception {
    HttpResponse<Buffer> r = send(HttpMethod.POST, "/v1/events", "application/json", event.toBuffer());
    assertClean(name, r.bodyAsString());
    if (r.statusCode() == 400) {
      assertTrue(r.bodyAsString().contains(field), name + ": " + r.bodyAsString());
      return;
    }
    assertEquals(202, r.statusCode(), name + ": " + r.bodyAsString());
    JsonObject back = send(HttpMethod.GET, "/v1/users/" + encode(event.getString("userId")) + "/events", null, null)
        .bodyAsJsonObject().getJsonArray("events").getJsonObject(0);
    assertEquals(event.getValue("query"), back.getValue("query"), name);
    assertEquals(event.getValue("context"), back.getValue("context"), name);
  }

  // ---------------------------------------------------------------------------------------------
  // The checks

  private static void check(String name, HttpCase c) {
    HttpResponse<Buffer> r = send(c.method(), c.path(), c.contentType(), c.body() == null ? null : Buffer.buffer(c.body()));
    String text = r.bodyAsString();
    assertEquals(c.status(), r.statusCode(), name + ": " + abbreviate(text));
    String type = r.getHeader("Content-Type");
    assertNotNull(type, name + ": a Content-Type, body '" + abbreviate(text) + "'");
    assertTrue(type.startsWith("application/json"), name + ": Content-Type " + type);
    assertClean(name, text);
    JsonObject body = new JsonObject(text);
    if (c.status() == 202) {
      String reasons = body.getJsonArray("rejected").encode();
      assertTrue(reasons.contains(c.fragment()), name + ": expected '" + c.fragment() + "' in " + reasons);
      return;
    }
    assertEquals(Set.of("error", "message", "details"), body.fieldNames(), name + ": " + abbreviate(text));
    assertTrue(body.getValue("error") instanceof String, name);
    assertTrue(body.getValue("message") instanceof String m && !m.isBlank(), name);
    assertTrue(body.getValue("details") instanceof JsonArray, name);
    if (c.error() != null) {
      assertEquals(c.error(), body.getString("error"), name + ": " + abbreviate(text));
    }
    String named = body.getString("message") + " " + body.getJsonArray("details").encode();
    assertTrue(named.contains(c.fragment()), name + ": expected '" + c.fragment() + "' in " + abbreviate(text));
  }

  private static void checkKafka(String name, KafkaCase c) throws Exception {
    String key = RUN + "k-" + SEQ.incrementAndGet();
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    RecordMetadata bad = producer.send(new ProducerRecord<>(Topics.EVENTS, keyBytes, c.value())).get(10, TimeUnit.SECONDS);
    String goodId = RUN + "kgood-" + SEQ.incrementAndGet() + ".";
    byte[] good = new JsonObject().put("eventId", goodId).put("userId", key).put("itemId", "item-2").put("type", "click").toBuffer().getBytes();
    RecordMetadata next = producer.send(new ProducerRecord<>(Topics.EVENTS, keyBytes, good)).get(10, TimeUnit.SECONDS);
    assertEquals(bad.partition(), next.partition());
    Kafka.await(name + ": the next record of the partition stored", () -> stored(goodId) == 1, 20_000);

    String sourceOffset = Topics.EVENTS + ":" + bad.partition() + ":" + bad.offset();
    ConsumerRecord<byte[], byte[]> dead = dlqRecord(sourceOffset, 20_000);
    assertNotNull(dead, name + ": no DLQ record with source-offset " + sourceOffset);
    String error = header(dead, "error");
    assertNotNull(error, name + ": the DLQ record has an error header");
    assertClean(name, error);
    assertTrue(error.contains(c.fragment()), name + ": expected '" + c.fragment() + "' in " + abbreviate(error));
    assertArrayEquals(keyBytes, dead.key(), name + ": the original key");
    assertArrayEquals(c.value(), dead.value(), name + ": the original value");
  }

  private static void checkData(String name, JsonObject event) throws Exception {
    String eventId = event.getString("eventId");
    String userId = event.getString("userId");
    HttpResponse<Buffer> posted = send(HttpMethod.POST, "/v1/events", "application/json", event.toBuffer());
    assertEquals(202, posted.statusCode(), name + ": " + posted.bodyAsString());
    assertEquals(new JsonObject().put("accepted", 1).put("rejected", new JsonArray()), posted.bodyAsJsonObject());
    assertEquals(1, TestSystem.get().storedEvents(eventId), name + ": stored once (and the events table exists)");
    assertEquals(1, TestSystem.get().eventsOfUser(userId), name + ": stored under the verbatim userId");

    HttpResponse<Buffer> read = send(HttpMethod.GET, "/v1/users/" + encode(userId) + "/events", null, null);
    assertEquals(200, read.statusCode(), name + ": " + read.bodyAsString());
    JsonObject body = read.bodyAsJsonObject();
    assertEquals(userId, body.getString("userId"));
    assertEquals(1, body.getJsonArray("events").size(), name + ": " + body);
    JsonObject back = body.getJsonArray("events").getJsonObject(0);
    for (String field : List.of("eventId", "userId", "itemId", "type", "sessionId", "query", "context")) {
      assertEquals(event.getValue(field), back.getValue(field), name + ": " + field + " read back verbatim");
    }
    HttpResponse<Buffer> recs = send(HttpMethod.GET, "/v1/users/" + encode(userId) + "/recommendations?k=5", null, null);
    assertEquals(200, recs.statusCode(), name + ": recommendations " + recs.bodyAsString());
    assertEquals(userId, recs.bodyAsJsonObject().getString("userId"));
    if (event.getString("itemId") != null) {
      HttpResponse<Buffer> similar = send(HttpMethod.GET, "/v1/items/" + encode(event.getString("itemId")) + "/similar", null, null);
      assertTrue(similar.statusCode() == 200 || similar.statusCode() == 404, name + ": similar " + similar.statusCode());
      assertClean(name, similar.bodyAsString());
    }
    // The id subscribes verbatim on the live feed too.
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket ws = TestSystem.get().webSocket("/v1/stream?userId=" + encode(userId));
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    ws.writeTextMessage(new JsonObject().put("subscribe", new JsonArray().add(userId)).encode());
    Kafka.await(name + ": the subscribe ack", () -> !received.isEmpty(), 10_000);
    assertEquals(new JsonArray().add(userId), received.get(0).getJsonArray("userIds"), name);
    ws.close();
    assertEquals(1, TestSystem.get().storedEvents(eventId), name + ": the events table still exists");
  }

  /** No stack trace, no HTML, no echo of a megabyte of input. */
  private static void assertClean(String name, String text) {
    assertNotNull(text, name + ": a body");
    assertFalse(text.contains("Exception"), name + ": mentions an Exception: " + abbreviate(text));
    assertFalse(text.contains("at dev."), name + ": holds a stack frame: " + abbreviate(text));
    assertFalse(text.toLowerCase(Locale.ROOT).contains("<html"), name + ": is HTML: " + abbreviate(text));
    assertTrue(text.length() < 8 * 1024, name + ": an error of " + text.length() + " chars echoes the input");
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, Buffer body) {
    HttpRequest<Buffer> request = TestSystem.get().webClient().request(method, path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return Http.await(body == null ? request.send() : request.sendBuffer(body));
  }

  /** A valid event whose id marks it as belonging to a refused case. */
  private static JsonObject event() {
    return new JsonObject().put("eventId", BAD + UUID.randomUUID()).put("userId", USER).put("itemId", "item-1").put("type", "view");
  }

  private static Arguments badEvent(String name, Consumer<JsonObject> change, String fragment) {
    JsonObject e = event();
    change.accept(e);
    return post(name, "application/json", e.encode(), 400, "invalid_events", fragment);
  }

  /** An event with raw JSON members appended, for values JsonObject cannot hold. */
  private static Arguments rawEvent(String name, String members, int status, String error, String fragment) {
    String json = event().encode();
    return post(name, "application/json", json.substring(0, json.length() - 1) + "," + members + "}", status, error, fragment);
  }

  private static Arguments post(String name, String contentType, String body, int status, String error, String fragment) {
    return postBytes(name, contentType, body.getBytes(StandardCharsets.UTF_8), status, error, fragment);
  }

  private static Arguments postBytes(String name, String contentType, byte[] body, int status, String error, String fragment) {
    return Arguments.of(name, new HttpCase(HttpMethod.POST, "/v1/events", contentType, body, status, error, fragment));
  }

  private static Arguments put(String name, String path, String contentType, String body, int status, String error, String fragment) {
    return Arguments.of(name, new HttpCase(HttpMethod.PUT, path, contentType, body.getBytes(StandardCharsets.UTF_8), status, error, fragment));
  }

  private static Arguments get(String name, String path, int status, String error, String fragment) {
    return req(name, HttpMethod.GET, path, status, error, fragment);
  }

  private static Arguments req(String name, HttpMethod method, String path, int status, String error, String fragment) {
    return Arguments.of(name, new HttpCase(method, path, null, null, status, error, fragment));
  }

  private static Arguments kafka(String name, String value, String fragment) {
    return Arguments.of(name, new KafkaCase(value.getBytes(StandardCharsets.UTF_8), fragment));
  }

  private static Arguments data(String name, Consumer<JsonObject> change) {
    JsonObject e = new JsonObject().put("eventId", RUN + "data-" + UUID.randomUUID()).put("itemId", "item-3").put("type", "view");
    change.accept(e);
    return Arguments.of(name, e);
  }

  private static JsonObject context(int keys) {
    JsonObject context = new JsonObject();
    for (int i = 0; i < keys; i++) {
      context.put("k" + i, "v");
    }
    return context;
  }

  /** The UTF-8 bytes of {@code text} with {@code marker} replaced by raw bytes. */
  private static byte[] withBytes(String text, String marker, int... bytes) {
    int at = text.indexOf(marker);
    byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] tail = text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(head, head.length + bytes.length + tail.length);
    for (int i = 0; i < bytes.length; i++) {
      out[head.length + i] = (byte) bytes[i];
    }
    System.arraycopy(tail, 0, out, head.length + bytes.length, tail.length);
    return out;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static long stored(String prefix) {
    try {
      return TestSystem.get().storedEvents(prefix);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ConsumerRecord<byte[], byte[]> dlqRecord(String sourceOffset, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!DLQ.containsKey(sourceOffset) && System.currentTimeMillis() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : dlqReader.poll(Duration.ofMillis(100))) {
        String offset = header(r, "source-offset");
        if (offset != null) {
          DLQ.put(offset, r);
        }
      }
    }
    return DLQ.get(sourceOffset);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
