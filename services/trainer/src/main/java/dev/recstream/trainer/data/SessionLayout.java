package dev.recstream.trainer.data;

import java.util.List;
import java.util.Locale;

/**
 * A session file's layout, recognized from its header line.
 *
 * @param diginetica true for Diginetica ({@code session_id;user_id;item_id;timeframe;eventdate}),
 *     false for YooChoose as session-rec prepares it ({@code SessionId<TAB>ItemId<TAB>Time})
 * @param separator the field separator
 * @param session 0-based index of the session id
 * @param item 0-based index of the item id
 * @param time 0-based index of the time: Diginetica's timeframe (milliseconds since the session
 *     began) or YooChoose's epoch seconds
 * @param date 0-based index of Diginetica's eventdate, -1 for YooChoose
 */
record SessionLayout(boolean diginetica, char separator, int session, int item, int time, int date) {
  private static final String EXPECTED = "expected a Diginetica header 'session_id;user_id;item_id;timeframe;eventdate' "
      + "or a YooChoose header 'SessionId<TAB>ItemId<TAB>Time'";

  /** The layout the header line names. */
  static SessionLayout detect(String header, LineCursor lines) throws MalformedDatasetException {
    if (header.indexOf(';') >= 0) {
      List<String> names = normalized(Fields.separated(header, ';'));
      if (names.containsAll(List.of("session_id", "item_id", "timeframe", "eventdate"))) {
        return new SessionLayout(true, ';', names.indexOf("session_id"), names.indexOf("item_id"),
            names.indexOf("timeframe"), names.indexOf("eventdate"));
      }
    } else if (header.indexOf('\t') >= 0) {
      List<String> names = normalized(Fields.separated(header, '\t'));
      if (names.containsAll(List.of("sessionid", "itemid", "time"))) {
        return new SessionLayout(false, '\t', names.indexOf("sessionid"), names.indexOf("itemid"), names.indexOf("time"), -1);
      }
    }
    throw lines.error(EXPECTED + ", got '" + header + "'");
  }

  /** How many fields a row needs at least. */
  int width() {
    return Math.max(Math.max(session, item), Math.max(time, date)) + 1;
  }

  private static List<String> normalized(List<String> names) {
    return names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
  }
}
