package atelier.auth;

import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.text.TextRules;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.conversions.Bson;

/** Sign-in, sessions, passwords and accounts. Hashing runs on worker threads, never the event loop. */
public final class AuthService {
  private final Vertx vertx;
  private final UserRepository users;
  private final SessionRepository sessions;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Duration sessionTtl;
  private final List<Consumer<EndedSessions>> endedListeners = new CopyOnWriteArrayList<>();

  public record LoginResult(User user, String token, String csrf) {}

  public AuthService(Vertx vertx, UserRepository users, SessionRepository sessions, PasswordHasher hasher,
      LoginThrottle throttle, Duration sessionTtl) {
    this.vertx = vertx;
    this.users = users;
    this.sessions = sessions;
    this.hasher = hasher;
    this.throttle = throttle;
    this.sessionTtl = sessionTtl;
  }

  public Future<LoginResult> login(String email, String password, String address) {
    String account = email.trim().toLowerCase();
    return throttle.retryAfter(account, address, System.currentTimeMillis())
        .compose(wait -> wait > 0 ? Future.failedFuture(ApiError.rateLimited(wait)) : users.byEmail(account))
        .compose(user -> vertx.executeBlocking(() -> hasher.verify(password, user.map(User::passwordHash).orElse(null)), false)
            .map(ok -> ok && user.isPresent() && !user.get().disabled() ? user : Optional.<User>empty()))
        .compose(user -> {
          if (user.isEmpty()) {
            // Counted before the refusal is answered, so the next try already sees it.
            return throttle.failed(account, address, System.currentTimeMillis())
                .transform(v -> Future.failedFuture(ApiError.of(ErrorCode.UNAUTHORIZED, "error.login_failed")));
          }
          return throttle.succeeded(account, address).otherwiseEmpty()
              .compose(v -> rehashIfOutdated(user.get(), password)).compose(v -> openSession(user.get()));
        });
  }

  /**
   * A hash made with fewer iterations than configured is replaced while the password is at hand, so
   * raising {@code auth.hashIterations} protects every account that signs in afterwards.
   */
  private Future<Void> rehashIfOutdated(User user, String password) {
    if (!hasher.outdated(user.passwordHash())) return Future.succeededFuture();
    return vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(hash -> users.setPasswordHash(user.id(), hash)).mapEmpty();
  }

  private Future<LoginResult> openSession(User user) {
    String token = Tokens.random();
    String csrf = Tokens.random();
    return sessions.create(Tokens.digest(token), user.id(), csrf, Instant.now().plus(sessionTtl))
        .map(s -> new LoginResult(user, token, csrf));
  }

  /** The caller behind a token, or empty when the token is unknown, expired, or its account disabled. */
  public Future<Optional<Caller>> authenticate(String token, boolean viaCookie) {
    return sessions.byDigest(Tokens.digest(token)).compose(session -> {
      if (session.isEmpty() || session.get().expiresAt().isBefore(Instant.now())) {
        return Future.succeededFuture(Optional.<Caller>empty());
      }
      return users.byId(session.get().userId()).map(user -> user
          .filter(u -> !u.disabled())
          .map(u -> new Caller(u, session.get(), viaCookie)));
    });
  }

  public Future<Void> logout(Caller caller) {
    return sessions.delete(caller.session().id()).onSuccess(v -> ended(EndedSessions.one(caller.id(), caller.session().id())));
  }

  /** Tells every node (its WebSocket gateway) that these sessions no longer work. */
  /**
   * Called, on this node, as soon as sessions end and before the change is answered (the gateway
   * stops reading their sockets at once); other nodes learn it from the event bus.
   */
  public void onEnded(Consumer<EndedSessions> listener) {
    endedListeners.add(listener);
  }

  private void ended(EndedSessions which) {
    endedListeners.forEach(l -> l.accept(which));
    vertx.eventBus().publish(EndedSessions.ADDRESS, which.toJson());
  }

  public Future<Void> changePassword(Caller caller, String current, String next) {
    // A temporary password must really be replaced, or the administrator would know the new one.
    if (caller.user().mustChangePassword() && next != null && next.equals(current)) {
      return Future.failedFuture(ApiError.badField("password", "unchanged"));
    }
    return vertx.executeBlocking(() -> hasher.verify(current, caller.user().passwordHash()), false)
        .compose(ok -> ok
            ? vertx.executeBlocking(() -> hasher.hash(next), false)
            : Future.failedFuture(ApiError.badField("current", "wrong")))
        .compose(hash -> users.setChosenPassword(caller.id(), hash))
        .compose(u -> sessions.deleteForUserExcept(caller.id(), caller.session().id()))
        .onSuccess(v -> ended(EndedSessions.allBut(caller.id(), caller.session().id())));
  }

