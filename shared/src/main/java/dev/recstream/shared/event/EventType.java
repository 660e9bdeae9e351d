package dev.recstream.shared.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kinds of user action recstream accepts (CONTRACT §1). Wire names are case-sensitive. */
public enum EventType {
  VIEW("view"),
  CLICK("click"),
  ADD_TO_CART("add_to_cart"),
  REMOVE_FROM_CART("remove_from_cart"),
  PURCHASE("purchase"),
  SEARCH("search"),
  RATE("rate");

  private static final Map<String, EventType> BY_WIRE_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

  /** The accepted names, comma-separated, in declaration order: used in error messages. */
  public static final String WIRE_NAMES =
      Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", "));

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether events of this type must name an item. */
  public boolean requiresItem() {
    return this != SEARCH;
  }

  public static Optional<EventType> fromWireName(String name) {
    return Optional.ofNullable(BY_WIRE_NAME.get(name));
  }
}
