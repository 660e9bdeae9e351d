package dev.recstream.shared.bus;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/** Small JSON helpers shared by the message records. */
final class Jsons {
  private Jsons() {}

  static List<String> strings(JsonArray array) {
    List<String> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      list.add(array.getString(i));
    }
    return list;
  }
}
