package dev.recstream.app;

import static dev.recstream.app.Service.GATEWAY;
import static dev.recstream.app.Service.INGESTION;
import static dev.recstream.app.Service.METRICS;
import static dev.recstream.app.Service.SCORING;
import static dev.recstream.app.Service.STORE;
import static dev.recstream.app.Service.TRAINING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Service.parse reads the --services option")
class ServiceTest {

  private static final List<Service> DEPLOYMENT_ORDER = List.of(STORE, METRICS, SCORING, TRAINING, INGESTION, GATEWAY);

  static Stream<Arguments> specs() {
    return Stream.of(
        Arguments.of("all", DEPLOYMENT_ORDER),
        Arguments.of("none", List.of()),
        Arguments.of("ingestion,store", List.of(STORE, INGESTION)),
        Arguments.of("gateway,scoring,store", List.of(STORE, SCORING, GATEWAY)),
        Arguments.of("metrics", List.of(METRICS)),
        Arguments.of("store,store", List.of(STORE)),
        Arguments.of("gateway,ingestion,training,scoring,metrics,store", DEPLOYMENT_ORDER),
        Arguments.of(" ALL ", DEPLOYMENT_ORDER),
        Arguments.of("None", List.of()),
        Arguments.of(" Ingestion , STORE ", List.of(STORE, INGESTION)),
        Arguments.of("\tscoring,\n gateway ", List.of(SCORING, GATEWAY)));
  }

  @ParameterizedTest(name = "\"{0}\" → {1}")
  @MethodSource("specs")
  @DisplayName("returns the chosen services in deployment order, tolerating whitespace and case")
  void parsesInDeploymentOrder(String spec, List<Service> expected) {
    assertEquals(expected, Service.parse(spec));
  }

  @Test
  @DisplayName("the deployment order starts with the store and ends with the gateway")
  void deploymentOrder() {
    assertEquals(DEPLOYMENT_ORDER, List.of(Service.values()));
  }

  @ParameterizedTest(name = "\"{0}\" names ''{1}''")
  @MethodSource("unknown")
  @DisplayName("refuses an unknown service, naming it and listing the valid names")
  void unknownService(String spec, String named) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Service.parse(spec));

    assertTrue(e.getMessage().contains("'" + named + "'"), e::getMessage);
    assertTrue(e.getMessage().contains("store,metrics,scoring,training,ingestion,gateway"), e::getMessage);
    assertTrue(e.getMessage().contains("all, none"), e::getMessage);
  }

  static Stream<Arguments> unknown() {
    return Stream.of(
        Arguments.of("store,cache", "cache"),
        Arguments.of("ingest", "ingest"),
        Arguments.of("all,store", "all"),
        Arguments.of("store,,gateway", ""));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"store", "metrics", "scoring", "ingestion", "gateway"})
  @DisplayName("each service parses back from its label")
  void labelRoundTrip(String label) {
    List<Service> parsed = Service.parse(label);

    assertEquals(1, parsed.size());
    assertEquals(label, parsed.get(0).label());
  }
}
