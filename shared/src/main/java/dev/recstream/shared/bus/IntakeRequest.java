package dev.recstream.shared.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP intake body forwarded from the gateway to ingestion. The body travels as the bytes the
 * client sent: within one JVM the buffer itself, between JVMs a small binary frame (deadline,
 * content type, body) — never re-encoded as JSON.
 *
 * @param contentType the request's Content-Type, null when absent
 * @param deadlineMillis epoch milliseconds when the gateway stops waiting and answers 503: past
 *     it nothing may be stored, so that a 503 always means "not stored"
 */
public record IntakeRequest(String contentType, Buffer body, long deadlineMillis) {
  public static final Wire<IntakeRequest> WIRE = Wire.custom(IntakeRequest.class, new Codec());

  /** Delivery options whose send timeout ends at the deadline. */
  public DeliveryOptions deliveryOptions() {
    return new DeliveryOptions().setSendTimeout(Math.max(1, deadlineMillis - System.currentTimeMillis()));
  }

  private static final class Codec implements MessageCodec<IntakeRequest, IntakeRequest> {
    @Override
    public void encodeToWire(Buffer buffer, IntakeRequest r) {
      byte[] type = r.contentType() == null ? null : r.contentType().getBytes(StandardCharsets.UTF_8);
      buffer.appendLong(r.deadlineMillis())
          .appendInt(type == null ? -1 : type.length)
          .appendBytes(type == null ? new byte[0] : type)
          .appendInt(r.body().length())
          .appendBuffer(r.body());
    }

    @Override
    public IntakeRequest decodeFromWire(int pos, Buffer buffer) {
      long deadline = buffer.getLong(pos);
      int typeLength = buffer.getInt(pos + 8);
      int at = pos + 12;
      String type = typeLength < 0 ? null : buffer.getString(at, at + typeLength, "UTF-8");
      at += Math.max(0, typeLength);
      int bodyLength = buffer.getInt(at);
      return new IntakeRequest(type, buffer.getBuffer(at + 4, at + 4 + bodyLength), deadline);
    }

    @Override
    public IntakeRequest transform(IntakeRequest r) {
      return r;
    }

    @Override
    public String name() {
      return "recstream:intake-request";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
