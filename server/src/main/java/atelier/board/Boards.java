package atelier.board;

import atelier.chat.MessageRepository;
import atelier.cluster.Singleton;
import atelier.events.EventLog;
import atelier.notify.NotificationService;
import atelier.space.MembershipRepository;
import atelier.space.SpaceRepository;
import atelier.space.SpaceService;
import atelier.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;

/** The boards feature, built once per node: its repositories, services, reminder job and routes. */
public final class Boards {
  private final BoardRepository boardRepository;
  private final CardRepository cardRepository;
  public final BoardService boards;
  public final CardService cards;
  public final DueReminders reminders;
  final MyTasks tasks;

  public Boards(Store store, SpaceService spaces, SpaceRepository spaceRepository, MembershipRepository members,
      MessageRepository messages, EventLog log, NotificationService notifications) {
    BoardClock clock = BoardClock.system();
    this.boardRepository = new BoardRepository(store);
    this.cardRepository = new CardRepository(store);
    this.boards = new BoardService(spaces, boardRepository, log);
    this.cards = new CardService(boards, cardRepository, members, messages, log, new PositionKeys(new SecureRandom()), clock);
    this.reminders = new DueReminders(cardRepository, boardRepository, notifications, clock);
    this.tasks = new MyTasks(cardRepository, boardRepository, members, spaceRepository);
  }

  public Future<Void> createIndexes() {
    return boardRepository.createIndexes().compose(v -> cardRepository.createIndexes());
  }

  /** What boards put in a space's archive (see atelier.bag). */
  public atelier.bag.ArchivePart archivePart() {
    return new BoardsArchivePart(boardRepository, cardRepository);
  }

  Singleton startReminders(Vertx vertx) {
    return reminders.start(vertx);
  }
}
