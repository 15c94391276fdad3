package atelier.space;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The network's calendar for mandates: what day it is in {@code lifecycle.timeZone} by the node's
 * clock (a controllable one in tests). A mandate runs from the first moment of its start day to the
 * last of its end day in that time zone.
 */
public record MandateCalendar(Clock clock, ZoneId zone) {
  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  public boolean ended(Mandate m) {
    return m.end().isBefore(today());
  }

  /** Whether the mandate's first day is still to come (an approved group waits for it). */
  public boolean startsLater(Mandate m) {
    return m != null && m.start().isAfter(today());
  }

  /** Whole days from today to the mandate's end (0 on its last day, negative once over). */
  public long daysLeft(Mandate m) {
    return ChronoUnit.DAYS.between(today(), m.end());
  }

  public java.time.Instant now() {
    return clock.instant();
  }
}
