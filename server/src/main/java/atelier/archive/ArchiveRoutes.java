package atelier.archive;

import atelier.auth.Authenticator;
import atelier.auth.Caller;
import atelier.bag.BagWriter;
import atelier.errors.ApiError;
import atelier.http.Http;
import atelier.http.Routes;
import atelier.space.SpaceViews;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * REST edge of archives: {@code GET /api/spaces/{id}/archive} streams the bag (its failures after the
 * first byte can only cut the connection, which leaves a ZIP no restore accepts),
 * {@code POST /api/archives} spools the uploaded bag to a temporary file (up to {@code limits.archiveBytes},
 * {@link BagUpload}) and restores it, and
 * {@code POST /api/spaces/{id}/purge} leaves a tombstone.
 */
public final class ArchiveRoutes {
  public static final String RESTORE_PATH = "/api/archives";
  private final Vertx vertx;
  private final ArchiveService archives;
  private final SpaceViews views;
  private final BagUpload upload;

  /** {@code maxUploadBytes}: {@code limits.archiveBytes}, the largest bag a restore reads. */
  public ArchiveRoutes(Vertx vertx, ArchiveService archives, SpaceViews views, long maxUploadBytes) {
    this.vertx = vertx;
    this.archives = archives;
    this.views = views;
    this.upload = new BagUpload(vertx, maxUploadBytes);
  }

  /** The restore reads its body as a stream (see {@code Routes#streamed}). */
  public void mountRaw(Router router) {
    router.post(RESTORE_PATH).handler(Http::streamBody);
  }

  public void mount(Routes routes) {
    routes.get("/api/spaces/:id/archive", "exportArchive", this::export);
    routes.streamed(HttpMethod.POST, RESTORE_PATH, "restoreArchive", this::restore);
    routes.post("/api/spaces/:id/purge", "purgeSpace", ctx -> {
      Caller caller = Authenticator.caller(ctx);
      return archives.purge(caller, ctx.pathParam("id"), Http.body(ctx).getString("sha256"))
          .compose(id -> views.one(caller, id)).compose(s -> Http.json(ctx, 200, s));
    });
  }

  private Future<?> export(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    HttpServerResponse res = ctx.response();
    AtomicReference<BagWriter> bag = new AtomicReference<>();
    return archives.mayExport(caller, ctx.pathParam("id")).compose(space -> {
      res.setChunked(true).putHeader("Content-Type", "application/zip")
          .putHeader("Content-Disposition", "attachment; filename=\"atelier-" + space.id() + ".zip\"")
          .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store")
          // Already compressed: the server's gzip would only cost time.
          .putHeader("Content-Encoding", "identity");
      res.closeHandler(v -> {
        if (bag.get() != null && !res.ended()) bag.get().abort();
      });
      return archives.export(caller, space, res, bag::set)
          .compose(written -> res.end())
          .recover(e -> {
            if (!res.headWritten()) return Future.failedFuture(e);
            // The bag is half sent: cutting the connection is the only way left to say so.
            res.reset();
            return Future.succeededFuture();
          });
    });
  }

  private Future<?> restore(RoutingContext ctx) {
    Caller caller = Authenticator.caller(ctx);
    HttpServerRequest req = ctx.request();
    if (!caller.admin()) return upload.drain(req).compose(v -> Future.failedFuture(ApiError.forbidden()));
    String type = req.getHeader("Content-Type");
    String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
    if (!lower.startsWith("application/zip") && !lower.startsWith("application/octet-stream")) {
      return upload.drain(req).compose(v -> Future.failedFuture(ApiError.badField("Content-Type", "application_zip_expected")));
    }
    return vertx.fileSystem().createTempFile("atelier-restore", ".zip").compose(tmp -> upload.spool(req, tmp)
        .compose(v -> archives.restore(caller, Path.of(tmp)))
        .eventually(() -> vertx.fileSystem().delete(tmp).recover(e -> Future.succeededFuture())))
        .compose(id -> views.one(caller, id))
        .compose(space -> Http.json(ctx, 201, new JsonObject().put("space", space)))
        .onFailure(e -> {
          // A body left unread (declared too large) cannot be followed by another request on the connection.
          if (!req.isEnded()) ctx.response().putHeader("Connection", "close");
        });
  }
}
