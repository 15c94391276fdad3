package atelier.files;

import atelier.platform.Feature;
import atelier.platform.Platform;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.ext.web.Router;

/** Files as a feature module: its REST routes, one of which (the upload) streams its body. */
public final class FilesModule implements Feature {
  @Override
  public void register(Platform platform) {
    platform.eventKinds(false, "file.*");
  }

  private final FilesRoutes routes;
  private final OrphanSweep sweep;

  public FilesModule(FilesService files, java.time.Duration orphanAfter) {
    this.routes = new FilesRoutes(files);
    this.sweep = files.startOrphanSweep(orphanAfter);
  }

  @Override
  public io.vertx.core.Future<Void> stop() {
    sweep.stop();
    return io.vertx.core.Future.succeededFuture();
  }

  @Override
  public void mountRaw(Router router) {
    router.post(FilesRoutes.UPLOAD_PATH).handler(Http::streamBody);
  }

  @Override
  public void mount(Routes r) {
    routes.mount(r);
  }
}
