package dev.recstream.metrics;

import dev.recstream.metrics.stats.Interval;
import dev.recstream.metrics.stats.Proportion;
import dev.recstream.metrics.stats.ProportionDifference;
import dev.recstream.metrics.stats.SampleRatioMismatch;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The per-variant report of an A/B experiment ({@code GET /v1/experiments/{id}}): for each
 * variant its users, impressions and the rates its lists earned, each with a Wilson interval; for
 * each non-control variant the difference to control with Newcombe's interval and the relative
 * lift; and a sample-ratio-mismatch test of the users per variant against the weights (users are
 * the unit of assignment, so they, not impressions, must split as the weights say). Pure.
 */
final class ExperimentReport {
  /** The confidence of every interval. */
  static final double CONFIDENCE = 0.95;

  /** What the metrics counted for one variant. */
  record VariantCounts(String name, String model, double weight, long users, long impressions, long evaluated, long hits,
      long clickedLists, long convertedLists, long purchases, double revenue) {}

  private ExperimentReport() {}

  static JsonObject of(String control, List<VariantCounts> variants) {
    VariantCounts base = variants.stream().filter(v -> v.name().equals(control)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("control: '" + control + "' is not a variant"));
    JsonObject byName = new JsonObject();
    for (VariantCounts v : variants) {
      JsonObject json = variant(v);
      if (v != base) {
        json.put("vsControl", new JsonObject()
            .put("hitRate", difference(hitRate(v), hitRate(base)))
            .put("clickThroughRate", difference(clickThrough(v), clickThrough(base)))
            .put("conversionRate", difference(conversion(v), conversion(base))));
      }
      byName.put(v.name(), json);
    }
    return new JsonObject()
        .put("confidence", CONFIDENCE)
        .put("control", control)
        .put("variants", byName)
        .put("sampleRatio", sampleRatio(variants));
  }

  private static JsonObject variant(VariantCounts v) {
    return new JsonObject()
        .put("model", v.model())
        .put("weight", v.weight())
        .put("users", v.users())
        .put("impressions", v.impressions())
        .put("evaluatedEvents", v.evaluated())
        .put("hits", v.hits())
        .put("clickedLists", v.clickedLists())
        .put("convertedLists", v.convertedLists())
        .put("purchases", v.purchases())
        .put("revenue", v.revenue())
        .put("revenuePerUser", v.users() == 0 ? 0 : v.revenue() / v.users())
        .put("hitRate", rate(hitRate(v)))
        .put("clickThroughRate", rate(clickThrough(v)))
        .put("conversionRate", rate(conversion(v)));
  }

  private static Proportion hitRate(VariantCounts v) {
    return new Proportion(v.hits(), v.evaluated());
  }

  private static Proportion clickThrough(VariantCounts v) {
    return new Proportion(v.clickedLists(), v.impressions());
  }

  private static Proportion conversion(VariantCounts v) {
    return new Proportion(v.convertedLists(), v.impressions());
  }

  /** {@code {"value", "low", "high", "successes", "trials"}} with the Wilson interval. */
  private static JsonObject rate(Proportion p) {
    Interval wilson = p.wilson(CONFIDENCE);
    return new JsonObject().put("value", p.rate()).put("low", wilson.low()).put("high", wilson.high())
        .put("successes", p.successes()).put("trials", p.trials());
  }

  /** {@code {"difference", "low", "high", "relativeLift"}}: treatment − control, Newcombe's interval. */
  private static JsonObject difference(Proportion treatment, Proportion control) {
    ProportionDifference.Difference d = ProportionDifference.estimate(treatment, control, CONFIDENCE);
    double lift = ProportionDifference.relativeLift(treatment, control);
    return new JsonObject().put("difference", d.estimate()).put("low", d.interval().low()).put("high", d.interval().high())
        .put("relativeLift", Double.isFinite(lift) ? lift : null)
        .put("significant", !d.interval().contains(0));
  }

  private static JsonObject sampleRatio(List<VariantCounts> variants) {
    long[] users = variants.stream().mapToLong(VariantCounts::users).toArray();
    double[] weights = variants.stream().mapToDouble(VariantCounts::weight).toArray();
    SampleRatioMismatch.SrmResult srm = SampleRatioMismatch.test(users, weights);
    return new JsonObject()
        .put("chiSquare", srm.chiSquare())
        .put("degreesOfFreedom", srm.degreesOfFreedom())
        .put("pValue", srm.pValue())
        .put("mismatch", srm.mismatch())
        .put("threshold", SampleRatioMismatch.MISMATCH_P_VALUE);
  }
}
