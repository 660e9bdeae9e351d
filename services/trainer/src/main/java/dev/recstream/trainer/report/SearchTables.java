package dev.recstream.trainer.report;

import dev.recstream.trainer.report.SearchReport.CandidateSetResult;
import dev.recstream.trainer.report.SearchReport.ModelTiming;
import dev.recstream.trainer.report.SearchReport.RankerResult;
import dev.recstream.trainer.report.SearchReport.Setup;
import dev.recstream.trainer.report.SearchReport.SweepPoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a search evaluation as Markdown: a table per candidate set, a row per ranker, then the
 * personal-weight sweep, and under them what the synthetic-query protocol can and cannot show —
 * its numbers are easy to over-read without that. A failed model's rows have dashes and a last
 * column with the reason, as in the recommendation tables.
 */
final class SearchTables {
  static final String CAVEAT = "**What this protocol shows.** Each query is built from the held-out item's own "
      + "attributes, so the target always matches every token and, as the shortest such document, no candidate beats "
      + "its text score: text relevance is guaranteed, and the tables measure how well popularity and the user's history order items of "
      + "the same categories and brand. They cannot measure query understanding, typos, synonyms or real query "
      + "distributions; and where attributes mix brand and category (as Amazon Beauty's do), a query is a bag of both.\n";

  private SearchTables() {}

  static String render(String dataset, long users, int items, long actions, Setup setup, List<CandidateSetResult> sets,
      List<SweepPoint> sweep, List<ModelTiming> timings, List<ModelFailure> failures) {
    StringBuilder md = new StringBuilder();
    md.append("# Search evaluation of ").append(dataset).append("\n\n")
        .append(String.format(Locale.ROOT, "%,d users, %,d items, %,d actions. Synthetic attribute queries (Ai et al., "
            + "SIGIR 2017) for the %s items (%s); %,d users scored, %,d skipped because their held-out item has no "
            + "attributes; the user's history is never a candidate; ties in a random order seeded with %d.",
            users, items, actions, setup.validation() ? "validation" : "test",
            setup.validation() ? "second last item, test items held back" : "last item of each user",
            setup.scoredUsers(), setup.skippedUsers(), setup.seed()))
        .append("\n\n");
    for (CandidateSetResult set : sets) {
      md.append("## Candidates: ").append(set.name()).append(" (").append(set.description()).append(")\n\n")
          .append(String.format(Locale.ROOT, "Candidates per user: median %s, mean %,.1f; on average %.1f of them "
              + "(the target among them) have at least the target's text score.%n%n", median(set.medianCandidates()),
              set.meanCandidates(), set.meanTextTies()));
      table(md, set.rankers(), failures);
      md.append('\n');
    }
    if (!sweep.isEmpty()) {
      sweep(md, sweep);
    }
    times(md, timings, failures);
    md.append(CAVEAT);
    return md.toString();
  }

  private static void table(StringBuilder md, List<RankerResult> rankers, List<ModelFailure> failures) {
    List<String> metrics = metricNames(rankers.stream().map(RankerResult::metrics).toList());
    md.append("| ranker |");
    metrics.forEach(m -> md.append(' ').append(m).append(" |"));
    md.append(failures.isEmpty() ? "" : " failed because |")
        .append("\n|---|").append("---:|".repeat(metrics.size())).append(failures.isEmpty() ? "" : "---|").append('\n');
    for (RankerResult r : rankers) {
      md.append("| ").append(r.ranker()).append(" |");
      metrics.forEach(m -> md.append(' ').append(format(r.metrics().get(m))).append(" |"));
      md.append(failures.isEmpty() ? "" : "  |").append('\n');
    }
    for (ModelFailure f : failures) {
      md.append("| ").append(SearchReport.personalRanker(f.modelName())).append(" |").append(" – |".repeat(metrics.size()))
          .append(' ').append(f.reason().replace("|", "\\|")).append(" |\n");
    }
  }

  private static void sweep(StringBuilder md, List<SweepPoint> sweep) {
    md.append("## Personal weight (validation items)\n\n")
        .append("Weights.DEFAULT with the personal weight changed; 0 is text+popularity.\n\n");
    List<String> metrics = metricNames(sweep.stream().map(SweepPoint::metrics).toList());
    md.append("| model | candidates | personal weight |");
    metrics.forEach(m -> md.append(' ').append(m).append(" |"));
    md.append("\n|---|---|---:|").append("---:|".repeat(metrics.size())).append('\n');
    for (SweepPoint p : sweep) {
      md.append("| ").append(p.model()).append(" | ").append(p.candidateSet()).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", p.personalWeight())).append(" |");
      metrics.forEach(m -> md.append(' ').append(format(p.metrics().get(m))).append(" |"));
      md.append('\n');
    }
    md.append('\n');
  }

  private static void times(StringBuilder md, List<ModelTiming> timings, List<ModelFailure> failures) {
    if (!timings.isEmpty()) {
      List<String> parts = timings.stream().map(t -> String.format(Locale.ROOT, "%s fitted in %.1f s, ranked in %.1f s",
          t.model(), t.trainSeconds(), t.rankSeconds())).toList();
      md.append("Models: ").append(String.join("; ", parts)).append(".\n\n");
    }
    if (!failures.isEmpty()) {
      md.append(failures.size()).append(failures.size() == 1 ? " model" : " models")
          .append(" failed; stack traces beside this report: ")
          .append(String.join(", ", failures.stream().map(ModelFailure::stackTraceFile).toList())).append(".\n\n");
    }
  }

  private static List<String> metricNames(List<Map<String, Double>> rows) {
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(r -> names.addAll(r.keySet()));
    return new ArrayList<>(names);
  }

  /** A median of whole counts: whole, or halfway between two. */
  private static String median(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%,.1f", value);
  }

  private static String format(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value);
  }
}
