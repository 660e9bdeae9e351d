package dev.recstream.trainer.continuous;

import dev.recstream.model.NextItemModel;
import dev.recstream.model.SequenceDataset;
import dev.recstream.trainer.data.EventRowsDataset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Small datasets with a known next-item rule, and an oracle for it. */
final class SyntheticData {
  private SyntheticData() {}

  /**
   * {@code users} users over {@code items} items on a ring: each starts at a random item and
   * always moves to the next one ({@code i → i+1 mod items}), 6 to 10 steps; categories of ten
   * items each. Rows are added newest-first to exercise the sorting.
   */
  static SequenceDataset ring(int users, int items, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    EventRowsDataset rows = new EventRowsDataset();
    for (int u = 0; u < users; u++) {
      int start = random.nextInt(items);
      int length = random.nextInt(6, 11);
      for (int t = length - 1; t >= 0; t--) {
        int item = (start + t) % items;
        rows.add("u" + u, "i" + item, "view", 1_000_000L * (u * 100L + t), "c" + item / 10);
      }
    }
    return rows.build("ring");
  }

  /** {@code users} users of exactly {@code length} items, no item shared between users. */
  static SequenceDataset disjoint(int users, int length) {
    EventRowsDataset rows = new EventRowsDataset();
    for (int u = 0; u < users; u++) {
      for (int t = 0; t < length; t++) {
        rows.add("u" + u, "u" + u + "-i" + t, "view", t, null);
      }
    }
    return rows.build("disjoint");
  }

  /** Knows the ring's rule: the successor of the last item scores 1, everything else 0. */
  static NextItemModel ringOracle(SequenceDataset ring, int items) {
    return new NextItemModel() {
      @Override
      public String name() {
        return "oracle";
      }

      @Override
      public void fit(List<int[]> sequences, int numItems) {
        // Frozen: it knows the rule already.
      }

      @Override
      public void score(int[] history, float[] scores) {
        Arrays.fill(scores, 0f);
        String last = ring.items().idOf(history[history.length - 1]);
        int next = (Integer.parseInt(last.substring(1)) + 1) % items;
        scores[ring.items().indexOf("i" + next)] = 1f; // index 0 (never seen) is ignored
      }
    };
  }
}
