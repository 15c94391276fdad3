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
 * node of the cluster at a time ({@link Singleton}), it looks at every active tactical group and
 * ends those whose mandate is over, or reminds them that it soon will be (14 days and 1 day before
 * the end). Each step is safe to repeat and to race: the end is a compare-and-set on the state and
 * the mandate's end date, and a reminder's message and notifications carry ids made of the space,
 * the end date and the reminder, so two nodes (or a retry) send each once. A node that was down
 * catches up at its first check: everything is judged on today's date, not on ticks it missed.
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

  /** One pass over the active tactical groups; every group is handled even if another fails. */
  public Future<Void> check() {
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
