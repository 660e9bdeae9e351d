package dev.recstream.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.metrics.ExperimentReport.VariantCounts;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExperimentReportTest {
  // control: 48 hits in 80 evaluated events; treatment: 56 in 70 (Newcombe 1998's example pair).
  private static final VariantCounts CONTROL = new VariantCounts("control", "m1", 1, 5000, 200, 80, 48, 20, 4, 5, 100.0);
  private static final VariantCounts TREATMENT = new VariantCounts("treatment", "m2", 1, 5100, 210, 70, 56, 30, 0, 0, 0.0);

  @Test
  @DisplayName("each rate has its Wilson interval; the difference to control has Newcombe's")
  void ratesAndDifference() {
    JsonObject report = ExperimentReport.of("control", List.of(CONTROL, TREATMENT));
    JsonObject control = report.getJsonObject("variants").getJsonObject("control");
    JsonObject hitRate = control.getJsonObject("hitRate");
    assertEquals(0.6, hitRate.getDouble("value"), 1e-12); // 48 / 80
    // Wilson, z = 1.959964: centre (48 + z²/2) / (80 + z²) = 49.92 / 83.84 = .59543, half-width
    // z·sqrt(48·32/80 + z²/4) / 83.84 = 1.959964 · sqrt(19.2 + .96036) / 83.84 = .10498.
    assertEquals(0.4904, hitRate.getDouble("low"), 1e-4);
    assertEquals(0.7004, hitRate.getDouble("high"), 1e-4);
    assertEquals(20.0 / 200, control.getJsonObject("clickThroughRate").getDouble("value"), 1e-12);
    assertEquals(100.0 / 5000, control.getDouble("revenuePerUser"), 1e-12);
    assertNull(control.getValue("vsControl"), "control is not compared with itself");

    JsonObject vs = report.getJsonObject("variants").getJsonObject("treatment").getJsonObject("vsControl");
    JsonObject hits = vs.getJsonObject("hitRate");
    // 56/70 − 48/80 = .8 − .6 = .2; Newcombe's hybrid score interval .0524 to .3339 (his Table II, case a).
    assertEquals(0.2, hits.getDouble("difference"), 1e-12);
    assertEquals(0.0524, hits.getDouble("low"), 1e-4);
    assertEquals(0.3339, hits.getDouble("high"), 1e-4);
    assertEquals(0.2 / 0.6, hits.getDouble("relativeLift"), 1e-12);
    assertTrue(hits.getBoolean("significant"));
    JsonObject conversion = vs.getJsonObject("conversionRate");
    assertEquals(0 - 4.0 / 200, conversion.getDouble("difference"), 1e-12);
  }

  @Test
  @DisplayName("the users per variant are tested against the weights: 5,100 vs 5,000 is no mismatch, 5,300 vs 4,700 is")
  void sampleRatio() {
    JsonObject srm = ExperimentReport.of("control", List.of(CONTROL, TREATMENT)).getJsonObject("sampleRatio");
    // Expected 5,050 each: χ² = 2 · 50² / 5,050 = .990099, 1 degree of freedom, so
    // p = 2 · (1 − Φ(√.990099 = .99504)) = 2 · (1 − .84013) = .3197.
    assertEquals(0.990099, srm.getDouble("chiSquare"), 1e-6);
    assertEquals(1, srm.getInteger("degreesOfFreedom"));
    assertEquals(0.3197, srm.getDouble("pValue"), 1e-3);
    assertFalse(srm.getBoolean("mismatch"));

    VariantCounts skewedControl = new VariantCounts("control", "m1", 1, 5300, 0, 0, 0, 0, 0, 0, 0);
    VariantCounts skewedTreatment = new VariantCounts("treatment", "m2", 1, 4700, 0, 0, 0, 0, 0, 0, 0);
    JsonObject skewed = ExperimentReport.of("control", List.of(skewedControl, skewedTreatment)).getJsonObject("sampleRatio");
    assertEquals(36.0, skewed.getDouble("chiSquare"), 1e-9); // 2 · 300² / 5,000
    assertTrue(skewed.getBoolean("mismatch"));
  }

  @Test
  @DisplayName("a control that is not a variant is refused; empty variants report zeros, not errors")
  void edges() {
    assertThrows(IllegalArgumentException.class, () -> ExperimentReport.of("nope", List.of(CONTROL, TREATMENT)));
    VariantCounts empty = new VariantCounts("control", "m1", 1, 0, 0, 0, 0, 0, 0, 0, 0);
    VariantCounts other = new VariantCounts("b", "m2", 1, 0, 0, 0, 0, 0, 0, 0, 0);
    JsonObject report = ExperimentReport.of("control", List.of(empty, other));
    assertEquals(0.0, report.getJsonObject("variants").getJsonObject("b").getJsonObject("hitRate").getDouble("value"));
    assertNull(report.getJsonObject("variants").getJsonObject("b").getJsonObject("vsControl")
        .getJsonObject("hitRate").getValue("relativeLift"));
    assertEquals(1.0, report.getJsonObject("sampleRatio").getDouble("pValue"));
  }
}
