package atelier.files;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A Vert.x read stream as a reactive-streams publisher for the MongoDB driver, with back-pressure:
 * the stream is paused and only fetches what the driver requested, so an upload never piles up in
 * memory faster than the store takes it. Signals from the driver's threads are moved to the
 * stream's context. One subscriber only.
 *
 * <p>A failing stream is <em>completed</em>, not failed, towards the driver, with the failure kept in
 * {@link #failure()}: a failed GridFS upload may still have a chunk insert in flight when it gives up,
 * which would land after any clean-up; a completed one has written everything, which can then be
 * deleted for certain.
 */
final class StreamPublisher implements Publisher<ByteBuffer> {
  private final ReadStream<Buffer> stream;
  private final Context context;
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile Throwable failure;

  StreamPublisher(ReadStream<Buffer> stream, Context context) {
    this.stream = stream;
    this.context = context;
  }

  /** Why the stream failed, if it did (the driver was told it completed). */
  Throwable failure() {
    return failure;
  }

  @Override
  public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Subscription() {
        public void request(long n) {}

        public void cancel() {}
      });
      subscriber.onError(new IllegalStateException("one subscriber only"));
      return;
    }
    AtomicBoolean done = new AtomicBoolean();
    context.runOnContext(v -> {
      stream.pause();
      stream.handler(b -> {
        if (!done.get()) subscriber.onNext(ByteBuffer.wrap(b.getBytes()));
      });
      stream.endHandler(e -> {
        if (done.compareAndSet(false, true)) subscriber.onComplete();
      });
      stream.exceptionHandler(e -> {
        if (done.compareAndSet(false, true)) {
          failure = e;
          subscriber.onComplete();
        }
      });
      subscriber.onSubscribe(new Subscription() {
        @Override
        public void request(long n) {
          context.runOnContext(x -> {
            if (!done.get()) stream.fetch(n);
          });
        }

        @Override
        public void cancel() {
          done.set(true);
        }
      });
    });
  }
}
