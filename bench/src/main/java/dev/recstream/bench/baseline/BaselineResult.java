package dev.recstream.bench.baseline;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What every baseline reports: its name and its figures. Each baseline's own record keeps the
 * typed numbers (counts a test can assert on); the figures are what a person reads beside
 * recstream's results.
 */
public interface BaselineResult {
  /** Which component was measured: {@code kafka}, {@code pg}, {@code http}, {@code onnx}, {@code gateway-get}. */
  String name();

  List<Figure> figures();

  default JsonObject toJson() {
    JsonArray figures = new JsonArray();
    figures().forEach(f -> figures.add(new JsonObject().put("figure", f.name()).put("value", f.value()).put("unit", f.unit())));
    return new JsonObject().put("baseline", name()).put("figures", figures);
  }
}
