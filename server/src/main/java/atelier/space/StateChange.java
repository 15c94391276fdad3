package atelier.space;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One lifecycle transition as the store applies it: compare-and-set on {@code from} (and, for the
 * scheduler, on the mandate's end it saw, so that a concurrent extension wins over a stale check),
 * with what goes with it — a closing summary when a group closes, a new mandate (the current one
 * retired to {@code mandates}) when it is reactivated.
 */
record StateChange(SpaceState from, SpaceState to, String reason, Instant at, LocalDate expectedEnd, Closing closing,
    Mandate newMandate, PastMandate retired) {}
