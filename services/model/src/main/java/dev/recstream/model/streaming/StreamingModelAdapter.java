package dev.recstream.model.streaming;

import dev.recstream.model.ItemCounts;
import dev.recstream.model.NextItemModel;
import dev.recstream.shared.bus.SequenceUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the streaming model offline: {@code fit} streams every training sequence past it, as
 * the scoring service would have seen it, and {@code score} turns its candidate scores into the
 * dense form the evaluation needs, items without evidence ordered by popularity.
 */
public final class StreamingModelAdapter implements NextItemModel {
  private final String name;
  private StreamingCooccurrenceRecommender model;
  private String[] ids;
  private float[] popularityPrior;

  /** @param name the name in reports, e.g. {@code default} for the model recstream serves */
  public StreamingModelAdapter(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void fit(List<int[]> sequences, int numItems) {
    model = new StreamingCooccurrenceRecommender();
    ids = new String[numItems + 1];
    for (int i = 1; i <= numItems; i++) {
      ids[i] = Integer.toString(i);
    }
    for (int[] sequence : sequences) {
      for (int t = 0; t < sequence.length; t++) {
        List<String> recent = recentOf(sequence, t + 1);
        model.learn(new SequenceUpdate("offline", null, ids[sequence[t]], "view", recent, 0));
      }
    }
    // Far too small to reorder real scores: it only orders the items without evidence.
    popularityPrior = new float[numItems + 1];
    for (int i = 1; i <= numItems; i++) {
      popularityPrior[i] = 1e-6f * (float) model.relativePopularity(ids[i]);
    }
  }

  @Override
  public void score(int[] history, float[] scores) {
    Arrays.fill(scores, 0f);
    Map<String, Double> candidates = model.candidateScores(recentOf(history, history.length));
    candidates.forEach((id, score) -> scores[Integer.parseInt(id)] = score.floatValue());
    ItemCounts.addPrior(popularityPrior, scores);
  }

  /** The last {@link SequenceUpdate#RECENT_ITEMS} items of a prefix, newest first. */
  private List<String> recentOf(int[] sequence, int length) {
    List<String> recent = new ArrayList<>(SequenceUpdate.RECENT_ITEMS);
    for (int t = length - 1; t >= 0 && recent.size() < SequenceUpdate.RECENT_ITEMS; t--) {
      recent.add(ids[sequence[t]]);
    }
    return recent;
  }

}
