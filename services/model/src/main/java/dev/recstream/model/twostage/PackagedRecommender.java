package dev.recstream.model.twostage;

import dev.recstream.model.streaming.FrozenRecommender;
import dev.recstream.shared.bus.ScoredItem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A trained two-stage model package served as a {@link FrozenRecommender}: one ONNX Runtime
 * call per batch, a reason per recommended item.
 */
public final class PackagedRecommender implements FrozenRecommender {
  private final TwoStagePackage model;

  private PackagedRecommender(TwoStagePackage model) {
    this.model = model;
  }

  /** Opens a package directory; blocking. */
  public static PackagedRecommender open(Path dir) throws IOException {
    return new PackagedRecommender(TwoStagePackage.open(dir));
  }

  @Override
  public String version() {
    return TwoStagePackage.KIND + "-" + model.version();
  }

  /** The whole batch in one ONNX Runtime call. */
  @Override
  public List<List<ScoredItem>> recommendAll(List<List<String>> recentItemsPerUser, int k) {
    List<List<String>> oldestFirst = new ArrayList<>(recentItemsPerUser.size());
    for (List<String> recent : recentItemsPerUser) {
      List<String> reversed = new ArrayList<>(recent);
      Collections.reverse(reversed);
      oldestFirst.add(reversed);
    }
    return model.recommendExplained(oldestFirst, k);
  }

  @Override
  public List<ScoredItem> similar(String itemId, int k) {
    return model.similar(itemId, k).stream().map(e -> new ScoredItem(e.getKey(), e.getValue())).toList();
  }

  @Override
  public void close() {
    model.close();
  }
}
