package dev.recstream.app;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds {@code ../shared/datasets} beside the project and maps its files to events. */
final class Datasets {
  private static final Map<String, String> TAOBAO_TYPES = Map.of("pv", "view", "cart", "add_to_cart", "fav", "click", "buy", "purchase");

  private Datasets() {}

  /** The datasets folder, looked for beside every ancestor of the working directory. */
  static Optional<Path> root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("datasets");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The Taobao sample as events: {@code userId,itemId,categoryId,behavior,timestampSeconds}, with
   * eventId {@code tb-<line number>} (1-based), pv→view, cart→add_to_cart, fav→click, buy→purchase.
   */
  static List<JsonObject> taobao(Path file) throws IOException {
    List<JsonObject> events = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      events.add(new JsonObject()
          .put("eventId", "tb-" + (i + 1))
          .put("userId", f[0])
          .put("itemId", f[1])
          .put("type", TAOBAO_TYPES.get(f[3]))
          .put("ts", Long.parseLong(f[4]) * 1000)
          .put("context", new JsonObject().put("category", f[2]).put("behavior", f[3])));
    }
    return events;
  }
}
