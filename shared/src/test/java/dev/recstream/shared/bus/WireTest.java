package dev.recstream.shared.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.recstream.shared.bus.IntakeOutcome.Kind;
import dev.recstream.shared.catalog.CatalogItem;
import dev.recstream.shared.event.BehaviorEvent;
import dev.recstream.shared.event.EventType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The typed bus contract")
class WireTest {

  /** One realistic value of every message type the addresses carry, optional fields set. */
  private static final Map<Class<?>, Object> SAMPLES = samples();

  private static Map<Class<?>, Object> samples() {
    BehaviorEvent event = new BehaviorEvent("e1", "u1", "i1", EventType.PURCHASE, Instant.parse("2026-11-23T10:15:30Z"),
        "s1", null, 12.5, Map.of("recId", "r1"));
    ScoredItem item = new ScoredItem("i2", 0.93, "often seen with i1");
    JsonObject metrics = new JsonObject().put("NDCG@10", 0.07);
    ModelEntry entry = new ModelEntry("two-stage-1", "two-stage", "/models/a", "2026-11-01T00:00:00Z",
        "2026-11-02T00:00:00Z", metrics, new JsonObject().put("users", 3), "active", "note", "2026-11-03T00:00:00Z");
    Map<Class<?>, Object> samples = new IdentityHashMap<>();
    samples.put(IntakeRequest.class, new IntakeRequest("application/x-ndjson", Buffer.buffer("{\"a\":1}\n{}"), 1234L));
    samples.put(IntakeOutcome.class, IntakeOutcome.accepted(2, new JsonArray().add(new JsonObject().put("index", 1).put("reason", "userId: required"))));
    samples.put(EventBatch.class, new EventBatch(List.of(event), 42L, 99L));
    samples.put(AppendResult.class, new AppendResult(1, 2));
    samples.put(SequenceUpdates.class, new SequenceUpdates(List.of(
        new SequenceUpdate("u1", "e1", "i1", "purchase", List.of("i1", "i0"), List.of("i1"), 7L, "r1", 19.9),
        new SequenceUpdate("u1", "e2", null, "search", List.of("i1", "i0"), List.of(), 8L, null, null, "red lipstick"))));
    samples.put(ImportedEvents.class, new ImportedEvents("sequences.txt", 198_502L, 22_363L, 12_101L));
    samples.put(IntakeStats.class, new IntakeStats(IntakeStats.KAFKA, 3, 1, 2_500L));
    samples.put(Recommendations.class, new Recommendations("u1", List.of(item), "m1", Instant.parse("2026-11-23T10:15:31Z"), "r1", "e1", 4.2,
        new Recommendations.Arm("exp-1", "treatment")));
    samples.put(RecommendationQuery.class, new RecommendationQuery("u1", 10));
    Experiment experiment = new Experiment("exp-1", "new ranker", Experiment.RUNNING,
        List.of(new Experiment.Variant("control", "m1", 1), new Experiment.Variant("treatment", "m2", 1)), "control",
        "2026-12-07T09:00:00Z", "2026-12-07T09:01:00Z", null);
    samples.put(Experiment.class, experiment);
    samples.put(ExperimentList.class, new ExperimentList(List.of(experiment)));
    samples.put(ExperimentId.class, new ExperimentId("exp-1", Experiment.STOPPED));
    MetricsHistory.Snapshot snapshot = new MetricsHistory.Snapshot(Instant.parse("2026-12-07T10:15:00Z"),
        new JsonObject().put("events", new JsonObject().put("stored", 12)));
    samples.put(MetricsHistory.Snapshot.class, snapshot);
    samples.put(MetricsHistory.Query.class, new MetricsHistory.Query(60));
    samples.put(MetricsHistory.class, new MetricsHistory(List.of(snapshot)));
    samples.put(SimilarItems.Query.class, new SimilarItems.Query("i1", 5));
    samples.put(SimilarItems.class, new SimilarItems("i1", List.of(item), "m1"));
    samples.put(EventsQuery.class, new EventsQuery("u1", 50));
    samples.put(UserEvents.class, new UserEvents("u1", new JsonArray().add(event.toJson())));
    samples.put(ReplayEvents.Query.class, new ReplayEvents.Query(1000));
    samples.put(ReplayEvents.class, new ReplayEvents(List.of(new ReplayEvents.UserItem("u1", "i1"))));
    samples.put(UserQuery.class, new UserQuery("u1"));
    samples.put(UserHistory.class, new UserHistory("u1", List.of("i1", "i0"), List.of("i0")));
    samples.put(DatasetPage.Query.class, new DatasetPage.Query(10L, 500, 2_000L));
    samples.put(DatasetPage.class, new DatasetPage(List.of(new DatasetPage.Row(11L, "u1", "i1", "view", 5L, null))));
    samples.put(CatalogItem.class, new CatalogItem("i1", "Shoe", "Nike", "shoes", 49.9, false, Map.of("color", "red", "size", "42")));
    CatalogItem described = new CatalogItem("i2", "Red lipstick", "Maybelline", "lips", 9.9, true, Map.of("finish", "matte"));
    samples.put(TextSearch.Query.class, new TextSearch.Query("red lipstick", 100));
    samples.put(TextSearch.class, new TextSearch(List.of(new TextSearch.Hit("i2", 1.25)), "red lipstick"));
    samples.put(ItemVectors.Query.class, new ItemVectors.Query("i0", 1000, "all-minilm-l6-v2"));
    samples.put(ItemVectors.class, new ItemVectors(List.of(new ItemVectors.Entry(described, new float[] {0.6f, -0.8f}),
        new ItemVectors.Entry(new CatalogItem("i3", "Shoe", null, null, true), null))));
    samples.put(ItemVectors.Put.class, new ItemVectors.Put(described, "all-minilm-l6-v2", new float[] {0.6f, -0.8f}));
    samples.put(SearchFollowUps.Query.class, new SearchFollowUps.Query(100_000));
    samples.put(SearchFollowUps.class, new SearchFollowUps(List.of(new SearchFollowUps.FollowUp("red lipstick", "i2", "purchase"))));
    samples.put(SearchResults.Query.class, new SearchResults.Query("red lipstick", "u1", 10));
    samples.put(SearchResults.class, new SearchResults("red lipstick", "u1", List.of(item), "m1", Instant.parse("2026-12-07T10:15:31Z"),
        new SearchResults.Retrieved(40, 100, 2), true));
    samples.put(ErrorCount.class, new ErrorCount(ErrorCount.HTTP_SERVER, 3));
    samples.put(StoredItems.Query.class, new StoredItems.Query(List.of("i1", "i2")));
    samples.put(StoredItems.class, new StoredItems(List.of(new StoredItem(new CatalogItem("i1", "Shoe", null, 9.5, true), "2026-11-23T10:15:30Z"))));
    samples.put(StoredItem.class, new StoredItem(new CatalogItem("i1", "Shoe", null, null, true), "2026-11-23T10:15:30Z"));
    samples.put(CatalogPage.Query.class, new CatalogPage.Query("i0", 100));
    samples.put(CatalogPage.class, new CatalogPage(List.of(new CatalogPage.Entry("i1", "shoes", true))));
    samples.put(ModelList.class, new ModelList(List.of(entry)));
    samples.put(ModelVersion.class, new ModelVersion("two-stage-1", "because"));
    samples.put(ModelEntry.class, entry);
    samples.put(PackagePath.class, new PackagePath("/models/a"));
    samples.put(TrainingState.class, new TrainingState(true, 360, "idle", 2, "2026-11-23T16:15:30Z", new JsonObject().put("outcome", "activated")));
    samples.put(ErasedUser.class, new ErasedUser("u1", 17));
    return samples;
  }

