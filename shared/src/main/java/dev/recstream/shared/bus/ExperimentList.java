package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every experiment, newest first: {@code GET /v1/experiments}, and how scoring finds the running one. */
public record ExperimentList(List<Experiment> experiments) {
  public static final Wire<ExperimentList> WIRE = Wire.shared(ExperimentList.class, ExperimentList::toJson, ExperimentList::fromJson);

  public ExperimentList {
    experiments = List.copyOf(experiments);
  }

  /** The running experiment, if any (at most one runs). */
  public Optional<Experiment> running() {
    return experiments.stream().filter(Experiment::running).findFirst();
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    experiments.forEach(e -> array.add(e.toJson()));
    return new JsonObject().put("experiments", array);
  }

  public static ExperimentList fromJson(JsonObject json) {
    JsonArray array = json.getJsonArray("experiments");
    List<Experiment> experiments = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      experiments.add(Experiment.fromJson(array.getJsonObject(i)));
    }
    return new ExperimentList(experiments);
  }
}
