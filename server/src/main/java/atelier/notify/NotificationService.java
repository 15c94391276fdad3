package atelier.notify;

import atelier.auth.Caller;
import atelier.auth.User;
import atelier.auth.UserRepository;
import atelier.chat.MessageRepository;
import atelier.events.Event;
import atelier.platform.Signals;
import atelier.space.JoinRequest;
import atelier.space.MembershipRepository;
import atelier.space.Role;
import atelier.space.Space;
import atelier.space.SpaceRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes, keeps and delivers notifications. Mentions and replies come from the space's committed
 * {@code message.created} events (on the node that committed them, once); join requests and
 * proposals from the space service. Each new one is pushed to the person's connections as a
 * {@code notification} frame; reading sends {@code notifications.read} to their other devices.
 * Making a notification never holds up what caused it: a failure is logged, not returned.
 */
public final class NotificationService {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
  /** How much of a message a notification carries (the client shows an excerpt). */
  private static final int EXCERPT = 280;

  private final NotificationRepository repository;
  private final SpaceRepository spaces;
  private final MembershipRepository members;
  private final MessageRepository messages;
  private final UserRepository users;
  private final Signals frames;

  public NotificationService(NotificationRepository repository, SpaceRepository spaces, MembershipRepository members,
      MessageRepository messages, UserRepository users, Signals frames) {
    this.repository = repository;
    this.spaces = spaces;
    this.members = members;
    this.messages = messages;
    this.users = users;
    this.frames = frames;
  }

  // ---- making them ----

  /** Listens to committed events: mentions and replies in threads. */
  public void onEvent(Event e) {
    if (!"message.created".equals(e.kind())) return;
    fromMessage(e).onFailure(err -> LOG.warn("notifications of {} seq {} not made", e.space(), e.seq(), err));
  }

  private Future<Void> fromMessage(Event e) {
    JsonObject d = e.data();
    String author = d.getString("author");
    Set<String> mentioned = new LinkedHashSet<>();
    if (d.getJsonArray("mentions") != null) {
      d.getJsonArray("mentions").forEach(m -> {
        if (m instanceof String id && !id.equals(author)) mentioned.add(id);
      });
    }
    String root = d.getString("thread");
    // The message's own time, not the moment this runs: notifications are made concurrently, and
    // the inbox must list them in the order the messages were written.
    Instant at = d.getString("createdAt") == null ? Instant.now() : Instant.parse(d.getString("createdAt"));
    Future<Optional<String>> rootAuthor = root == null ? Future.succeededFuture(Optional.empty())
        : messages.byId(root).map(m -> m.map(x -> x.author()).filter(a -> !a.equals(author) && !mentioned.contains(a)));
    return rootAuthor.compose(replyTo -> {
      if (mentioned.isEmpty() && replyTo.isEmpty()) return Future.<Void>succeededFuture();
      // Only people who may read the space hear of it.
      return members.ofSpace(e.space()).compose(ms -> {
        Set<String> inside = ms.stream().map(m -> m.user()).collect(Collectors.toSet());
        JsonObject data = new JsonObject().put("channel", d.getString("channel")).put("message", d.getString("id"))
            .put("excerpt", excerpt(d.getString("text")));
        if (root != null) data.put("thread", root);
        List<Future<Void>> all = new ArrayList<>();
        for (String user : mentioned) {
          if (inside.contains(user)) all.add(make(user, Notification.MENTION, "mention:" + d.getString("id") + ":" + user, e.space(), author, data, at));
        }
        replyTo.filter(inside::contains).ifPresent(user ->
            all.add(make(user, Notification.REPLY, "reply:" + d.getString("id") + ":" + user, e.space(), author, data, at)));
        return Future.all(all).mapEmpty();
      });
    });
  }

  /** Someone asked to join: the space's coordinators decide, so they hear of it. */
  public void joinRequested(JoinRequest r) {
    members.ofSpace(r.space())
        .compose(ms -> Future.all(ms.stream().filter(m -> m.role() == Role.COORDINATOR)
            .map(m -> make(m.user(), Notification.JOIN_REQUEST, "join:" + r.id() + ":" + m.user(), r.space(), r.user(),
                new JsonObject().put("request", r.id()).put("excerpt", excerpt(r.message())), Instant.now()))
            .toList()))
        .onFailure(err -> LOG.warn("join request {} not notified", r.id(), err));
  }

