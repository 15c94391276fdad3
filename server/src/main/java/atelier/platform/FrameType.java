package atelier.platform;

import java.util.Set;

/**
 * A client frame type a feature handles: its handler, the budget it draws from ({@code null}: none)
 * and the fields it may carry besides {@code type} and {@code ref} (others are refused, as REST
 * refuses unknown fields).
 */
public record FrameType(String type, String budget, Set<String> fields, FrameHandler handler) {
  public FrameType {
    fields = Set.copyOf(fields);
  }
}
