package atelier.lifecycle;

import atelier.chat.ChatService;
import atelier.cluster.Singleton;
import atelier.notify.NotificationService;
import atelier.space.MandateCalendar;
import atelier.space.Space;
import atelier.space.SpaceLifecycle;
import atelier.space.SpaceRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the date-driven part of the lifecycle happen: every {@code lifecycle.checkSeconds}, on one
 * node of the cluster at a time ({@link Singleton}), it makes active the approved groups whose
 * mandate starts today or started already, then looks at every active tactical group and ends those
 * whose mandate is over, or reminds them that it soon will be (14 days and 1 day before the end).
 * Each step is safe to repeat and to race: a start or an end is a compare-and-set on the state and
 * the mandate's start or end date (so a mandate moved meanwhile by {@code PATCH} wins over a stale
 * check), and a reminder's message and notifications carry ids made of the space, the end date and
 * the reminder, so two nodes (or a retry) send each once. A node that was down catches up at its
 * first check: everything is judged on today's date, not on ticks it missed — a group whose whole
 * mandate passed meanwhile starts and ends in the same check, each with its event.
 */
public final class MandateScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(MandateScheduler.class);
  /** Days before the end when coordinators and the group are reminded, nearest last. */
  static final List<Integer> REMINDERS = List.of(14, 1);

  private final SpaceRepository spaces;
  private final SpaceLifecycle lifecycle;
  private final ChatService chat;
  private final NotificationService notifications;
  private Singleton job;

  public MandateScheduler(SpaceRepository spaces, SpaceLifecycle lifecycle, ChatService chat, NotificationService notifications) {
    this.spaces = spaces;
    this.lifecycle = lifecycle;
    this.chat = chat;
    this.notifications = notifications;
  }

  public MandateScheduler start(Vertx vertx, Duration period) {
    job = Singleton.every(vertx, "mandates", period, this::check);
    return this;
  }

  public void stop() {
    if (job != null) job.cancel();
  }

  /** One pass: starts first, so that a group started now is judged with the active ones; every group is handled even if another fails. */
  public Future<Void> check() {
    return startDue().compose(v -> endOrRemind());
  }

  private Future<Void> startDue() {
    MandateCalendar calendar = lifecycle.calendar();
    return spaces.awaitingStart().compose(waiting -> Future.join(waiting.stream()
            .filter(s -> s.mandate() != null && !calendar.startsLater(s.mandate()))
            .map(s -> lifecycle.startMandate(s)
                .onSuccess(done -> done.ifPresent(d -> LOG.info("Mandate of {} started; the group is active", s.id())))
                .onFailure(e -> LOG.warn("Mandate start of space {} not handled: {}", s.id(), e.toString())))
            .toList()))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("Mandate starts not all handled: {}", e.toString());
          return Future.succeededFuture(); // the ends and reminders are checked even so
        });
  }

  private Future<Void> endOrRemind() {
    return spaces.activeTactical().compose(active -> Future.join(active.stream()
            .filter(s -> s.mandate() != null)
            .map(s -> handle(s).onFailure(e -> LOG.warn("Mandate of space {} not handled: {}", s.id(), e.toString())))
            .toList()))
        .mapEmpty();
  }

  private Future<Void> handle(Space s) {
    MandateCalendar calendar = lifecycle.calendar();
    if (calendar.ended(s.mandate())) {
      return lifecycle.endMandate(s).onSuccess(done -> done.ifPresent(d -> LOG.info("Mandate of {} ended; the group is dormant", s.id())))
          .mapEmpty();
    }
    long left = calendar.daysLeft(s.mandate());
    // Catching up, only the nearest reminder is sent: a group 1 day from its end is not told "14 days".
    Integer due = null;
    for (int days : REMINDERS) if (left <= days) due = days;
    return due == null ? Future.succeededFuture() : remind(s, due);
  }

  private Future<Void> remind(Space s, int days) {
    String clientId = "mandate-reminder:" + s.mandate().end() + ":" + days;
    return Future.all(chat.notice(s.id(), clientId, ReminderText.of(s.mandate(), lifecycle.calendar().daysLeft(s.mandate()))), notifications.mandateEnding(s, days)).mapEmpty();
  }
}
