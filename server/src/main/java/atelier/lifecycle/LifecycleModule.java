package atelier.lifecycle;

import atelier.archive.ArchiveRoutes;
import atelier.archive.ArchiveService;
import atelier.http.Routes;
import atelier.platform.Feature;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Duration;

/**
 * Mandates, dormancy and archives as a feature: the scheduler that ends mandates and sends
 * reminders (running from the node's start to its stop) and the archive routes.
 */
public final class LifecycleModule implements Feature {
  private final MandateScheduler scheduler;
  private final ArchiveRoutes archives;

  public LifecycleModule(io.vertx.core.Vertx vertx, MandateScheduler scheduler, Duration checkEvery, ArchiveService archives,
      atelier.space.SpaceViews views, long maxArchiveBytes) {
    this.scheduler = scheduler.start(vertx, checkEvery);
    this.archives = new ArchiveRoutes(vertx, archives, views, maxArchiveBytes);
  }

  @Override
  public void mountRaw(Router router) {
    archives.mountRaw(router);
  }

  @Override
  public void mount(Routes routes) {
    archives.mount(routes);
  }

  @Override
  public Future<Void> stop() {
    scheduler.stop();
    return Future.succeededFuture();
  }
}
