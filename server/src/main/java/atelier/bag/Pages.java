package atelier.bag;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Reads a long range page after page and hands each to a consumer, each round a fresh, flat chain.
 * A recursion of composed futures ({@code read.compose(p -> each(p).compose(v -> recurse()))}) would
 * nest one future in the other for every page and keep them all — and the pages their lambdas
 * captured — alive until the last: memory would grow with the range (measured: it did).
 */
public final class Pages {
  private Pages() {}

  /**
   * From position {@code after}, reads pages with {@code read(after)}; each non-empty page goes to
   * {@code each}; the next read starts after the position of the page's last item; a page shorter
   * than {@code size} is the last.
   */
  public static <T> Future<Void> forEach(long after, int size, Function<Long, Future<List<T>>> read, ToLongFunction<T> position,
      Function<List<T>, Future<Void>> each) {
    Promise<Void> done = Promise.promise();
    round(after, size, read, position, each, done);
    return done.future();
  }

  private static <T> void round(long after, int size, Function<Long, Future<List<T>>> read, ToLongFunction<T> position,
      Function<List<T>, Future<Void>> each, Promise<Void> done) {
    read.apply(after).compose(page -> {
      if (page.isEmpty()) return Future.succeededFuture(-1L);
      long last = position.applyAsLong(page.get(page.size() - 1));
      boolean more = page.size() >= size;
      return each.apply(page).map(v -> more ? last : -1L);
    }).onComplete(ar -> {
      if (ar.failed()) done.fail(ar.cause());
      else if (ar.result() < 0) done.complete();
      else round(ar.result(), size, read, position, each, done);
    });
  }

  /** Runs {@code step} for each item, one after the other, without nesting futures. */
  public static <T> Future<Void> each(List<T> items, Function<T, Future<Void>> step) {
    Promise<Void> done = Promise.promise();
    next(items, 0, step, done);
    return done.future();
  }

  private static <T> void next(List<T> items, int i, Function<T, Future<Void>> step, Promise<Void> done) {
    if (i >= items.size()) {
      done.complete();
      return;
    }
    step.apply(items.get(i)).onComplete(ar -> {
      if (ar.failed()) done.fail(ar.cause());
      else next(items, i + 1, step, done);
    });
  }
}
