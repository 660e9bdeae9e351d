package dev.recstream.model.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The cached popular list")
class PopularListTest {
  private final StreamingCooccurrenceRecommender model = new StreamingCooccurrenceRecommender();

  private void view(String item, int times) {
    for (int i = 0; i < times; i++) {
      model.learn(new SequenceUpdate("u" + item + i, null, item, "view", List.of(item), 0));
    }
  }

  private List<String> popular(int k) {
    return model.popular(k, Set.of()).stream().map(ScoredItem::itemId).toList();
  }

  @Test
  @DisplayName("follows every event while the catalog is small")
  void smallCatalogIsAlwaysFresh() {
    view("a", 3);
    view("b", 1);
    assertEquals(List.of("a", "b"), popular(2));
    view("b", 5);
    assertEquals(List.of("b", "a"), popular(2));
  }

  @Test
  @DisplayName("skips excluded items and still fills k from a large catalog")
  void excludesAndFills() {
    for (int i = 0; i < StreamingCooccurrenceRecommender.POPULAR_CACHED + 50; i++) {
      view("item-" + i, 1 + (i % 3));
    }
    List<ScoredItem> top = model.popular(5, Set.of("item-2", "item-5"));
    assertEquals(5, top.size());
    top.forEach(s -> assertEquals(false, Set.of("item-2", "item-5").contains(s.itemId())));
  }
}
