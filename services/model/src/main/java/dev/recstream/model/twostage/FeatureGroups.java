package dev.recstream.model.twostage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Named groups of feature columns that ablations switch off (written as 0). */
final class FeatureGroups {
  private FeatureGroups() {}

  /**
   * The columns of the {@code disabled} groups.
   *
   * @throws IllegalArgumentException naming an unknown group and the known ones
   */
  static int[] columns(Map<String, List<Integer>> groups, Set<String> disabled) {
    return disabled.stream()
        .flatMap(g -> Optional.ofNullable(groups.get(g)).orElseThrow(() -> new IllegalArgumentException(
            "unknown feature group '" + g + "'; known: " + new TreeSet<>(groups.keySet()))).stream())
        .mapToInt(Integer::intValue).toArray();
  }
}
