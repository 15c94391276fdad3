package atelier.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Adapts the driver's reactive-streams publishers to Vert.x futures completed on the caller's
 * context, so repository code stays a flat Future chain on the event loop.
 */
public final class Reactive {
  private Reactive() {}

  public static <T> Future<List<T>> list(Publisher<T> publisher) {
    Context ctx = Vertx.currentContext();
    Promise<List<T>> promise = Promise.promise();
    publisher.subscribe(new Subscriber<T>() {
      private final List<T> items = new ArrayList<>();

      @Override
      public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(T t) {
        items.add(t);
      }

      @Override
      public void onError(Throwable t) {
        onContext(ctx, () -> promise.tryFail(t));
      }

      @Override
      public void onComplete() {
        onContext(ctx, () -> promise.tryComplete(items));
      }
    });
    return promise.future();
  }

  public static <T> Future<Optional<T>> first(Publisher<T> publisher) {
    return list(publisher).map(items -> items.isEmpty() ? Optional.empty() : Optional.of(items.get(0)));
  }

  public static <T> Future<T> one(Publisher<T> publisher) {
    return list(publisher).map(items -> items.isEmpty() ? null : items.get(0));
  }

  private static void onContext(Context ctx, Runnable r) {
    if (ctx == null) r.run();
    else ctx.runOnContext(v -> r.run());
  }
}
