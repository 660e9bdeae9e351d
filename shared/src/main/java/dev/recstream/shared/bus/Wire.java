package dev.recstream.shared.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one message type travels on the event bus. A record type has one JSON mapping, used on
 * cluster hops; within one JVM the record itself is handed over ({@link #shared}) or, when it
 * holds something mutable, a copy through that mapping ({@link #copied}). Types Vert.x already
 * knows ({@code JsonObject}, {@code String}, {@code Buffer}, no body) use Vert.x's own codecs.
 *
 * @param <T> the message type
 */
public final class Wire<T> {
  /** No body: a request that needs no parameters, or a one-way message with nothing to say. */
  public static final Wire<Void> NONE = new Wire<>(Void.class, null);

  /** A JSON document passed on as it is (e.g. a summary the gateway returns verbatim). */
  public static final Wire<JsonObject> JSON = new Wire<>(JsonObject.class, null);

  /** Plain text (e.g. the Prometheus exposition). */
  public static final Wire<String> TEXT = new Wire<>(String.class, null);

  /** A yes or no. */
  public static final Wire<Boolean> BOOLEAN = new Wire<>(Boolean.class, null);

  private final Class<T> type;
  private final MessageCodec<T, T> codec;

  private Wire(Class<T> type, MessageCodec<T, T> codec) {
    this.type = type;
    this.codec = codec;
  }

  /**
   * A deeply immutable record: JSON between JVMs, the same instance within one (every local
   * consumer of a publish sees the one object, so it must never change).
   */
  public static <T> Wire<T> shared(Class<T> type, Function<? super T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
    return new Wire<>(type, new RecordCodec<>(type, toJson, fromJson, false));
  }

  /** A record holding mutable parts (a {@code JsonObject}): JSON between JVMs, a JSON copy within one. */
  public static <T> Wire<T> copied(Class<T> type, Function<? super T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
    return new Wire<>(type, new RecordCodec<>(type, toJson, fromJson, true));
  }

  /** A type with a wire format of its own (e.g. raw bytes that must not be re-encoded). */
  public static <T> Wire<T> custom(Class<T> type, MessageCodec<T, T> codec) {
    return new Wire<>(type, Objects.requireNonNull(codec, "codec"));
  }

  public Class<T> type() {
    return type;
  }

  /** The codec to register as the type's default, or null when Vert.x's built-in one applies. */
  MessageCodec<T, T> codec() {
    return codec;
  }

  /** Writes {@code value} as a cluster hop would and reads it back: what a remote consumer gets. */
  public T overTheWire(T value) {
    if (codec == null) {
      // NONE, JSON and TEXT travel with Vert.x's own codecs: there is no codec of ours to exercise.
      throw new UnsupportedOperationException(type.getSimpleName() + " uses a built-in Vert.x codec");
    }
    Buffer buffer = Buffer.buffer();
    codec.encodeToWire(buffer, value);
    return codec.decodeFromWire(0, buffer);
  }

  /** Within one JVM: what a local consumer gets. */
  public T inTheJvm(T value) {
    return codec == null ? value : codec.transform(value);
  }

  /** JSON on the wire, length-prefixed as Vert.x's own JSON codec does. */
  private static final class RecordCodec<T> implements MessageCodec<T, T> {
    private final Class<T> type;
    private final Function<? super T, JsonObject> toJson;
    private final Function<JsonObject, T> fromJson;
    private final boolean copyLocally;

    RecordCodec(Class<T> type, Function<? super T, JsonObject> toJson, Function<JsonObject, T> fromJson, boolean copyLocally) {
      this.type = type;
      this.toJson = toJson;
      this.fromJson = fromJson;
      this.copyLocally = copyLocally;
    }

    @Override
    public void encodeToWire(Buffer buffer, T value) {
      Buffer json = toJson.apply(value).toBuffer();
      buffer.appendInt(json.length());
      buffer.appendBuffer(json);
    }

    @Override
    public T decodeFromWire(int pos, Buffer buffer) {
      int length = buffer.getInt(pos);
      return fromJson.apply(new JsonObject(buffer.slice(pos + 4, pos + 4 + length)));
    }

    @Override
    public T transform(T value) {
      // copy(): toJson may put the record's own JsonObjects into the tree; the copy must not share them.
      return copyLocally ? fromJson.apply(toJson.apply(value).copy()) : value;
    }

    @Override
    public String name() {
      return "recstream:" + type.getName();
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
