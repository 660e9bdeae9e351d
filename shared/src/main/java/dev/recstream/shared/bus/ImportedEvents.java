package dev.recstream.shared.bus;

import io.vertx.core.json.JsonObject;

/**
 * Events were loaded into the store behind the live stream's back ({@code recstream import}
 * straight into PostgreSQL): no {@code events.stored} announced them, so whoever learns from the
 * stream must read the store again. The same JSON travels as the payload of PostgreSQL's {@code
 * NOTIFY}, from the importing process to the store service.
 *
 * @param source what was imported (the file name), or {@link #UNNAMED}
 * @param events how many new events were stored; -1 when not known (a bare {@code NOTIFY})
 * @param users users in the imported data; -1 when not known
 * @param items items in the imported data; -1 when not known
 */
public record ImportedEvents(String source, long events, long users, long items) {
  public static final Wire<ImportedEvents> WIRE = Wire.shared(ImportedEvents.class, ImportedEvents::toJson, ImportedEvents::fromJson);

  /** The source of a notice that did not name one. */
  public static final String UNNAMED = "unnamed";

  public ImportedEvents {
    source = source == null || source.isBlank() ? UNNAMED : source;
  }

  /** A notice without details: rows were loaded by other means than {@code recstream import}. */
  public static ImportedEvents unknown() {
    return new ImportedEvents(UNNAMED, -1, -1, -1);
  }

  public JsonObject toJson() {
    return new JsonObject().put("source", source).put("events", events).put("users", users).put("items", items);
  }

  /** Missing fields read as unknown, so a hand-written payload still counts as a notice. */
  public static ImportedEvents fromJson(JsonObject json) {
    return new ImportedEvents(json.getString("source"), json.getLong("events", -1L), json.getLong("users", -1L),
        json.getLong("items", -1L));
  }
}
