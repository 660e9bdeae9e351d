package dev.recstream.trainer.continuous;

import dev.recstream.model.ItemVocabulary;
import dev.recstream.model.NextItemModel;
import dev.recstream.model.streaming.Recommender;
import dev.recstream.shared.bus.ScoredItem;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A served, frozen {@link Recommender} (e.g. the packaged model now live) seen as a {@link
 * NextItemModel}, so the offline evaluation can measure it on a dataset whose item vocabulary is
 * not the model's own.
 *
 * <p>{@code fit} does nothing: the model is already trained. {@code score} asks the recommender
 * exactly as the scoring service would — the last {@link SequenceUpdate#RECENT_ITEMS} item ids,
 * newest first — for its top {@code depth} items, and turns that list into dense scores: the
 * r-th returned item that the dataset knows gets {@code depth − r}, every other item 0. Ranks
 * rather than the recommender's own scores, because only the order is comparable across its
 * lists and the scores may tie or be rounded; ids the dataset does not know are skipped.
 *
 * <p>Ties, as checked in {@code UserRanker} (used by {@link dev.recstream.model.eval.Evaluator}):
 * the target's rank is the number of candidates scoring strictly higher plus a uniform draw among
 * those scoring the same. So a target outside the list is beaten by every listed item (they score
 * strictly more) and lands uniformly at random in the block of unlisted items — neither first
 * (which would reward the model for items it did not recommend) nor last; a listed target has a
 * unique score and never ties. Beyond a list of {@code depth} ≥ the largest K, an unlisted target
 * therefore scores 0 on every top-K metric, as it should. The top-K lists used for coverage break
 * ties by lower item index, which only matters when a list is shorter than K.
 */
public final class RecommenderModel implements NextItemModel {
  /** How many items are asked for by default: well beyond K = 20, cheap for a served model. */
  public static final int DEFAULT_DEPTH = 200;

  private final String name;
  private final Recommender recommender;
  private final ItemVocabulary vocabulary;
  private final int depth;

  /** With {@link #DEFAULT_DEPTH}. */
  public RecommenderModel(String name, Recommender recommender, ItemVocabulary vocabulary) {
    this(name, recommender, vocabulary, DEFAULT_DEPTH);
  }

  /**
   * @param name the name in reports, e.g. {@code live}
   * @param vocabulary the evaluated dataset's items: maps history indices to ids and returned ids
   *     back to indices
   * @param depth how many items to ask the recommender for, at least 1
   */
  public RecommenderModel(String name, Recommender recommender, ItemVocabulary vocabulary, int depth) {
    this.name = Objects.requireNonNull(name, "name");
    this.recommender = Objects.requireNonNull(recommender, "recommender");
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    if (depth < 1) {
      throw new IllegalArgumentException("depth: must be at least 1, was " + depth);
    }
    this.depth = depth;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Does nothing (the recommender is frozen) but check that the split is over this model's
   * vocabulary, since scores are written by its indices.
   */
  @Override
  public void fit(List<int[]> sequences, int numItems) {
    if (numItems != vocabulary.size()) {
      throw new IllegalArgumentException("numItems: must equal the vocabulary's size " + vocabulary.size()
          + " (the dataset this model was built for), was " + numItems);
    }
  }

  @Override
  public void score(int[] history, float[] scores) {
    Arrays.fill(scores, 0f);
    List<ScoredItem> items = recommender.recommend(recentIds(history), depth);
    int listed = Math.min(items.size(), depth);
    for (int r = 0; r < listed; r++) {
      int index = vocabulary.indexOf(items.get(r).itemId());
      if (index > 0 && index < scores.length && scores[index] == 0f) {
        scores[index] = depth - r;
      }
    }
  }

  /** The last {@link SequenceUpdate#RECENT_ITEMS} ids of {@code history}, newest first. */
  private List<String> recentIds(int[] history) {
    int n = Math.min(history.length, SequenceUpdate.RECENT_ITEMS);
    List<String> recent = new ArrayList<>(n);
    for (int t = history.length - 1; t >= history.length - n; t--) {
      recent.add(vocabulary.idOf(history[t]));
    }
    return recent;
  }
}
