package atelier.board;

import atelier.cluster.Singleton;
import atelier.notify.NotificationService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Due-date reminders in the notification inbox: on one node of the cluster at a time
 * ({@link Singleton}), every period, each assignee of a card due today or tomorrow that is not done
 * gets a {@code card.due} notification, once per card and due date (the notification id says which,
 * so a second node or a second run adds nothing; a new due date reminds again).
 */
public final class DueReminders {
  private static final Logger LOG = LoggerFactory.getLogger(DueReminders.class);
  public static final String KIND = "card.due";
  public static final Duration PERIOD = Duration.ofMinutes(15);

  private final CardRepository cards;
  private final BoardRepository boards;
  private final NotificationService notifications;
  private final BoardClock clock;

  DueReminders(CardRepository cards, BoardRepository boards, NotificationService notifications, BoardClock clock) {
    this.cards = cards;
    this.boards = boards;
    this.notifications = notifications;
    this.clock = clock;
  }

  Singleton start(Vertx vertx) {
    return Singleton.every(vertx, "board-due-reminders", PERIOD, this::runOnce);
  }

  /** One pass; answers how many cards were reminded. */
  public Future<Integer> runOnce() {
    LocalDate today = clock.today();
    return cards.dueUnreminded(today.toString(), today.plusDays(1).toString()).compose(due -> {
      List<String> boardIds = due.stream().map(Card::board).distinct().toList();
      return boards.byIds(boardIds).compose(bs -> {
        List<Future<Void>> all = due.stream().map(c -> {
          Board b = bs.stream().filter(x -> x.id().equals(c.board())).findFirst().orElse(null);
          if (b == null || b.doneColumn().map(c.column()::equals).orElse(false)) return cards.markReminded(c.id(), c.due());
          return remind(c, b);
        }).toList();
        return Future.all(all).map(v -> due.size());
      });
    }).onFailure(e -> LOG.warn("due reminders failed", e));
  }

  private Future<Void> remind(Card c, Board b) {
    JsonObject data = new JsonObject().put("board", b.id()).put("boardName", b.name()).put("card", c.id()).put("title", c.title())
        .put("due", c.due());
    return Future.all(c.assignees().stream()
            .map(u -> notifications.notice(u, KIND, "due:" + c.id() + ":" + c.due() + ":" + u, c.space(), c.createdBy(), data)).toList())
        .compose(v -> cards.markReminded(c.id(), c.due()));
  }
}
