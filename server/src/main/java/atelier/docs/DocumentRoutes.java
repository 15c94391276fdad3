package atelier.docs;

import atelier.auth.Authenticator;
import atelier.files.FileNames;
import atelier.errors.ApiError;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** REST edge of shared documents (docs/openapi.json; live editing is over the WebSocket). */
final class DocumentRoutes {
  private static final String DOC = "/api/spaces/:id/documents/:doc";
  private final DocumentService docs;

  DocumentRoutes(DocumentService docs) {
    this.docs = docs;
  }

  void mount(Routes routes) {
    routes.post("/api/spaces/:id/documents", "createDocument", ctx -> {
      JsonObject b = Http.body(ctx);
      return docs.create(Authenticator.caller(ctx), ctx.pathParam("id"), b.getString("title"), b.getString("text"),
          b.getString("template")).compose(o -> Http.json(ctx, 201, o.toJson()));
    });
    routes.get("/api/spaces/:id/documents", "listDocuments", ctx -> docs
        .list(Authenticator.caller(ctx), ctx.pathParam("id"), "true".equals(ctx.request().getParam("trashed")))
        .compose(l -> Http.json(ctx, 200, new JsonObject()
            .put("documents", new JsonArray(l.stream().map(SharedDocument::summary).toList())))));
    routes.get(DOC, "getDocument", ctx -> docs
        .get(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("doc"), number(ctx, "rev"))
        .compose(o -> Http.json(ctx, 200, o.toJson())));
    routes.patch(DOC, "renameDocument", ctx -> docs
        .rename(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("doc"), Http.body(ctx).getString("title"))
        .compose(d -> Http.json(ctx, 200, d.summary())));
    routes.delete(DOC, "trashDocument", ctx -> docs
        .trash(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("doc"))
        .compose(v -> Http.noContent(ctx)));
    routes.post(DOC + "/restore", "untrashDocument", ctx -> docs
        .untrash(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("doc"))
        .compose(d -> Http.json(ctx, 200, d.summary())));
    routes.get(DOC + "/history", "documentHistory", ctx -> docs
        .history(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("doc"), number(ctx, "before"))
        .compose(h -> Http.json(ctx, 200, h)));
    routes.post(DOC + "/history/restore", "restoreDocumentVersion", ctx -> {
      Long rev = Http.body(ctx).getLong("rev");
      if (rev == null) throw ApiError.badField("rev", "required");
      return docs.restoreVersion(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("doc"), rev)
          .compose(r -> Http.json(ctx, 200, r));
    });
    routes.get(DOC + "/download", "downloadDocument", this::download);
  }

  /** The Markdown text as a {@code .md} attachment named after the title. */
  private Future<?> download(RoutingContext ctx) {
    return docs.get(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("doc"), number(ctx, "rev"))
        .compose(o -> ctx.response()
            .putHeader("Content-Type", "text/markdown; charset=utf-8")
            .putHeader("Content-Disposition", FileNames.contentDisposition(FileNames.sanitise(o.doc().title() + ".md"), false))
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Cache-Control", "no-store")
            .end(o.text()));
  }

  private static Long number(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null) return null;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiError.badField(name, "invalid");
    }
  }
}
