package atelier.board;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Today's date where the network is (due dates are days there, not UTC days). */
public record BoardClock(Clock clock) {
  /** The network's time zone by default (see PROTOCOL.md, lifecycle.timeZone). */
  public static final ZoneId NETWORK = ZoneId.of("America/Toronto");

  public static BoardClock system() {
    return new BoardClock(Clock.system(NETWORK));
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }
}
