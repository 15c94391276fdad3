package atelier.space;

import atelier.auth.Caller;
import atelier.auth.UserRepository;
import atelier.events.EventLog;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.text.TextRules;
import atelier.store.StoreErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rules of spaces and membership: who creates what, state changes, members and join requests.
 * Each durable change is also appended to the space's event log so connected members see it live.
 */
public final class SpaceService {
  private final SpaceRepository spaces;
  private final MembershipRepository members;
  private final JoinRequestRepository requests;
  private final UserRepository users;
  private final EventLog log;
  private final SpaceCache cache;
  private final SpaceLifecycle lifecycle;
  private final List<Consumer<JoinRequest>> joinRequested = new CopyOnWriteArrayList<>();
  private final List<Consumer<JoinRequest>> joinDecided = new CopyOnWriteArrayList<>();
  private final List<Consumer<Space>> proposed = new CopyOnWriteArrayList<>();
  private final List<Function<Space, Future<Void>>> creating = new CopyOnWriteArrayList<>();

  public SpaceService(SpaceRepository spaces, MembershipRepository members, JoinRequestRepository requests,
      UserRepository users, EventLog log, SpaceCache cache, MandateCalendar calendar) {
    this.lifecycle = new SpaceLifecycle(spaces, log, calendar);
    this.spaces = spaces;
    this.members = members;
    this.requests = requests;
    this.users = users;
    this.log = log;
    this.cache = cache;
  }

  /**
   * A step run for every new space before its creation is answered (chat makes the space's
   * {@code general} channel), so that a space is complete from the first time anyone sees it.
   */
  public void onCreated(Function<Space, Future<Void>> step) {
    creating.add(step);
  }

  private Future<Space> created(Space s) {
    Future<Void> all = Future.succeededFuture();
    for (Function<Space, Future<Void>> step : creating) all = all.compose(v -> step.apply(s));
    return all.map(s);
  }

  /** Called after a join request is stored (the notifications tell the coordinators). */
  public void onJoinRequested(Consumer<JoinRequest> listener) {
    joinRequested.add(listener);
  }

  /** Called after a join request is accepted or declined (its notifications are then settled). */
  public void onJoinDecided(Consumer<JoinRequest> listener) {
    joinDecided.add(listener);
  }

  /** Called after a tactical group is proposed (the notifications tell the administrators). */
  public void onProposed(Consumer<Space> listener) {
    proposed.add(listener);
  }

  /**
   * The space and the caller's role in it; {@code not_found} for an unknown id and for a space the
   * caller may not see (a proposal of someone else), so that no answer tells the two apart.
   */
  public Future<SpaceAccess> access(Caller caller, String spaceId) {
    return spaces.byId(spaceId).compose(space -> {
      if (space.isEmpty()) return Future.failedFuture(ApiError.notFound());
      return members.find(spaceId, caller.id()).map(m -> seen(space.get(), m.map(Membership::role).orElse(null), caller));
    });
  }

  private static SpaceAccess seen(Space space, Role role, Caller caller) {
    if (!visible(space, caller, role)) throw ApiError.notFound();
    return SpaceAccess.of(space, role, caller);
  }

  /**
   * {@link #access} as of a few seconds ago at most ({@link SpaceCache}), for the checks made on every
   * message: a change of membership or state is seen at once on the node that made it and within an
   * event-bus hop on the others.
   */
  public Future<SpaceAccess> cachedAccess(Caller caller, String spaceId) {
    Future<Optional<Membership>> member = cache.get(spaceId, "member:" + caller.id(), () -> members.find(spaceId, caller.id()));
    return cache.get(spaceId, "space", () -> spaces.byId(spaceId)).compose(space -> {
      if (space.isEmpty()) return Future.failedFuture(ApiError.notFound());
      return member.map(m -> seen(space.get(), m.map(Membership::role).orElse(null), caller));
    });
  }

  /** The people who share at least one space with {@code user} (the user included). */
  public Future<Set<String>> colleagues(String user) {
    return members.ofUser(user)
        .compose(mine -> members.ofSpaces(mine.stream().map(Membership::space).toList()))
        .map(all -> {
          Set<String> out = new HashSet<>();
          out.add(user);
          all.forEach(m -> out.add(m.user()));
          return out;
        });
  }

  /**
   * Whether the caller may see a space in the directory: proposals only by their author and
   * administrators, until approved (an approved group waiting for its start date is public).
   */
  public static boolean visible(Space s, Caller caller, Role role) {
    return s.state() == SpaceState.ACTIVE || s.state() == SpaceState.DORMANT || s.awaitingStart() || caller.admin()
        || caller.id().equals(s.createdBy()) || role != null;
  }

  /** A space's language as given ({@code fr} or {@code en}); absent → {@code otherwise}; anything else → 400 naming {@code language}. */
  static String language(String given, String otherwise) {
    if (given == null) return otherwise;
    if (!Space.LANGUAGES.contains(given)) throw ApiError.badField("language", "invalid");
    return given;
  }

  public Future<Space> createSquad(Caller caller, String name, String theme) {
    return createSquad(caller, name, theme, null);
  }