  /**
   * A join request was decided: what asked the coordinators to decide is read for all of them (any
   * one of them deciding settles it), on every device.
   */
  public void joinDecided(JoinRequest r) {
    repository.unreadWithPrefix("join:" + r.id() + ":")
        .compose(found -> Future.all(found.stream().map(n -> markReadFor(n.user(), List.of(n.id()))).toList()))
        .onFailure(err -> LOG.warn("join request {} notifications not settled", r.id(), err));
  }

  /** A tactical group was proposed: administrators examine it. */
  public void proposed(Space s) {
    users.admins()
        .compose(admins -> Future.all(admins.stream().filter(a -> !a.id().equals(s.createdBy()))
            .map(a -> make(a.id(), Notification.PROPOSAL, "proposal:" + s.id() + ":" + a.id(), s.id(), s.createdBy(),
                new JsonObject().put("excerpt", s.mandate() == null ? "" : excerpt(s.mandate().issue())), Instant.now()))
            .toList()))
        .onFailure(err -> LOG.warn("proposal {} not notified", s.id(), err));
  }

  /**
   * A notice from another feature (boards: a card assigned to {@code user} is due soon). {@code id}
   * makes it idempotent: the same id twice notifies once.
   */
  public Future<Void> notice(String user, String kind, String id, String space, String actor, JsonObject data) {
    return make(user, kind, id, space, actor, data, Instant.now());
  }

  /**
   * A tactical group's mandate ends in {@code days} days: its coordinators hear of it. The id names
   * the space, the end date and the reminder, so each is stored (and pushed) once whoever sends it.
   */
  public Future<Void> mandateEnding(Space s, long days) {
    String key = "mandate:" + s.id() + ":" + s.mandate().end() + ":" + days + ":";
    return members.ofSpace(s.id())
        .compose(ms -> Future.all(ms.stream().filter(m -> m.role() == Role.COORDINATOR)
            .map(m -> make(m.user(), Notification.MANDATE_ENDING, key + m.user(), s.id(), null,
                new JsonObject().put("days", days).put("end", s.mandate().end().toString()), Instant.now()))
            .toList()))
        .mapEmpty();
  }

  private Future<Void> make(String user, String kind, String id, String space, String actor, JsonObject data, Instant at) {
    return Future.all(spaces.byId(space), users.byId(actor)).compose(both -> {
      String spaceName = both.<Optional<Space>>resultAt(0).map(Space::name).orElse(null);
      String actorName = both.<Optional<User>>resultAt(1).map(User::name).orElse(null);
      Notification n = new Notification(id, user, kind, space, spaceName, actor, actorName, at, false, data);
      return repository.insert(n).onSuccess(fresh -> {
        if (fresh) frames.toPerson(user, new JsonObject().put("type", "notification").put("notification", n.toJson()));
      }).mapEmpty();
    });
  }

  private static String excerpt(String text) {
    if (text == null) return "";
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
  }

  // ---- reading them ----

  public record Inbox(List<Notification> notifications, long unread) {}

  public Future<Inbox> inbox(Caller caller, int limit) {
    return Future.all(repository.latest(caller.id(), limit), repository.countUnread(caller.id()))
        .map(both -> new Inbox(both.resultAt(0), both.<Long>resultAt(1)));
  }

  /** Marks some (null: all) read; the person's other devices hear the new count. */
  public Future<Long> markRead(Caller caller, List<String> ids) {
    return markReadFor(caller.id(), ids);
  }

  private Future<Long> markReadFor(String user, List<String> ids) {
    return repository.markRead(user, ids).compose(v -> repository.countUnread(user))
        .onSuccess(unread -> frames.toPerson(user, new JsonObject().put("type", "notifications.read")
            .put("ids", ids == null ? null : new io.vertx.core.json.JsonArray(ids)).put("unread", unread)));
  }
}