  public Future<User> createUser(String email, String name, String organisation, boolean admin, String password) {
    TextRules.requireName("name", name);
    return vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(hash -> users.insert(email.trim(), name.trim(), organisation, admin, hash))
        .recover(e -> Future.failedFuture(atelier.store.StoreErrors.isDuplicateKey(e) ? ApiError.of(ErrorCode.CONFLICT, "error.email_taken") : e));
  }

  /**
   * Administrator changes to an account; disabling stops its sessions and tokens at once. The caller
   * has checked that the organisation exists; {@code organisation} is applied (null included) only
   * when {@code setOrganisation}, so a change that omits it keeps the current one.
   */
  public Future<User> updateUser(String id, AccountChange change) {
    List<Bson> updates = new ArrayList<>();
    if (change.name() != null) updates.add(Updates.set("name", TextRules.requireName("name", change.name()).trim()));
    if (change.setOrganisation()) updates.add(Updates.set("organisation", change.organisation()));
    if (change.disabled() != null) updates.add(Updates.set("disabled", change.disabled()));
    if (change.admin() != null) updates.add(Updates.set("admin", change.admin()));
    Boolean disabled = change.disabled();
    if (updates.isEmpty()) return users.byId(id).map(u -> u.orElseThrow(ApiError::notFound));
    boolean removesAdmin = Boolean.FALSE.equals(change.admin()) || Boolean.TRUE.equals(disabled);
    return (removesAdmin ? keepsAnAdministrator(id) : Future.<Void>succeededFuture())
        .compose(v -> users.update(id, Updates.combine(updates)))
        .map(u -> u.orElseThrow(ApiError::notFound))
        .compose(u -> Boolean.TRUE.equals(disabled)
            ? sessions.deleteForUser(id).onSuccess(v -> ended(EndedSessions.all(id))).map(u)
            : Future.succeededFuture(u));
  }

  /**
   * Refuses to demote or disable the last enabled administrator: nobody could then approve groups or
   * manage accounts. (Two administrators demoting each other at the same instant could both pass;
   * the start-up's {@code admin.email} is the way back in.)
   */
  private Future<Void> keepsAnAdministrator(String id) {
    return users.admins().compose(admins -> admins.size() <= 1 && admins.stream().anyMatch(a -> a.id().equals(id))
        ? Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.last_admin"))
        : Future.succeededFuture());
  }

  /**
   * Gives an account a new temporary password, returned once and stored only hashed; the account
   * must choose its own at its next sign-in, and its sessions (and their sockets) end now.
   */
  public Future<String> resetPassword(String id) {
    String temporary = Tokens.temporaryPassword();
    return vertx.executeBlocking(() -> hasher.hash(temporary), false)
        .compose(hash -> users.setTemporaryPassword(id, hash))
        .map(u -> u.orElseThrow(ApiError::notFound))
        .compose(u -> sessions.deleteForUser(id))
        .onSuccess(v -> ended(EndedSessions.all(id)))
        .map(temporary);
  }

  public Future<User> updateProfile(String id, String name, String locale, String timeZone) {
    List<Bson> updates = new ArrayList<>();
    if (name != null) updates.add(Updates.set("name", TextRules.requireName("name", name).trim()));
    if (locale != null) updates.add(Updates.set("locale", locale));
    if (timeZone != null) updates.add(Updates.set("timeZone", timeZone));
    if (updates.isEmpty()) return users.byId(id).map(u -> u.orElseThrow(ApiError::notFound));
    return users.update(id, Updates.combine(updates)).map(u -> u.orElseThrow(ApiError::notFound));
  }

  /** Creates the first administrator from configuration when the store has none. */
  public Future<Void> ensureAdmin(String email, String password) {
    if (email == null || email.isBlank()) return Future.succeededFuture();
    return users.byEmail(email).compose(existing -> existing.isPresent()
        ? Future.succeededFuture()
        : createUser(email, "Administrateur", null, true, password).mapEmpty());
  }
}
