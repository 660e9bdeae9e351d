package dev.recstream.shared.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * An HTTP intake body forwarded from the gateway to ingestion. The body travels as the message's
 * {@link Buffer} (no re-encoding), the content type and the deadline as headers.
 *
 * @param deadlineMillis epoch milliseconds when the gateway stops waiting and answers 503: past
 *     it nothing may be stored, so that a 503 always means "not stored"
 */
public record IntakeRequest(String contentType, Buffer body, long deadlineMillis) {

  private static final String CONTENT_TYPE = "content-type";
  private static final String DEADLINE = "deadline";

  /** Delivery options whose send timeout ends at the deadline. */
  public DeliveryOptions deliveryOptions() {
    DeliveryOptions options = new DeliveryOptions()
        .setSendTimeout(Math.max(1, deadlineMillis - System.currentTimeMillis()))
        .addHeader(DEADLINE, Long.toString(deadlineMillis));
    if (contentType != null) {
      options.addHeader(CONTENT_TYPE, contentType);
    }
    return options;
  }

  public static IntakeRequest from(Message<Buffer> message) {
    String deadline = message.headers().get(DEADLINE);
    return new IntakeRequest(message.headers().get(CONTENT_TYPE), message.body(),
        deadline == null ? System.currentTimeMillis() + 30_000 : Long.parseLong(deadline));
  }
}
