package atelier.archive;

import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The body of {@code POST /api/archives} on its way to a temporary file, never past
 * {@code limits.archiveBytes}: a larger declared {@code Content-Length} is refused before a byte is
 * read, and a body that turns out larger (chunked, or lying) is refused once it passes the cap —
 * the bag is then never opened, so nothing is imported. Past the cap the rest is read and dropped
 * so that the client is reading when the 413 comes; a client still sending after twice the cap has
 * its connection cut.
 */
final class BagUpload {
  private final Vertx vertx;
  private final long maxBytes;

  BagUpload(Vertx vertx, long maxBytes) {
    this.vertx = vertx;
    this.maxBytes = maxBytes;
  }

  ApiError tooLarge() {
    return ApiError.of(ErrorCode.TOO_LARGE, "error.archive_too_large", maxBytes);
  }

  /** Fails with {@code too_large} when the declared length is over the cap ({@code bad_request} when it is not a number). */
  Future<Void> declared(HttpServerRequest req) {
    String length = req.getHeader("Content-Length");
    if (length == null) return Future.succeededFuture();
    try {
      return Long.parseLong(length.trim()) > maxBytes ? Future.failedFuture(tooLarge()) : Future.succeededFuture();
    } catch (NumberFormatException e) {
      return Future.failedFuture(ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request"));
    }
  }

  /** Writes the body to {@code tmp}; the file is closed (flushed) before the future completes. */
  Future<Void> spool(HttpServerRequest req, String tmp) {
    return declared(req).compose(v -> vertx.fileSystem().open(tmp, new OpenOptions().setWrite(true).setTruncateExisting(true)))
        .compose(file -> copy(req, file).eventually(file::close));
  }

  /** Reads and drops a body that will not be used (up to the cap), so the answer goes out on a clean connection. */
  Future<Void> drain(HttpServerRequest req) {
    if (req.isEnded()) return Future.succeededFuture();
    return copy(req, null).recover(e -> Future.succeededFuture());
  }

  private Future<Void> copy(HttpServerRequest req, AsyncFile file) {
    Promise<Void> done = Promise.promise();
    long[] seen = {0};
    req.handler(b -> {
      seen[0] += b.length();
      if (seen[0] > maxBytes) {
        if (seen[0] > 2 * maxBytes) req.connection().close();
        return;
      }
      if (file == null) return;
      file.write(b).onFailure(done::tryFail);
      if (file.writeQueueFull()) {
        req.pause();
        file.drainHandler(x -> req.resume());
      }
    });
    req.exceptionHandler(e -> done.tryFail(seen[0] > maxBytes ? tooLarge() : ApiError.of(ErrorCode.BAD_REQUEST, "error.bad_request")));
    req.endHandler(x -> {
      if (seen[0] > maxBytes) done.tryFail(tooLarge());
      else done.tryComplete();
    });
    req.resume();
    return done.future();
  }
}
