package dev.recstream.model.eval;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.NextItemModel;
import dev.recstream.model.SequenceDataset;
import dev.recstream.model.UserSequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/** Small datasets and fake models for the evaluation tests. */
final class TestData {
  private TestData() {}

  /** A dataset over items "i1".."i{numItems}", so item "iN" has index N. */
  static SequenceDataset dataset(int numItems, UserSequence... users) {
    return dataset(numItems, Arrays.asList(users));
  }

  static SequenceDataset dataset(int numItems, List<UserSequence> users) {
    ItemVocabulary vocabulary = new ItemVocabulary();
    for (int i = 1; i <= numItems; i++) {
      vocabulary.add("i" + i);
    }
    return new SequenceDataset("test", vocabulary, users);
  }

  static UserSequence user(String id, int... items) {
    return UserSequence.of(id, items);
  }

  /** {@code users} users, each with {@code length} distinct random items out of numItems. */
  static SequenceDataset randomDistinct(int numItems, int users, int length, long seed) {
    Random random = new Random(seed);
    List<UserSequence> sequences = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int[] items = random.ints(1, numItems + 1).distinct().limit(length).toArray();
      sequences.add(user("u" + u, items));
    }
    return dataset(numItems, sequences);
  }

  /** A model that ignores training and scores with {@code scorer(history, scores)}. */
  static NextItemModel model(String name, BiConsumer<int[], float[]> scorer) {
    return new NextItemModel() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void fit(List<int[]> sequences, int numItems) {}

      @Override
      public void score(int[] history, float[] scores) {
        scorer.accept(history, scores);
      }
    };
  }
}
