package atelier.board;

import atelier.cluster.Singleton;
import atelier.http.Routes;
import atelier.platform.Feature;
import atelier.platform.Platform;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Boards as a feature: its event kinds (none changes access), its REST routes, and the due-date
 * reminder job while the node runs. Boards need no frame type of their own: their changes reach
 * clients as space-log events.
 */
public final class BoardModule implements Feature {
  private final BoardRoutes routes;
  private final Singleton reminders;

  public BoardModule(Vertx vertx, Boards boards) {
    this.routes = new BoardRoutes(boards.boards, boards.cards, boards.tasks);
    this.reminders = boards.startReminders(vertx);
  }

  @Override
  public void register(Platform platform) {
    platform.eventKinds(false, "board.*", "card.*");
  }

  @Override
  public void mount(Routes r) {
    routes.mount(r);
  }

  @Override
  public Future<Void> stop() {
    reminders.cancel();
    return Future.succeededFuture();
  }
}
