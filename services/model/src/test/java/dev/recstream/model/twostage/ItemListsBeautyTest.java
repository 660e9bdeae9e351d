package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.recstream.model.embed.EmbeddingOptions;
import dev.recstream.model.embed.ItemEmbeddings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far merging the precomputed lists departs from the straightforward top n on real data:
 * Amazon Beauty (shared/datasets, beside the project), statistics from every sequence without its
 * last item, each user's history the same. Skipped when the dataset is absent.
 */
@DisplayName("ItemLists on Amazon Beauty")
class ItemListsBeautyTest {
  private static final Logger LOG = LoggerFactory.getLogger(ItemListsBeautyTest.class);
  private static final String SEQUENCES = "shared/datasets/amazon-beauty/sequences.txt";

  @Test
  @DisplayName("the generators' lists merged from the per-item lists hold 99.5% of the full scan's entries")
  void mergedListsAgreeWithTheFullScan() throws IOException {
    Path file = findSequences();
    assumeTrue(file != null, "shared/datasets/amazon-beauty is not present: skipping");
    Map<String, Integer> index = new HashMap<>();
    List<int[]> histories = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] fields = line.trim().split("\\s+");
      int[] s = new int[fields.length - 2];
      for (int i = 1; i < fields.length - 1; i++) {
        s[i - 1] = index.computeIfAbsent(fields[i], id -> index.size() + 1);
      }
      histories.add(s);
    }
    int numItems = index.size();
    SequenceStatistics stats = SequenceStatistics.of(histories, numItems);
    ItemEmbeddings embeddings = ItemEmbeddings.train(histories, numItems, EmbeddingOptions.defaults());
    Candidates c = new Candidates(stats, embeddings);
    long entries = 0;
    long missed = 0;
    int differingUsers = 0;
    for (int[] history : histories) {
      c.generate(history);
      int before = (int) missed;
      int[][] pairs = {
          c.cooc.top(Candidates.COOC_N, c::excluded), ItemListsTest.ranked(c.rankCooc, numItems),
          c.transitions.top(Candidates.TRANSITION_N, c::excluded), ItemListsTest.ranked(c.rankTransitions, numItems),
          c.userCooc.top(Candidates.USER_COOC_N, c::excluded), ItemListsTest.ranked(c.rankUserCooc, numItems)};
      for (int p = 0; p < pairs.length; p += 2) {
        int[] merged = pairs[p + 1].clone();
        Arrays.sort(merged);
        entries += pairs[p].length;
        missed += Arrays.stream(pairs[p]).filter(item -> Arrays.binarySearch(merged, item) < 0).count();
      }
      differingUsers += missed > before ? 1 : 0;
    }
    double share = 1 - (double) missed / entries;
    LOG.info("merged lists on Beauty: users={} entries={} missed={} share={} usersWithADifference={}",
        histories.size(), entries, missed, String.format("%.5f", share), differingUsers);
    assertTrue(share >= 0.995, "the merged lists hold only " + share + " of the full scan's entries");
  }

  private static Path findSequences() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(SEQUENCES);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
