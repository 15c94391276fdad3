package atelier.bag;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * The open entry of a {@link BagOut} as a write stream, for content that comes as a stream (a file's
 * bytes from the blob store): full while a chunk is being compressed and sent, so its producer waits.
 */
public final class BagEntryStream implements WriteStream<Buffer> {
  private final BagOut out;
  private Future<Void> tail = Future.succeededFuture();
  private Handler<Void> drain;
  private Handler<Throwable> error;

  public BagEntryStream(BagOut out) {
    this.out = out;
  }

  @Override
  public Future<Void> write(Buffer data) {
    Future<Void> next = tail.compose(v -> out.append(data));
    tail = next;
    next.onComplete(ar -> {
      if (ar.failed()) {
        if (error != null) error.handle(ar.cause());
      } else if (tail == next && drain != null) {
        Handler<Void> h = drain;
        drain = null;
        h.handle(null);
      }
    });
    return next;
  }

  /** Completes when everything written so far is in the bag. */
  public Future<Void> flushed() {
    return tail;
  }

  @Override
  public Future<Void> end() {
    return tail;
  }

  @Override
  public boolean writeQueueFull() {
    return !tail.isComplete();
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    this.drain = handler;
    return this;
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.error = handler;
    return this;
  }
}
