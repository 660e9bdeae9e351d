package dev.recstream.shared.event;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link EventValidator#validate}: either an accepted {@link BehaviorEvent} or the
 * reasons the input was rejected, never both.
 *
 * <p>A record rather than a sealed pair so callers on Java 17 can branch on {@link #isValid()}
 * without pattern-matching switches.
 *
 * @param event the accepted event, null when rejected
 * @param reasons why the input was rejected, each {@code "<field>: <rule>"}; empty when accepted
 */
public record ValidationResult(BehaviorEvent event, List<String> reasons) {

  public ValidationResult {
    reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
    if ((event == null) == reasons.isEmpty()) {
      throw new IllegalArgumentException("a result holds either an event or reasons, not both or neither");
    }
  }

  /** An accepted event. */
  public static ValidationResult valid(BehaviorEvent event) {
    return new ValidationResult(Objects.requireNonNull(event, "event"), List.of());
  }

  /** A rejection; {@code reasons} must not be empty. */
  public static ValidationResult invalid(List<String> reasons) {
    return new ValidationResult(null, reasons);
  }

  /** Whether the input was accepted, i.e. {@link #event()} is not null. */
  public boolean isValid() {
    return event != null;
  }

  /** All reasons joined with {@code "; "}, as reported to clients; empty when accepted. */
  public String reason() {
    return String.join("; ", reasons);
  }
}
