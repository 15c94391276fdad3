package atelier.space;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One lifecycle transition as the store applies it: compare-and-set on {@code from} (and, for the
 * scheduler, on the mandate's end or start date it saw, so that a concurrent change of the mandate
 * wins over a stale check; a start also needs the group's approval), with what goes with it — a
 * closing summary when a group closes, a new mandate (the current one retired to {@code mandates})
 * when it is reactivated.
 */
record StateChange(SpaceState from, SpaceState to, String reason, Instant at, LocalDate expectedEnd, Closing closing,
    Mandate newMandate, PastMandate retired, LocalDate expectedStart) {
  StateChange(SpaceState from, SpaceState to, String reason, Instant at, LocalDate expectedEnd, Closing closing,
      Mandate newMandate, PastMandate retired) {
    this(from, to, reason, at, expectedEnd, closing, newMandate, retired, null);
  }
}
