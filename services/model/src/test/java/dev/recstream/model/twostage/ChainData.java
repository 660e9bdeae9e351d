package dev.recstream.model.twostage;

import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Noise-free chains for the candidate and feature tests: three copies of [s, s+1, …, s+5] for
 * every start s in 1..55, over items 1..60. Counts the tests rely on, each over 3 copies of the
 * starts that produce it:
 *
 * <ul>
 *   <li>popularity of 5 is 15 (starts 1..5), of 6, 7 and 8 it is 18 (six starts each);
 *   <li>T[5][6] = T[6][7] = T[7][8] = 15: item 7 is last only for start 2, and 7 is only ever
 *       followed by 8;
 *   <li>items 6..58 are among the last three of 9 sequences, 5 and 59 of 6, 4 and 60 of 3, so
 *       the recent-popular order is 6, 7, 8, …
 * </ul>
 *
 * Statistics and embeddings are built once and shared (read-only) by the tests.
 */
final class ChainData {
  static final int NUM_ITEMS = 60;
  static final int LENGTH = 6;
  static final int COPIES = 3;
  static final EmbeddingOptions EMBEDDING_OPTIONS = EmbeddingOptions.defaults().withDimension(8);

  static final List<int[]> SEQUENCES = chains();
  static final SequenceStatistics STATS = SequenceStatistics.of(SEQUENCES, NUM_ITEMS);
  static final ItemEmbeddings EMBEDDINGS = ItemEmbeddings.train(SEQUENCES, NUM_ITEMS, EMBEDDING_OPTIONS);

  private ChainData() {}

  static Candidates candidates() {
    return new Candidates(STATS, EMBEDDINGS);
  }

  static Features features(Set<String> disabledGroups) {
    return new Features(STATS, EMBEDDINGS, new AttributeAffinity(Map.of(), NUM_ITEMS), disabledGroups);
  }

  private static List<int[]> chains() {
    List<int[]> sequences = new ArrayList<>();
    for (int copy = 0; copy < COPIES; copy++) {
      for (int start = 1; start + LENGTH - 1 <= NUM_ITEMS; start++) {
        int[] s = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
          s[i] = start + i;
        }
        sequences.add(s);
      }
    }
    return sequences;
  }
}
