package dev.recstream.ingestion;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.EpochMicros;
import dev.recstream.shared.bus.EventBatch;
import dev.recstream.shared.bus.IntakeOutcome;
import dev.recstream.shared.bus.IntakeRequest;
import dev.recstream.shared.bus.IntakeStats;
import dev.recstream.shared.event.BehaviorEvent;
import dev.recstream.shared.event.EventValidator;
import dev.recstream.shared.event.ValidationResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/events} behind the gateway: splits the body, validates each event, stores the
 * valid ones and answers 202 only once they are committed (the durability point), with a reason
 * for every rejected index. A store that cannot take them turns into 503 with Retry-After.
 */
final class HttpIntake {
  private static final Logger LOG = LoggerFactory.getLogger(HttpIntake.class);

  private final Vertx vertx;

  HttpIntake(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Always succeeds: every outcome, failures included, is an {@link IntakeOutcome}. */
  Future<IntakeOutcome> handle(IntakeRequest request) {
    IntakeBody.Parsed parsed = IntakeBody.parse(request.contentType(), request.body());
    if (parsed.isFailure()) {
      IntakeBody.Failure f = parsed.failure();
      return Future.succeededFuture(IntakeOutcome.refused(f.kind(), f.error(), f.message()));
    }
    Checked checked = check(parsed.elements());
    publishStats(checked);
    if (checked.accepted().isEmpty()) {
      return Future.succeededFuture(new IntakeOutcome(IntakeOutcome.Kind.NOTHING_VALID, 0, checked.rejected(),
          "invalid_events", "no event in the body is valid"));
    }
    long remaining = request.deadlineMillis() - System.currentTimeMillis();
    if (remaining < EventBatch.WRITE_MARGIN_MILLIS) {
      // Queued here too long already: the gateway will not wait for a write to finish.
      return Future.succeededFuture(unavailable(checked.accepted().size(), "too little time left before the deadline"));
    }
    return Bus.request(vertx, Addresses.STORE_APPEND,
            new EventBatch(checked.accepted(), EpochMicros.now(), request.deadlineMillis()),
            new DeliveryOptions().setSendTimeout(remaining))
        .map(stored -> IntakeOutcome.accepted(checked.accepted().size(), checked.rejected()))
        .otherwise(e -> unavailable(checked.accepted().size(), e.getMessage()));
  }

  private static IntakeOutcome unavailable(int events, String reason) {
    LOG.warn("http intake not stored events={} reason={}", events, reason);
    return IntakeOutcome.refused(IntakeOutcome.Kind.NOT_STORED, "unavailable",
        "the events could not be stored right now; nothing of this request was accepted, retry it");
  }

  private record Checked(List<BehaviorEvent> accepted, JsonArray rejected) {}

  private static Checked check(List<IntakeBody.Element> elements) {
    Instant now = Instant.now();
    List<BehaviorEvent> accepted = new ArrayList<>(elements.size());
    JsonArray rejected = new JsonArray();
    for (int i = 0; i < elements.size(); i++) {
      ValidationResult result = elements.get(i) instanceof IntakeBody.Decoded d
          ? EventValidator.validate(d.value(), UUID.randomUUID().toString(), now)
          : ValidationResult.invalid(List.of(((IntakeBody.Malformed) elements.get(i)).reason()));
      if (result.isValid()) {
        accepted.add(result.event());
      } else {
        rejected.add(new JsonObject().put("index", i).put("eventId", rawEventId(elements.get(i))).put("reason", result.reason()));
      }
    }
    return new Checked(accepted, rejected);
  }

  /** The client's eventId of a rejected element, when it gave a usable one. */
  private static String rawEventId(IntakeBody.Element element) {
    if (element instanceof IntakeBody.Decoded d && d.value() instanceof JsonObject o && o.getValue("eventId") instanceof String id) {
      return id;
    }
    return null;
  }

  private void publishStats(Checked checked) {
    Bus.publish(vertx, Addresses.EVENTS_INTAKE,
        new IntakeStats(IntakeStats.HTTP, checked.accepted().size(), checked.rejected().size()));
  }
}
