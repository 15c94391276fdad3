package atelier.lifecycle;

import atelier.app.HttpVerticle;
import atelier.app.Services;
import atelier.http.Routes;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Mandates, dormancy and archives as a feature module: the scheduler that ends mandates and sends
 * reminders (running from the node's start to its stop) and the archive routes.
 */
public final class LifecycleModule implements HttpVerticle.RouteModule {
  private final MandateScheduler scheduler;
  private final atelier.archive.ArchiveRoutes archives;

  public LifecycleModule(Services services) {
    this.archives = new atelier.archive.ArchiveRoutes(services.vertx, new atelier.archive.ArchiveService(services.vertx, services.store,
        services.spaceService, services.spaces, services.archiveParts, services.clock), services.spaceViews);
    this.scheduler = new MandateScheduler(services.spaces, services.spaceService.lifecycle(), services.chat, services.notifications)
        .start(services.vertx, Duration.ofSeconds(services.config.lifecycle().checkSeconds()));
  }

  @Override
  public void mountRaw(io.vertx.ext.web.Router router) {
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
