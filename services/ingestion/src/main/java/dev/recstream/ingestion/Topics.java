package dev.recstream.ingestion;

/** The Kafka topics of CONTRACT §4. */
public final class Topics {
  private Topics() {}

  /** Behavior events: key = userId, value = one event as JSON. */
  public static final String EVENTS = "recstream.events";

  /** Records that failed validation, with headers {@code error} and {@code source-offset}. */
  public static final String EVENTS_DLQ = "recstream.events.dlq";
}
