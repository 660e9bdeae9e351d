package dev.recstream.shared.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * An HTTP intake body forwarded from the gateway to ingestion. The body travels as the message's
 * {@link Buffer} (no re-encoding), the content type as a header.
 */
public record IntakeRequest(String contentType, Buffer body) {

  private static final String CONTENT_TYPE = "content-type";

  public DeliveryOptions deliveryOptions() {
    DeliveryOptions options = new DeliveryOptions();
    if (contentType != null) {
      options.addHeader(CONTENT_TYPE, contentType);
    }
    return options;
  }

  public static IntakeRequest from(Message<Buffer> message) {
    return new IntakeRequest(message.headers().get(CONTENT_TYPE), message.body());
  }
}
