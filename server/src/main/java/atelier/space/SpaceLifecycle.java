package atelier.space;

import atelier.auth.Caller;
import atelier.events.EventLog;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The life of a space: approval, closing (with a summary), the end of a mandate, reactivation with a
 * new mandate, and the tombstone left by a purge. Every transition is a compare-and-set on the
 * state ({@link SpaceRepository#transition}) followed by a {@code space.state} event saying who
 * (the actor; none when the scheduler ended a mandate) and why ({@code reason}).
 */
public final class SpaceLifecycle {
  /** The {@code kind} of the event of every transition. */
  public static final String EVENT = "space.state";

  private final SpaceRepository spaces;
  private final EventLog log;
  private final MandateCalendar calendar;

  SpaceLifecycle(SpaceRepository spaces, EventLog log, MandateCalendar calendar) {
    this.spaces = spaces;
    this.log = log;
    this.calendar = calendar;
  }

  public MandateCalendar calendar() {
    return calendar;
  }

  /** What {@code POST /api/spaces/{id}/state} asks for. */
  public record Request(String state, String reason, Mandate mandate, JsonObject closing) {}

  /**
   * A transition asked by a person. Administrators make any transition {@link SpaceState#canMoveTo}
   * allows; a coordinator closes its own active tactical group, or reactivates it when dormant with a
   * whole new mandate. A closing summary goes only with closing a tactical group; a new mandate only
   * with reactivating one, and it must not have ended already.
   */
  Future<Space> change(Caller caller, SpaceAccess a, Request r) {
    Space s = a.space();
    SpaceState next = SpaceState.of(r.state());
    boolean tactical = s.tactical();
    boolean closing = tactical && s.state() == SpaceState.ACTIVE && next == SpaceState.DORMANT;
    boolean reactivating = tactical && s.state() == SpaceState.DORMANT && next == SpaceState.ACTIVE;
    boolean coordinatorMay = a.role() == Role.COORDINATOR && (closing || (reactivating && r.mandate() != null));
    if (!caller.admin() && !coordinatorMay) return Future.failedFuture(ApiError.forbidden());
    if (s.purgedAt() != null && next == SpaceState.ACTIVE) return Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.purged"));
    if (!s.state().canMoveTo(next)) return Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.bad_transition"));
    if (r.closing() != null && !closing) return Future.failedFuture(ApiError.badField("closing", "invalid"));
    if (r.mandate() != null) {
      if (!reactivating) return Future.failedFuture(ApiError.badField("mandate", "invalid"));
      if (r.mandate().end().isBefore(r.mandate().start())) return Future.failedFuture(ApiError.badField("mandate.end", "before_start"));
      if (calendar.ended(r.mandate())) return Future.failedFuture(ApiError.badField("mandate.end", "past"));
    } else if (reactivating && s.mandate() != null && calendar.ended(s.mandate())) {
      // Woken with its old, ended mandate, the group would fall dormant again at the next check.
      return Future.failedFuture(ApiError.badField("mandate", "required"));
    }
    Instant at = calendar.now().truncatedTo(ChronoUnit.MILLIS);
    Closing summary = Closing.fromJson(r.closing(), at, caller.id());
    PastMandate retired = r.mandate() == null || s.mandate() == null ? null : new PastMandate(s.mandate(), s.stateChangedAt(), s.closing());
    StateChange change = new StateChange(s.state(), next, r.reason(), at, null, summary, r.mandate(), retired);
    return apply(s.id(), change, caller.id(), false);
  }

  /**
   * The scheduler ends a mandate whose end day has passed: only if the group is still active and its
   * mandate still ends on the day it saw. Empty when another node (or a person) got there first.
   */
  public Future<Optional<Space>> endMandate(Space s) {
    String reason = "Le mandat a pris fin le " + s.mandate().end() + ".";
    StateChange change = new StateChange(SpaceState.ACTIVE, SpaceState.DORMANT, reason,
        calendar.now().truncatedTo(ChronoUnit.MILLIS), s.mandate().end(), null, null, null);
    return spaces.transition(s.id(), change).compose(done -> done.isEmpty()
        ? Future.succeededFuture(Optional.<Space>empty())
        : event(done.get(), change, null, true).map(Optional::of));
  }

  private Future<Space> apply(String spaceId, StateChange change, String actor, boolean automatic) {
    return spaces.transition(spaceId, change)
        .map(o -> o.orElseThrow(() -> ApiError.of(ErrorCode.CONFLICT, "error.bad_transition")))
        .compose(updated -> event(updated, change, actor, automatic));
  }

  private Future<Space> event(Space updated, StateChange change, String actor, boolean automatic) {
    JsonObject data = new JsonObject().put("state", change.to().wire()).put("reason", change.reason());
    if (automatic) data.put("automatic", true);
    if (change.closing() != null) data.put("closing", change.closing().toJson());
    if (change.newMandate() != null) data.put("mandate", change.newMandate().toJson());
    return log.append(updated.id(), EVENT, actor, data).map(updated);
  }
}