  private static Set<Wire<?>> everyWire() {
    Set<Wire<?>> wires = new HashSet<>();
    Addresses.ALL.forEach(a -> {
      wires.add(a.request());
      wires.add(a.reply());
    });
    return wires;
  }

  @Test
  @DisplayName("every address has its own name")
  void namesAreUnique() {
    assertEquals(Addresses.ALL.size(), Addresses.ALL.stream().map(Address::name).distinct().count());
  }

  @Test
  @DisplayName("every record that travels between JVMs comes back equal from its wire form")
  void everyRecordSurvivesTheWire() {
    for (Wire<?> wire : everyWire()) {
      if (wire.codec() == null) {
        continue; // Vert.x's own codecs: JSON, text, no body
      }
      Object sample = SAMPLES.get(wire.type());
      if (sample == null) {
        fail("no sample of " + wire.type().getName() + ": add one so its wire form is checked");
      }
      assertRoundTrip(wire, sample);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void assertRoundTrip(Wire<T> wire, Object sample) {
    T value = (T) sample;
    T back = wire.overTheWire(value);
    if (value instanceof IntakeRequest request) {
      IntakeRequest read = (IntakeRequest) back;
      assertEquals(request.contentType(), read.contentType());
      assertEquals(request.deadlineMillis(), read.deadlineMillis());
      assertEquals(request.body().toString(), read.body().toString());
    } else {
      assertEquals(value, back, wire.type().getSimpleName());
    }
  }

  @Test
  @DisplayName("within one JVM an immutable record is handed over as it is, without JSON")
  void localHopsPassTheRecord() {
    Recommendations recs = (Recommendations) SAMPLES.get(Recommendations.class);
    assertSame(recs, Recommendations.WIRE.inTheJvm(recs));
    SequenceUpdates updates = (SequenceUpdates) SAMPLES.get(SequenceUpdates.class);
    assertSame(updates, SequenceUpdates.WIRE.inTheJvm(updates));
  }

  @Test
  @DisplayName("within one JVM a record holding mutable JSON is copied, so no consumer sees another's changes")
  void mutableRecordsAreCopiedLocally() {
    ModelEntry entry = (ModelEntry) SAMPLES.get(ModelEntry.class);
    ModelEntry copy = ModelEntry.WIRE.inTheJvm(entry);
    assertEquals(entry, copy);
    assertNotSame(entry.metrics(), copy.metrics());
  }

  @Test
  @DisplayName("the live-feed text is the feed message of CONTRACT §3, field for field, with and without trigger and reasons")
  void feedTextIsTheFeedMessage() {
    Recommendations pushed = (Recommendations) SAMPLES.get(Recommendations.class);
    Recommendations asked = new Recommendations("u\"1", List.of(new ScoredItem("i\n2", 0.5)), "m", Instant.EPOCH, "r2", null, null);
    Recommendations noLatency = new Recommendations("u", List.of(), "m", Instant.EPOCH, "r3", "e", null);
    for (Recommendations recs : List.of(pushed, asked, noLatency)) {
      assertEquals(recs.toFeedMessage(), new JsonObject(recs.toFeedText()));
    }
  }

  @Test
  @DisplayName("an intake request keeps a missing content type and an empty body across the wire")
  void intakeRequestEdges() {
    IntakeRequest read = IntakeRequest.WIRE.overTheWire(new IntakeRequest(null, Buffer.buffer(), 7L));
    assertEquals(null, read.contentType());
    assertEquals(0, read.body().length());
    assertEquals(7L, read.deadlineMillis());
  }

  @Test
  @DisplayName("every intake outcome kind survives the wire")
  void everyOutcomeKind() {
    for (Kind kind : Kind.values()) {
      IntakeOutcome outcome = kind == Kind.ACCEPTED ? IntakeOutcome.accepted(1, null) : IntakeOutcome.refused(kind, "code", "a sentence");
      assertEquals(outcome, IntakeOutcome.WIRE.overTheWire(outcome));
    }
    assertTrue(IntakeOutcome.accepted(1, null).rejected().isEmpty());
  }
}
