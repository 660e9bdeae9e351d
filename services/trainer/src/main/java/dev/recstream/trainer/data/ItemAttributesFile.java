package dev.recstream.trainer.data;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code {"itemId": [attributeId, …]}} (S3-Rec's {@code item2attributes.json}) into a
 * builder, keyed by the builder's vocabulary index of each item id. Items the dataset never
 * mentions are skipped.
 */
final class ItemAttributesFile {
  private static final Logger LOG = LoggerFactory.getLogger(ItemAttributesFile.class);

  private ItemAttributesFile() {}

  static void read(Path file, SequenceBuilder builder) throws IOException {
    String name = file.getFileName().toString();
    JsonObject json = parse(file, name);
    int skipped = 0;
    for (Map.Entry<String, Object> entry : json) {
      int item = builder.vocabulary().indexOf(entry.getKey());
      if (item == 0) {
        skipped++;
      } else {
        builder.putAttributes(item, attributeIds(entry, name));
      }
    }
    LOG.debug("read item attributes file={} items={} skippedUnknownItems={}", name, json.size() - skipped, skipped);
  }

  private static JsonObject parse(Path file, String name) throws IOException {
    try {
      return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new MalformedDatasetException(name, "expected a JSON object {\"item\": [attributeId, …]}: " + e.getMessage());
    }
  }

  private static int[] attributeIds(Map.Entry<String, Object> entry, String name) throws MalformedDatasetException {
    if (!(entry.getValue() instanceof JsonArray array)) {
      throw new MalformedDatasetException(name, "item \"" + entry.getKey() + "\": expected an array of attribute ids");
    }
    int[] ids = new int[array.size()];
    for (int i = 0; i < ids.length; i++) {
      if (!(array.getValue(i) instanceof Number number)) {
        throw new MalformedDatasetException(name, "item \"" + entry.getKey() + "\": attribute " + array.getValue(i) + " is not a number");
      }
      ids[i] = number.intValue();
    }
    return ids;
  }
}
