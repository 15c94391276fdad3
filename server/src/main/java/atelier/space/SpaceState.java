package atelier.space;

import java.util.Locale;
import java.util.Set;

/** The life of a space. A dormant space is read-only everywhere; declined proposals stay for the record. */
public enum SpaceState {
  PROPOSED, ACTIVE, DORMANT, DECLINED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SpaceState of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  /** Transitions an administrator may make. */
  public boolean canMoveTo(SpaceState next) {
    return switch (this) {
      case PROPOSED -> Set.of(ACTIVE, DECLINED).contains(next);
      case ACTIVE -> next == DORMANT;
      case DORMANT -> next == ACTIVE;
      case DECLINED -> next == PROPOSED;
    };
  }
}