  public Future<Space> createSquad(Caller caller, String name, String theme, String language) {
    if (!caller.admin()) return Future.failedFuture(ApiError.forbidden());
    TextRules.requireName("name", name);
    String lang = language(language, "fr");
    return spaces.insert(Space.SQUAD, name.trim(), SpaceState.ACTIVE, theme.trim(), null, null, caller.id(), lang)
        .compose(this::created);
  }

  public Future<Space> proposeTactical(Caller caller, String name, Mandate mandate, String squadId, String theme, String state) {
    return proposeTactical(caller, name, mandate, squadId, theme, state, null);
  }

  public Future<Space> proposeTactical(Caller caller, String name, Mandate mandate, String squadId, String theme, String state,
      String language) {
    TextRules.requireName("name", name);
    String lang = language(language, "fr");
    if (mandate.end().isBefore(mandate.start())) return Future.failedFuture(ApiError.badField("mandate.end", "before_start"));
    SpaceState initial = SpaceState.PROPOSED;
    boolean approved = false;
    if (state != null) {
      if (!caller.admin() || !state.equals("active")) return Future.failedFuture(ApiError.forbidden());
      // Approved at its creation; a mandate that starts later waits for its start date (SpaceLifecycle#approve).
      approved = lifecycle.calendar().startsLater(mandate);
      if (!approved) initial = SpaceState.ACTIVE;
    }
    SpaceState first = initial;
    boolean approvedNow = approved;
    Future<Void> squadOk = squadId == null ? Future.succeededFuture() : spaces.byId(squadId).compose(sq ->
        sq.isPresent() && sq.get().kind().equals(Space.SQUAD)
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(ApiError.badField("squad", "unknown")));
    return squadOk
        .compose(v -> spaces.insert(Space.TACTICAL, name.trim(), first, theme, squadId, mandate, caller.id(), lang))
        .compose(this::created)
        .compose(s -> members.put(s.id(), caller.id(), Role.COORDINATOR, Instant.now())
            .compose(m -> log.append(s.id(), "member.joined", caller.id(), new JsonObject().put("user", caller.id()).put("role", "coordinator")))
            .map(s))
        .compose(s -> approvedNow ? lifecycle.approve(s.id(), new Approval(lifecycle.calendar().now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), caller.id(), null), mandate) : Future.succeededFuture(s))
        .onSuccess(s -> {
          if (s.state() == SpaceState.PROPOSED && s.approval() == null) proposed.forEach(l -> l.accept(s));
        });
  }

  public Future<Space> changeState(Caller caller, String spaceId, String stateWire, String reason) {
    return changeState(caller, spaceId, new SpaceLifecycle.Request(stateWire, reason, null, null));
  }

  /** A lifecycle transition asked by a person (see {@link SpaceLifecycle#change}). */
  public Future<Space> changeState(Caller caller, String spaceId, SpaceLifecycle.Request request) {
    return access(caller, spaceId).compose(a -> lifecycle.change(caller, a, request));
  }

  /** Writes or rewrites the closing summary of a dormant tactical group (see {@link SpaceLifecycle#writeClosing}). */
  public Future<Space> writeClosing(Caller caller, String spaceId, JsonObject summary) {
    return access(caller, spaceId).compose(a -> lifecycle.writeClosing(caller, a, summary));
  }

  /** Lifecycle transitions made by the node itself (the scheduler) and the calendar they follow. */
  public SpaceLifecycle lifecycle() {
    return lifecycle;
  }

  /**
   * Changes a space's name, theme, description or mandate (its coordinators, administrators), with
   * the event {@code space.updated} so that open pages follow. A mandate belongs to tactical
   * groups only, and its end may not come before its start.
   */
  public Future<Space> update(Caller caller, String spaceId, SpaceChanges changes) {
    if (changes.name() != null && changes.name().isEmpty()) return Future.failedFuture(ApiError.badField("name", "required"));
    if (changes.mandate() != null && changes.mandate().end().isBefore(changes.mandate().start())) {
      return Future.failedFuture(ApiError.badField("mandate.end", "before_start"));
    }
    return access(caller, spaceId).map(SpaceAccess::requireCoordinator)
        .compose(a -> {
          if (changes.mandate() != null && !a.space().kind().equals(Space.TACTICAL)) {
            throw ApiError.badField("mandate", "invalid");
          }
          return spaces.update(spaceId, changes);
        })
        .map(o -> o.orElseThrow(ApiError::notFound))
        .compose(updated -> log.append(spaceId, "space.updated", caller.id(), changes.toJson()).map(updated));
  }

  public Future<List<Membership>> members(Caller caller, String spaceId) {
    return access(caller, spaceId).map(SpaceAccess::requireRead).compose(a -> members.ofSpace(spaceId));
  }

  /** Adds a person or changes their role (coordinators of the space, administrators). */
  public Future<Membership> putMember(Caller caller, String spaceId, String userId, Role role) {
    return access(caller, spaceId).map(SpaceAccess::requireCoordinator)
        .compose(a -> users.byId(userId).map(u -> u.filter(x -> !x.disabled())
            .orElseThrow(() -> ApiError.badField("user", "unknown"))))
        .compose(u -> members.find(spaceId, userId))
        .compose(existing -> {
          if (existing.isPresent() && existing.get().role() == role) return Future.succeededFuture(existing.get());
          Future<Void> guard = existing.isPresent() && existing.get().role() == Role.COORDINATOR
              ? keepsACoordinator(spaceId) : Future.succeededFuture();
          Instant joined = existing.map(Membership::joinedAt).orElse(Instant.now());
          String kind = existing.isPresent() ? "member.role" : "member.joined";
          return guard.compose(v -> members.put(spaceId, userId, role, joined))
              .compose(m -> log.append(spaceId, kind, caller.id(), new JsonObject().put("user", userId).put("role", role.wire())).map(m));
        });
  }

  /** Removes someone: yourself (leave) or, as coordinator or administrator, another member. */
  public Future<Void> removeMember(Caller caller, String spaceId, String userId) {
    return access(caller, spaceId).compose(a -> {
      boolean self = caller.id().equals(userId);
      if (!self) a.requireCoordinator();
      else if (a.space().dormant() && !caller.admin()) throw ApiError.readOnly();
      return members.find(spaceId, userId);
    }).compose(m -> {
      if (m.isEmpty()) return Future.failedFuture(ApiError.notFound());
      Future<Void> guard = m.get().role() == Role.COORDINATOR ? keepsACoordinator(spaceId) : Future.succeededFuture();
      return guard.compose(v -> members.remove(spaceId, userId))
          .compose(v -> log.append(spaceId, "member.left", caller.id(), new JsonObject().put("user", userId)))
          .mapEmpty();
    });
  }

  private Future<Void> keepsACoordinator(String spaceId) {
    return members.countCoordinators(spaceId).compose(n -> n <= 1
        ? Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.last_coordinator"))
        : Future.succeededFuture());
  }

  public Future<JoinRequest> requestJoin(Caller caller, String spaceId, String message) {
    return access(caller, spaceId).compose(a -> {
      if (!visible(a.space(), caller, a.role())) throw ApiError.notFound();
      if (a.space().dormant()) throw ApiError.readOnly();
      if (a.space().state() != SpaceState.ACTIVE && !a.space().awaitingStart()) throw ApiError.of(ErrorCode.CONFLICT, "error.conflict");
      if (a.role() != null) throw ApiError.of(ErrorCode.CONFLICT, "error.already_member");
      return requests.insert(spaceId, caller.id(), message == null ? "" : message.trim())
          .recover(e -> Future.failedFuture(StoreErrors.isDuplicateKey(e) ? ApiError.of(ErrorCode.CONFLICT, "error.request_pending") : e))
          .onSuccess(r -> joinRequested.forEach(l -> l.accept(r)));
    });
  }

  public Future<List<JoinRequest>> pendingRequests(Caller caller, String spaceId) {
    return access(caller, spaceId).compose(a -> {
      if (!a.coordinates()) throw ApiError.forbidden();
      return requests.pending(spaceId);
    });
  }

  public Future<List<JoinRequest>> myPendingRequests(Caller caller) {
    return requests.pendingOf(caller.id());
  }

  /**
   * Accepts or declines a pending request. On accept the membership is written before the request
   * is closed, so there is never a moment (or, after a crash, a state) where the request is closed
   * and the person is not a member; a retried accept finds the membership and only closes the request.
   */
  public Future<JoinRequest> decide(Caller caller, String spaceId, String requestId, boolean accept) {
    return access(caller, spaceId).map(SpaceAccess::requireCoordinator)
        .compose(a -> requests.byId(requestId))
        .compose(found -> {
          JoinRequest r = found.filter(x -> x.space().equals(spaceId)).orElseThrow(ApiError::notFound);
          if (!JoinRequest.PENDING.equals(r.status())) throw ApiError.of(ErrorCode.CONFLICT, "error.request_closed");
          Future<Void> admitted = accept ? admit(caller, spaceId, r.user()) : Future.succeededFuture();
          return admitted.compose(v -> requests.decide(spaceId, requestId, accept ? JoinRequest.ACCEPTED : JoinRequest.DECLINED, caller.id()));
        })
        .map(decided -> decided.orElseThrow(() -> ApiError.of(ErrorCode.CONFLICT, "error.request_closed")))
        .onSuccess(r -> joinDecided.forEach(l -> l.accept(r)));
  }

  private Future<Void> admit(Caller caller, String spaceId, String userId) {
    return members.find(spaceId, userId).compose(existing -> existing.isPresent()
        ? Future.succeededFuture()
        : members.put(spaceId, userId, Role.MEMBER, Instant.now())
            .compose(m -> log.append(spaceId, "member.joined", caller.id(),
                new JsonObject().put("user", userId).put("role", Role.MEMBER.wire())))
            .mapEmpty());
  }

  public Future<Optional<Space>> byId(String id) {
    return spaces.byId(id);
  }

  public Future<List<Space>> all() {
    return spaces.all();
  }
}
