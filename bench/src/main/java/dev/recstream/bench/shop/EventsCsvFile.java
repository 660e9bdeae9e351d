package dev.recstream.bench.shop;

import dev.recstream.shared.event.EventType;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code events-csv} format with the header the reader takes its columns from: {@code
 * userId,itemId,type,ts,category}, {@code ts} in epoch milliseconds, rows grouped by user and in
 * time order within a user.
 */
final class EventsCsvFile implements EventSink {
  static final String HEADER = "userId,itemId,type,ts,category";

  private final AsciiOut out;
  private final byte[][] typeNames = new byte[EventType.values().length][];

  EventsCsvFile(Path file) throws IOException {
    this.out = new AsciiOut(file);
    for (EventType type : EventType.values()) {
      typeNames[type.ordinal()] = AsciiOut.ascii("," + type.wireName() + ",");
    }
    out.write(AsciiOut.ascii(HEADER + "\n"));
  }

  @Override
  public void beginUser(int user) {}

  @Override
  public void event(int user, int item, EventType type, long epochMillis, int category) throws IOException {
    out.write(user).write(',').write(item).write(typeNames[type.ordinal()]).write(epochMillis).write(',').write(category).write('\n');
  }

  @Override
  public void endUser() {}

  @Override
  public void close() throws IOException {
    out.close();
  }
}
