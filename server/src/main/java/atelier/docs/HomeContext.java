package atelier.docs;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * The one context on which a node keeps its documents' live state (heads, joined sockets), so that
 * state needs no lock; callers get their answer back on their own context.
 */
final class HomeContext {
  private final Context home;

  HomeContext(Vertx vertx) {
    this.home = vertx.getOrCreateContext();
  }

  Context context() {
    return home;
  }

  <T> Future<T> run(Supplier<Future<T>> work) {
    Context caller = Vertx.currentContext();
    if (caller == home) return guarded(work);
    Promise<T> promise = Promise.promise();
    home.runOnContext(v -> guarded(work).onComplete(ar -> {
      if (caller == null) promise.handle(ar);
      else caller.runOnContext(x -> promise.handle(ar));
    }));
    return promise.future();
  }

  private static <T> Future<T> guarded(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
