package dev.recstream.model.search;

import java.util.List;

/**
 * Turns text (a query, an item's title and attributes) into a unit-length vector whose dot
 * product with another is their cosine similarity. Calls block (native inference) and may come
 * from several threads at once.
 */
public interface TextEmbedder {

  /** Names the model and its version, stored beside each item vector so a change of model is noticed. */
  String name();

  int dimensions();

  /** The unit vector of one text. */
  float[] embed(String text);

  /** The unit vectors of several texts, in order: cheaper per text than one call each. */
  List<float[]> embedAll(List<String> texts);
}
