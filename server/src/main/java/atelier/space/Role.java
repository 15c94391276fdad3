package atelier.space;

import java.util.Locale;

/** A person's role in a space. Observers read; members and coordinators write. */
public enum Role {
  COORDINATOR, MEMBER, OBSERVER;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }

  public boolean canWrite() {
    return this != OBSERVER;
  }
}
