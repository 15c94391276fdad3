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
 * The life of a space: approval (at once, or until the mandate's start date), closing (with a
 * summary, which a coordinator may also write once the group is dormant), the start and end of a
 * mandate, reactivation with a new mandate, and the tombstone left by a purge. Every transition is a
 * compare-and-set on the state ({@link SpaceRepository#transition}) followed by a {@code space.state}
 * event saying who (the actor; none when the scheduler started or ended a mandate) and why
 * ({@code reason}); an approval that waits for the start date is a {@code space.approved} event, a
 * summary written afterwards a {@code space.closing} event.
 */
public final class SpaceLifecycle {
  /** The {@code kind} of the event of every transition. */
  public static final String EVENT = "space.state";
  /** The {@code kind} of the event of an approval that waits for the mandate's start date. */
  public static final String APPROVED = "space.approved";
  /** The {@code kind} of the event of a closing summary written (or rewritten) on a dormant group. */
  public static final String CLOSING = "space.closing";

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
   * with reactivating one, and it must not have ended already. Approving a proposed group whose
   * mandate starts later only marks it approved: the scheduler makes it active on its start date.
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
    if (tactical && s.state() == SpaceState.PROPOSED && next == SpaceState.ACTIVE && calendar.startsLater(s.mandate())) {
      return approve(s.id(), new Approval(at, caller.id(), r.reason()), s.mandate());
    }
    Closing summary = Closing.fromJson(r.closing(), at, caller.id());
    PastMandate retired = r.mandate() == null || s.mandate() == null ? null : new PastMandate(s.mandate(), s.stateChangedAt(), s.closing());
    StateChange change = new StateChange(s.state(), next, r.reason(), at, null, summary, r.mandate(), retired);
    return apply(s.id(), change, caller.id(), false);
  }

  /**
   * Marks a proposed group approved, to become active on its mandate's start date; a group approved
   * already is a conflict (once is enough; to start it earlier, move its start date).
   */
  Future<Space> approve(String spaceId, Approval approval, Mandate mandate) {
    JsonObject data = new JsonObject().put("state", SpaceState.PROPOSED.wire()).put("approval", approval.toJson())
        .put("start", mandate.start().toString());
    if (approval.reason() != null) data.put("reason", approval.reason());
    return spaces.approve(spaceId, approval)
        .map(o -> o.orElseThrow(() -> ApiError.of(ErrorCode.CONFLICT, "error.already_approved")))
        .compose(updated -> log.append(spaceId, APPROVED, approval.by(), data).map(updated));
  }

  /**
   * The scheduler starts the mandate of an approved group whose start day has come: only if the group
   * is still proposed and approved and its mandate still starts on the day it saw. Empty when another
   * node (or a person) got there first.
   */
  public Future<Optional<Space>> startMandate(Space s) {
    String reason = "Le mandat commence le " + s.mandate().start() + ".";
    return automatic(s.id(), new StateChange(SpaceState.PROPOSED, SpaceState.ACTIVE, reason,
        calendar.now().truncatedTo(ChronoUnit.MILLIS), null, null, null, null, s.mandate().start()));
  }

  /**
   * The scheduler ends a mandate whose end day has passed: only if the group is still active and its
   * mandate still ends on the day it saw. Empty when another node (or a person) got there first.
   */
  public Future<Optional<Space>> endMandate(Space s) {
    String reason = "Le mandat a pris fin le " + s.mandate().end() + ".";
    return automatic(s.id(), new StateChange(SpaceState.ACTIVE, SpaceState.DORMANT, reason,
        calendar.now().truncatedTo(ChronoUnit.MILLIS), s.mandate().end(), null, null, null));
  }

  private Future<Optional<Space>> automatic(String spaceId, StateChange change) {
    return spaces.transition(spaceId, change).compose(done -> done.isEmpty()
        ? Future.succeededFuture(Optional.<Space>empty())
        : event(done.get(), change, null, true).map(Optional::of));
  }

  /**
   * Writes or rewrites the closing summary of a dormant tactical group (its coordinators,
   * administrators): the one write a dormant group takes besides being woken, so that a group the
   * scheduler put to sleep can still leave what it learned. At least one of the three must say
   * something.
   */
  Future<Space> writeClosing(Caller caller, SpaceAccess a, JsonObject body) {
    Space s = a.space();
    if (!a.coordinates()) return Future.failedFuture(ApiError.forbidden());
    if (s.purgedAt() != null) return Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.purged"));
    if (!s.tactical() || !s.dormant()) return Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.closing_not_dormant"));
    Closing closing = Closing.fromJson(body, calendar.now().truncatedTo(ChronoUnit.MILLIS), caller.id());
    if (closing.outcomes().isEmpty() && closing.deliverables().isEmpty() && closing.lessons().isEmpty()) {
      return Future.failedFuture(ApiError.badField("outcomes", "required"));
    }
    return spaces.replaceClosing(s.id(), closing)
        .map(o -> o.orElseThrow(() -> ApiError.of(ErrorCode.CONFLICT, "error.closing_not_dormant")))
        .compose(updated -> log.append(s.id(), CLOSING, caller.id(), new JsonObject().put("closing", closing.toJson())).map(updated));
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
