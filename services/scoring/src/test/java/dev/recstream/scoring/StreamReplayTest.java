package dev.recstream.scoring;

import dev.recstream.model.streaming.Recommender;

import dev.recstream.model.streaming.StreamingCooccurrenceRecommender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recstream.shared.bus.SequenceUpdate;
import dev.recstream.shared.bus.ReplayEvents.UserItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Replaying stored events into a model")
class StreamReplayTest {

  @Test
  @DisplayName("teaches the same as the live stream: a replayed model ranks what followed an item first")
  void replayTeachesTransitions() {
    List<UserItem> events = new ArrayList<>();
    for (int u = 0; u < 5; u++) {
      events.add(new UserItem("u" + u, "shoes"));
      events.add(new UserItem("other", "umbrella"));
      events.add(new UserItem("u" + u, "socks"));
    }
    StreamingCooccurrenceRecommender model = new StreamingCooccurrenceRecommender();
    assertEquals(15, StreamReplay.replay(events, model));
    assertEquals("socks", model.recommend(List.of("shoes"), 1).get(0).itemId());
  }

  @Test
  @DisplayName("rebuilds each user's recent items newest first, interleaved users kept apart, capped at 20")
  void rebuildsRecentItems() {
    List<UserItem> events = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      events.add(new UserItem("a", "a" + i));
      events.add(new UserItem("b", "b" + i));
    }
    RecordingRecommender recorder = new RecordingRecommender();
    StreamReplay.replay(events, recorder);
    SequenceUpdate lastOfA = recorder.updates.get(recorder.updates.size() - 2);
    assertEquals("a", lastOfA.userId());
    assertEquals(20, lastOfA.recentItems().size());
    assertEquals("a24", lastOfA.recentItems().get(0));
    assertEquals("a5", lastOfA.recentItems().get(19));
  }

  private static final class RecordingRecommender implements Recommender {
    final List<SequenceUpdate> updates = new java.util.ArrayList<>();

    @Override
    public String version() {
      return "recording";
    }

    @Override
    public void learn(SequenceUpdate update) {
      updates.add(update);
    }

    @Override
    public List<dev.recstream.shared.bus.ScoredItem> recommend(List<String> recentItems, int k) {
      return List.of();
    }

    @Override
    public List<dev.recstream.shared.bus.ScoredItem> similar(String itemId, int k) {
      return List.of();
    }
  }
}
