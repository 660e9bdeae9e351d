package dev.recstream.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recstream.model.SequenceDataset;
import dev.recstream.model.baseline.PopularityModel;
import dev.recstream.model.eval.EvaluationOptions;
import dev.recstream.model.eval.EvaluationResult;
import dev.recstream.model.eval.Evaluator;
import dev.recstream.model.twostage.PackagedRecommender;
import dev.recstream.model.twostage.TwoStagePackage;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A challenger trial")
class ChallengerTrialTest {
  private static final int RING = 100;
  private static SequenceDataset ring;
  private static TrialOutcome againstPopularity;

  @TempDir
  Path dir;

  @BeforeAll
  static void trialAgainstPopularity() {
    ring = SyntheticData.ring(300, RING, 7);
    againstPopularity = new ChallengerTrial().run(ring, new PopularityModel());
  }

  @Test
  @DisplayName("lets a two-stage challenger win against a popularity-only live model on a strong sequential pattern")
  void challengerBeatsPopularity() {
    TrialOutcome outcome = againstPopularity;
    assertFalse(outcome.isSkipped(), outcome.summary());
    assertTrue(outcome.challengerWins(), outcome.summary());
    assertTrue(outcome.challengerNdcg() > 0.8, outcome.summary());
    assertTrue(outcome.liveNdcg() < 0.3, outcome.summary());
    assertEquals(ChallengerTrial.CHALLENGER, outcome.challenger().modelName());
    assertEquals("pop", outcome.live().modelName());
    assertEquals(300, outcome.challenger().users());
    assertFalse(outcome.challenger().sampled().isEmpty(), "the sampled protocol comes for free");
    assertTrue(outcome.trainSeconds() > 0);
    assertTrue(outcome.summary().startsWith("challenger wins: NDCG@10 challenger="), outcome.summary());
    assertTrue(outcome.summary().contains(" ratio="), outcome.summary());
  }

  @Test
  @DisplayName("keeps a live model that is already a perfect oracle")
  void oracleStays() {
    TrialOutcome outcome = new ChallengerTrial().run(ring, SyntheticData.ringOracle(ring, RING));
    assertFalse(outcome.isSkipped(), outcome.summary());
    assertEquals(1.0, outcome.liveNdcg(), 1e-9);
    assertFalse(outcome.challengerWins(), outcome.summary());
    assertTrue(outcome.summary().startsWith("live model stays:"), outcome.summary());
  }

  @Test
  @DisplayName("requires the configured relative gain")
  void requiresGain() {
    TrialOutcome outcome = new ChallengerTrial(TrialOptions.defaults().withMinRelativeGain(1e6))
        .run(ring, new PopularityModel());
    assertFalse(outcome.challengerWins(), outcome.summary());
  }

  @Test
  @DisplayName("is skipped, with the reason, when too few users can be evaluated")
  void skipsSmallData() {
    TrialOutcome outcome = new ChallengerTrial().run(SyntheticData.ring(20, RING, 1), new PopularityModel());
    assertTrue(outcome.isSkipped());
    assertFalse(outcome.challengerWins());
    assertNull(outcome.challenger());
    assertNull(outcome.live());
    assertEquals(0.0, outcome.trainSeconds());
    assertTrue(outcome.skipReason().contains("fewer than minUsers=50"), outcome.skipReason());
    assertEquals("skipped: " + outcome.skipReason(), outcome.summary());
  }

  @Test
  @DisplayName("is skipped, with the reason, when the two-stage model has nothing to learn from")
  void skipsUntrainableData() {
    TrialOutcome outcome = new ChallengerTrial().run(SyntheticData.disjoint(60, 3), new PopularityModel());
    assertTrue(outcome.isSkipped());
    assertTrue(outcome.skipReason().startsWith("the two-stage challenger cannot be trained on this data: "),
        outcome.skipReason());
  }

  @Test
  @DisplayName("writes the winner's package with its validation metrics and the live model's NDCG@10, and it serves")
  void writesWinner() throws IOException {
    Path out = dir.resolve("pkg");
    new ChallengerTrial().writeWinner(ring, againstPopularity, out, 42L);
    JsonObject metadata = new JsonObject(Files.readString(out.resolve(TwoStagePackage.METADATA)));
    assertEquals("42", metadata.getString("version"));
    JsonObject metrics = metadata.getJsonObject("metrics");
    assertEquals(againstPopularity.liveNdcg(), metrics.getDouble(ChallengerTrial.LIVE_NDCG_KEY), 1e-12);
    assertEquals(againstPopularity.challengerNdcg(), metrics.getJsonObject("full").getDouble("NDCG@10"), 1e-12);
    assertNotNull(metrics.getJsonObject("sampled"));
    assertEquals(300, metadata.getJsonObject("training").getInteger("users"));

    try (PackagedRecommender served = PackagedRecommender.open(out)) {
      EvaluationResult result = new Evaluator().evaluate(ring,
          new RecommenderModel("packaged", served, ring.items()), EvaluationOptions.defaults().withSampled(false));
      assertTrue(result.full().get("NDCG@10") > 0.8, result.full().toString());
    }
  }

  @Test
  @DisplayName("refuses to write a package for a trial the challenger did not win")
  void refusesLoser() {
    TrialOutcome skipped = TrialOutcome.skipped("too small", 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ChallengerTrial().writeWinner(ring, skipped, dir.resolve("never"), 1L));
    assertTrue(e.getMessage().startsWith("outcome: the trial was skipped"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("never")));
  }

  @Test
  @DisplayName("checks its options, naming the field and the rule")
  void checksOptions() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TrialOptions.defaults().withMinUsers(0))
        .getMessage().startsWith("minUsers: must be at least 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TrialOptions.defaults().withMinRelativeGain(-0.1))
        .getMessage().startsWith("minRelativeGain:"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> TrialOptions.defaults().withEvaluation(EvaluationOptions.defaults().withKs(5, 20)))
        .getMessage().startsWith("evaluation.ks: must include 10"));
  }
}
