package atelier.files;

import atelier.auth.Authenticator;
import atelier.auth.Caller;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * REST edge of files. An upload is a streamed {@code multipart/form-data} body (part {@code file}):
 * refused from its {@code Content-Length} before anything is read when that is already too large,
 * else measured while it streams into the blob store. Downloads stream the bytes with range
 * support, as attachments (raster images inline), with a sandboxing CSP and no sniffing.
 */
public final class FilesRoutes {
  static final String UPLOAD_PATH = "/api/spaces/:id/files";
  /** Room for the multipart framing (boundaries, part headers) around the file in a declared length. */
  static final long MULTIPART_SLACK = 64 * 1024;
  /** Whatever a file holds, a browser that opens it runs nothing and loads nothing. */
  static final String FILE_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
  private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/avif");

  private final FilesService files;

  public FilesRoutes(FilesService files) {
    this.files = files;
  }

  public void mount(Routes routes) {
    routes.streamed(HttpMethod.POST, UPLOAD_PATH, "uploadFile", this::upload);
    routes.get("/api/spaces/:id/files", "listFiles", ctx -> files.list(Authenticator.caller(ctx), ctx.pathParam("id"))
        .compose(list -> Http.json(ctx, 200, new JsonObject().put("files", new JsonArray(list.stream().map(SharedFile::toJson).toList())))));
    routes.get("/api/spaces/:id/files/:file", "getFile", ctx -> files.get(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("file"))
        .compose(f -> Http.json(ctx, 200, f.toJson())));
    routes.patch("/api/spaces/:id/files/:file", "renameFile", ctx -> files
        .rename(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("file"), Http.body(ctx).getString("name"))
        .compose(f -> Http.json(ctx, 200, f.toJson())));
    routes.delete("/api/spaces/:id/files/:file", "deleteFile", ctx -> files
        .delete(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("file"))
        .compose(v -> Http.noContent(ctx)));
    routes.get("/api/spaces/:id/files/:file/content", "downloadFile", this::download);
    routes.get("/api/spaces/:id/files/:file/thumbnail", "fileThumbnail", this::thumbnail);
  }

  // ---- upload ----

  private Future<?> upload(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    Caller caller = Authenticator.caller(ctx);
    String space = ctx.pathParam("id");
    Promise<Void> ended = Promise.promise();
    return declaredSize(req)
        .compose(v -> files.mayUpload(caller, space))
        .compose(a -> filePart(req, ended))
        .compose(part -> {
          MeasuredStream content = new MeasuredStream(part, files.maxBytes());
          content.onOverrun(() -> req.connection().close());
          req.exceptionHandler(content::fail);
          return files.upload(caller, space, part.filename(), content)
              // Too large while streaming: the rest of the body is read and dropped, then the 413 is
              // sent, so that the client is reading when it comes.
              .recover(e -> content.tooLarge() && !req.isEnded() ? ended.future().transform(x -> Future.failedFuture(e))
                  : Future.failedFuture(e));
        })
        .compose(f -> Http.json(ctx, 201, f.toJson()))
        .onFailure(e -> {
          // A body left unread cannot be followed by another request on the same connection.
          if (!req.isEnded()) ctx.response().putHeader("Connection", "close");
        });
  }

  private Future<Void> declaredSize(HttpServerRequest req) {
    String type = req.getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      return Future.failedFuture(ApiError.of(ErrorCode.BAD_REQUEST, "error.file_part"));
    }
    String length = req.getHeader("Content-Length");
    try {
      if (length != null && Long.parseLong(length.trim()) > files.maxBytes() + MULTIPART_SLACK) {
        return Future.failedFuture(ApiError.of(ErrorCode.TOO_LARGE, "error.file_too_large", files.maxBytes()));
      }
    } catch (NumberFormatException e) {
      return Future.failedFuture(ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request"));
    }
    return Future.succeededFuture();
  }

  /** Starts reading the body (answering {@code 100-continue}) up to the first part named {@code file}. */
  private static Future<HttpServerFileUpload> filePart(HttpServerRequest req, Promise<Void> ended) {
    Promise<HttpServerFileUpload> part = Promise.promise();
    req.setExpectMultipart(true);
    req.uploadHandler(up -> {
      if ("file".equals(up.name()) && !part.future().isComplete()) {
        up.pause();
        part.complete(up);
      } else {
        up.handler(b -> {});
      }
    });
    req.endHandler(v -> {
      part.tryFail(ApiError.of(ErrorCode.BAD_REQUEST, "error.file_part"));
      ended.tryComplete();
    });
    req.exceptionHandler(part::tryFail);
    if ("100-continue".equalsIgnoreCase(req.getHeader("Expect"))) req.response().writeContinue();
    req.resume();
    return part.future();
  }

  // ---- download ----

  private Future<?> download(RoutingContext ctx) {
    return files.get(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("file")).compose(f -> {
      HttpServerResponse res = ctx.response();
      String etag = "\"" + f.sha256() + "\"";
      fileHeaders(res, f.type()).putHeader("Accept-Ranges", "bytes").putHeader("ETag", etag)
          .putHeader("Content-Disposition", FileNames.contentDisposition(f.name(), INLINE.contains(f.type())));
      if (etag.equals(ctx.request().getHeader("If-None-Match"))) return res.setStatusCode(304).end();
      String ifRange = ctx.request().getHeader("If-Range");
      Optional<ByteRange> range;
      try {
        range = ifRange == null || ifRange.equals(etag) ? ByteRange.parse(ctx.request().getHeader("Range"), f.size()) : Optional.empty();
      } catch (ByteRange.Unsatisfiable e) {
        return res.setStatusCode(416).putHeader("Content-Range", "bytes */" + f.size()).end();
      }
      long from = range.map(ByteRange::from).orElse(0L);
      long length = range.map(ByteRange::length).orElse(f.size());
      res.setStatusCode(range.isPresent() ? 206 : 200).putHeader("Content-Length", Long.toString(length));
      range.ifPresent(r -> res.putHeader("Content-Range", r.contentRange(f.size())));
      return files.content(f, from, length, res).compose(v -> res.end());
    });
  }

  private Future<?> thumbnail(RoutingContext ctx) {
    return files.get(Authenticator.caller(ctx), ctx.pathParam("id"), ctx.pathParam("file")).compose(f -> {
      if (f.thumbnail() == null) throw ApiError.notFound();
      HttpServerResponse res = fileHeaders(ctx.response(), "image/png").setChunked(true)
          .putHeader("Content-Disposition", FileNames.contentDisposition(f.name() + ".png", true));
      return files.thumbnail(f, res, Long.MAX_VALUE).compose(v -> res.end());
    });
  }

  private static HttpServerResponse fileHeaders(HttpServerResponse res, String type) {
    res.headers().set("Content-Type", type).set("Content-Security-Policy", FILE_CSP).set("X-Content-Type-Options", "nosniff")
        .set("Cross-Origin-Resource-Policy", "same-origin").set("Cache-Control", "private, no-cache");
    return res;
  }
}
