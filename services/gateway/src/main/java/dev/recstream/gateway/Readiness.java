package dev.recstream.gateway;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code GET /health/ready}: asks the services that own the database, the broker and the model
 * whether they can work. Ready only if all answer in time; the body says which one is not.
 */
final class Readiness {
  private static final List<String> CHECKED = List.of("store", "ingestion", "scoring");
  private static final long CHECK_TIMEOUT_MS = 2_000;

  record Result(int status, JsonObject body) {}

  private Readiness() {}

  static Future<Result> check(Vertx vertx) {
    List<Future<JsonObject>> checks = CHECKED.stream().map(service -> ask(vertx, service)).toList();
    return Future.join(checks).transform(ar -> {
      JsonObject services = new JsonObject();
      boolean ready = true;
      for (int i = 0; i < CHECKED.size(); i++) {
        Future<JsonObject> check = checks.get(i);
        ready &= check.succeeded();
        services.put(CHECKED.get(i), check.succeeded()
            ? check.result().put("status", "UP")
            : new JsonObject().put("status", "DOWN").put("reason", check.cause().getMessage()));
      }
      JsonObject body = new JsonObject().put("status", ready ? "UP" : "DOWN").put("services", services);
      return Future.succeededFuture(new Result(ready ? 200 : 503, body));
    });
  }

  private static Future<JsonObject> ask(Vertx vertx, String service) {
    return Bus.request(vertx, Addresses.health(service), null, new DeliveryOptions().setSendTimeout(CHECK_TIMEOUT_MS));
  }
}
