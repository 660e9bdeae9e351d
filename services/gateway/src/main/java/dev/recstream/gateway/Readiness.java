package dev.recstream.gateway;

import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /health/ready}: asks the services that own the database, the broker and the model
 * whether they can work. Ready only if all answer in time and the model scoring serves is the one
 * the registry calls active; the body says which service is not ready and why.
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
      for (int i = 0; i < CHECKED.size(); i++) {
        Future<JsonObject> check = checks.get(i);
        services.put(CHECKED.get(i), check.succeeded()
            ? check.result().put("status", "UP")
            : new JsonObject().put("status", "DOWN").put("reason", check.cause().getMessage()));
      }
      return Future.succeededFuture(verdict(services));
    });
  }

  /**
   * The answer from what each service reported ({@code status} UP or DOWN). A scoring node that
   * serves another model than the registry's active one is DOWN: {@code GET /v1/models} would
   * name a model nobody serves (it happens while a node opens an activated package, or when it
   * could not).
   */
  static Result verdict(JsonObject services) {
    JsonObject store = services.getJsonObject("store");
    JsonObject scoring = services.getJsonObject("scoring");
    if (isUp(store) && isUp(scoring)) {
      String active = store.getString("activeModel");
      String served = scoring.getString("model");
      if (!Objects.equals(active, served)) {
        scoring.put("status", "DOWN").put("registryActive", active).put("reason", active == null
            ? "scoring serves model " + served + " but the registry has no active model"
            : "scoring serves model " + served + " but the registry's active model is " + active);
      }
    }
    boolean ready = CHECKED.stream().allMatch(service -> isUp(services.getJsonObject(service)));
    JsonObject body = new JsonObject().put("status", ready ? "UP" : "DOWN").put("services", services);
    return new Result(ready ? 200 : 503, body);
  }

  private static boolean isUp(JsonObject service) {
    return service != null && "UP".equals(service.getString("status"));
  }

  private static Future<JsonObject> ask(Vertx vertx, String service) {
    return Bus.request(vertx, Addresses.health(service), null, new DeliveryOptions().setSendTimeout(CHECK_TIMEOUT_MS));
  }
}
