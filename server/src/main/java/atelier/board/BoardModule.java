package atelier.board;

import atelier.app.HttpVerticle;
import atelier.cluster.Singleton;
import atelier.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Boards as a feature module: REST routes, and the due-date reminder job while the node runs. */
public final class BoardModule implements HttpVerticle.RouteModule {
  private final BoardRoutes routes;
  private final Singleton reminders;

  public BoardModule(Vertx vertx, Boards boards) {
    this.routes = new BoardRoutes(boards.boards, boards.cards, boards.tasks);
    this.reminders = boards.startReminders(vertx);
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
