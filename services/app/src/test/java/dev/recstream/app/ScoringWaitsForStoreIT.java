package dev.recstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.recstream.gateway.GatewayVerticle;
import dev.recstream.ingestion.IngestionVerticle;
import dev.recstream.scoring.ScoringVerticle;
import dev.recstream.shared.bus.Addresses;
import dev.recstream.shared.bus.Bus;
import dev.recstream.shared.bus.ModelEntry;
import dev.recstream.shared.bus.ModelVersion;
import dev.recstream.shared.config.RecstreamConfig;
import dev.recstream.store.StoreVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A scoring node whose store is not running yet, as when the processes of a cluster start in any
 * order (issue #11, defect 4): it must wait for the store rather than serve an empty model, and
 * readiness must say so. The services run on a Vert.x of their own, on a database of their own.
 */
@ExtendWith({TestSystem.class, VertxExtension.class})
@DisplayName("A scoring node started before the store")
class ScoringWaitsForStoreIT {
  private static final String STREAMING = "streaming-cooc-1";

  @Test
  @DisplayName("waits for the store and is not ready meanwhile, then serves the registry's model; "
      + "readiness goes down when the registry names another")
  void waitsForTheStore(Vertx vertx) throws Exception {
    DeploymentOptions options = new DeploymentOptions().setConfig(RecstreamConfig.defaults()
        .put("httpHost", "127.0.0.1").put("httpPort", 0).put("pgUrl", TestSystem.get().newDatabase("waits")));
    Bus.install(vertx);
    Http.await(vertx.deployVerticle(new IngestionVerticle(), options));
    Http.await(vertx.deployVerticle(new GatewayVerticle(), options));
    int port = (Integer) vertx.sharedData().getLocalMap(GatewayVerticle.LOCAL_MAP).get(GatewayVerticle.ACTUAL_PORT_KEY);
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));

    Future<String> scoring = vertx.deployVerticle(new ScoringVerticle(), options);
    JsonObject waiting = readinessOfScoring(http, s -> s.getString("reason", "").contains("waiting for the store"));
    assertEquals("DOWN", waiting.getString("status"), waiting.encode());
    assertFalse(scoring.isComplete(), "scoring does not start without its store");

    Http.await(vertx.deployVerticle(new StoreVerticle(), options));
    Http.await(scoring);
    HttpResponse<Buffer> ready = Http.await(http.get("/health/ready").send());
    assertEquals(200, ready.statusCode(), ready.bodyAsString());
    JsonObject services = ready.bodyAsJsonObject().getJsonObject("services");
    assertEquals(STREAMING, services.getJsonObject("scoring").getString("model"));
    assertEquals(STREAMING, services.getJsonObject("store").getString("activeModel"));
    JsonObject models = Http.await(http.get("/v1/models").send()).bodyAsJsonObject();
    assertEquals(STREAMING, models.getString("active"), models.encode());
    assertEquals(STREAMING, models.getString("served"), models.encode());

    // Another version marked active behind this node's back (as another node's start-up would).
    String elsewhere = "streaming-elsewhere-1";
    Http.await(Bus.request(vertx, Addresses.STORE_MODEL_REGISTER, ModelEntry.registration(elsewhere,
        ModelEntry.STREAMING_KIND, null, null, new JsonObject(), new JsonObject(), null, null)));
    Http.await(Bus.request(vertx, Addresses.STORE_MODEL_ACTIVATE, new ModelVersion(elsewhere, "test: marked elsewhere")));
    HttpResponse<Buffer> differs = Http.await(http.get("/health/ready").send());
    assertEquals(503, differs.statusCode(), differs.bodyAsString());
    JsonObject scoringDown = differs.bodyAsJsonObject().getJsonObject("services").getJsonObject("scoring");
    assertEquals("scoring serves model " + STREAMING + " but the registry's active model is " + elsewhere,
        scoringDown.getString("reason"));
    assertEquals(elsewhere, scoringDown.getString("registryActive"));
    JsonObject after = Http.await(http.get("/v1/models").send()).bodyAsJsonObject();
    assertEquals(elsewhere, after.getString("active"));
    assertEquals(STREAMING, after.getString("served"));
    http.close();
  }

  /** Polls readiness until the scoring entry matches (a few seconds at most). */
  private static JsonObject readinessOfScoring(WebClient http, Predicate<JsonObject> wanted) throws InterruptedException {
    JsonObject scoring = null;
    for (long deadline = System.nanoTime() + 20_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
      HttpResponse<Buffer> ready = Http.await(http.get("/health/ready").send());
      scoring = ready.bodyAsJsonObject().getJsonObject("services").getJsonObject("scoring");
      if (wanted.test(scoring)) {
        assertEquals(503, ready.statusCode());
        return scoring;
      }
    }
    throw new AssertionError("readiness never reported the scoring node as wanted; last: " + scoring);
  }
}
