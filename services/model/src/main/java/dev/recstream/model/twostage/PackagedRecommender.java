package dev.recstream.model.twostage;

import dev.recstream.model.streaming.Recommender;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A trained two-stage model package served behind the {@link Recommender} seam: frozen (it does
 * not learn from the stream), blocking (ONNX Runtime), one call at a time.
 */
public final class PackagedRecommender implements Recommender, AutoCloseable {
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

  @Override
  public void learn(SequenceUpdate update) {
    // Frozen: a trained package changes only by activating another one.
  }

  @Override
  public boolean learnsFromStream() {
    return false;
  }

  @Override
  public boolean blocking() {
    return true;
  }

  /** @param recentItems newest first, as the scoring service holds them */
  @Override
  public List<ScoredItem> recommend(List<String> recentItems, int k) {
    return recommendAll(List.of(recentItems), k).get(0);
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
