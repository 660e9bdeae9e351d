package dev.recstream.model.twostage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A sequence model inside the two-stage model, on {@link ChainData}: its best items join the
 * candidates and its scores fill the three sequence columns. The scores here are made up — item
 * i scores −|i − 30| — so every expected value is known by hand.
 */
@DisplayName("The sequence model as a candidate source and ranker features")
class SequenceSourceTest {
  private static final int[] HISTORY = {29, 30, 31};
  private static final int PEAK = 30;
  private static final int GAP = Features.NAMES_WITH_SEQUENCE.indexOf("f27_sequence_gap");
  private static final int SCORE = Features.NAMES_WITH_SEQUENCE.indexOf("f28_sequence_score");
  private static final int RANK = Features.NAMES_WITH_SEQUENCE.indexOf("f29_rank_sequence");

  /** Scores of items 1..60 at {@code offset} of a longer array, as a batch's row u holds them. */
  private static float[] peakedScores(int offset) {
    float[] scores = new float[offset + ChainData.NUM_ITEMS + 1];
    Arrays.fill(scores, Float.NaN); // another user's row: must not be read
    scores[offset] = 0f;
    for (int item = 1; item <= ChainData.NUM_ITEMS; item++) {
      scores[offset + item] = -Math.abs(item - PEAK);
    }
    return scores;
  }

  private static Candidates peakedCandidates() {
    Candidates candidates = ChainData.candidates();
    candidates.generate(HISTORY, peakedScores(0), 0);
    return candidates;
  }

  /** Features with the sequence columns. */
  private static Features wideFeatures(Set<String> disabled) {
    return new Features(ChainData.STATS, ChainData.EMBEDDINGS, new AttributeAffinity(Map.of(), ChainData.NUM_ITEMS),
        disabled, true);
  }

  @Test
  @DisplayName("its best SEQUENCE_N items outside the history join the candidates, ranked from 0, read at the row's offset")
  void bestItemsBecomeCandidates() {
    Candidates candidates = ChainData.candidates();
    candidates.generate(HISTORY, peakedScores(61), 61);
    // 29, 30, 31 are the history: the best others are 28 and 32 (−2), then 27 and 33 (−3), lower index first.
    assertEquals(0, candidates.rankSequence[28]);
    assertEquals(1, candidates.rankSequence[32]);
    assertEquals(2, candidates.rankSequence[27]);
    assertEquals(Candidates.ABSENT_RANK, candidates.rankSequence[PEAK], "history items are not ranked");
    assertEquals(-2f, candidates.sequenceBest);
    int listed = 0;
    for (int item = 1; item <= ChainData.NUM_ITEMS; item++) {
      if (candidates.rankSequence[item] < Candidates.SEQUENCE_N) {
        listed++;
        assertTrue(candidates.contains(item), "item " + item + " ranked " + candidates.rankSequence[item]);
      }
    }
    assertEquals(Math.min(Candidates.SEQUENCE_N, ChainData.NUM_ITEMS - HISTORY.length), listed);
    for (int item : HISTORY) {
      assertFalse(candidates.contains(item), "history item " + item);
    }
  }

  @Test
  @DisplayName("without scores the candidates are exactly those of the other sources, and nothing is left of the last user's")
  void withoutScoresNothingChanges() {
    Candidates plain = ChainData.candidates();
    plain.generate(new int[] {5, 6, 7});
    Candidates reused = ChainData.candidates();
    reused.generate(HISTORY, peakedScores(0), 0);
    reused.generate(new int[] {5, 6, 7});
    assertFalse(reused.hasSequence);
    assertEquals(plain.size(), reused.size());
    for (int i = 0; i < plain.size(); i++) {
      assertEquals(plain.item(i), reused.item(i), "candidate " + i);
      assertEquals(plain.sources[plain.item(i)], reused.sources[reused.item(i)], "sources of candidate " + i);
    }
    for (int item = 1; item <= ChainData.NUM_ITEMS; item++) {
      assertEquals(Candidates.ABSENT_RANK, reused.rankSequence[item], "rank of item " + item);
    }
  }

  @Test
  @DisplayName("the columns hold the distance below the best score, the score and log1p of the rank")
  void columnsByHand() {
    Candidates candidates = peakedCandidates();
    Features features = wideFeatures(Set.of());
    assertEquals(Features.NAMES_WITH_SEQUENCE.size(), features.width());
    features.prepare(candidates);
    float[] row = new float[features.width()];
    features.write(candidates, 27, row, 0);
    assertEquals(-1f, row[GAP], 1e-6f, "27 scores −3, one below the best");
    assertEquals(-3f, row[SCORE], 1e-6f);
    assertEquals((float) Math.log(1 + 2), row[RANK], 1e-6f, "27 is third");
    features.write(candidates, 28, row, 0);
    assertEquals(0f, row[GAP]);
    assertEquals(0f, row[RANK], "the best item's rank is 0, log1p(0) = 0");

    float[] plain = new float[Features.COUNT];
    Features narrow = ChainData.features(Set.of());
    narrow.prepare(candidates);
    narrow.write(candidates, 28, plain, 0);
    assertArrayEquals(plain, Arrays.copyOf(row, Features.COUNT), "the wide row begins with the narrow row");
  }

  @Test
  @DisplayName("the sequence group switches the three columns off; models without a sequence model have no such columns")
  void ablationAndWidth() {
    Candidates candidates = peakedCandidates();
    Features ablated = wideFeatures(Set.of("sequence"));
    ablated.prepare(candidates);
    float[] row = new float[ablated.width()];
    ablated.write(candidates, 27, row, 0);
    assertEquals(0f, row[GAP]);
    assertEquals(0f, row[SCORE]);
    assertEquals(0f, row[RANK]);

    Features narrow = ChainData.features(Set.of("sequence"));
    assertEquals(Features.COUNT, narrow.width());
    narrow.prepare(candidates);
    narrow.write(candidates, 27, new float[Features.COUNT], 0); // no column past COUNT is touched
    assertEquals(Features.NAMES, TrainingExamples.featureNames(false));
    assertEquals(Features.NAMES_WITH_SEQUENCE, TrainingExamples.featureNames(true));
  }
}
