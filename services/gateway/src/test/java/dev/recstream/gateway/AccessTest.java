package dev.recstream.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recstream.shared.security.Role;
import io.vertx.core.http.HttpMethod;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessTest {

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
      "POST,   /v1/events,                          INGEST",
      "PUT,    /v1/items/sku-1,                     INGEST",
      "GET,    /v1/users/u1/recommendations,        READ",
      "GET,    /v1/users/u1/events,                 READ",
      "GET,    /v1/items/sku-1/similar,             READ",
      "GET,    /v1/stream,                          READ",
      "GET,    /v1/metrics,                         READ",
      "GET,    /v1/nothing-here,                    READ",
      "DELETE, /v1/users/u1,                        ADMIN",
      "GET,    /v1/models,                          ADMIN",
      "POST,   /v1/models,                          ADMIN",
      "POST,   /v1/models/two-stage-1/activate,     ADMIN",
      "POST,   /v1/models/retrain,                  ADMIN",
      "GET,    /metrics,                            ADMIN",
      "GET,    /v1/experiments,                     ADMIN",
      "POST,   /v1/experiments/e1/start,            ADMIN",
      "GET,    /health/ready,                       OPEN",
      "GET,    /health/live,                        OPEN",
      "GET,    /openapi.yaml,                       OPEN",
      "GET,    /assets/dashboard.js,                OPEN",
      "GET,    /,                                   OPEN",
  })
  void eachRouteNeedsItsRole(String method, String path, String role) {
    Optional<Role> expected = role.equals("OPEN") ? Optional.empty() : Optional.of(Role.valueOf(role));
    assertEquals(expected, Access.requiredRole(HttpMethod.valueOf(method), path));
  }
}
