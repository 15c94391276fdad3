package atelier.files;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/** A small buffer as a read stream, and a write stream that gathers into one (for thumbnails only, kept small). */
final class BufferStreams {
  private BufferStreams() {}

  static ReadStream<Buffer> reading(Buffer data) {
    return new ReadStream<>() {
      private Handler<Buffer> handler;
      private Handler<Void> end;
      private long demand = Long.MAX_VALUE;
      private boolean sent;

      @Override
      public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
        return this;
      }

      @Override
      public ReadStream<Buffer> handler(Handler<Buffer> h) {
        this.handler = h;
        return this;
      }

      @Override
      public ReadStream<Buffer> pause() {
        demand = 0;
        return this;
      }

      @Override
      public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
      }

      @Override
      public ReadStream<Buffer> fetch(long amount) {
        demand = amount;
        if (!sent && demand > 0 && handler != null) {
          sent = true;
          handler.handle(data);
          if (end != null) end.handle(null);
        }
        return this;
      }

      @Override
      public ReadStream<Buffer> endHandler(Handler<Void> h) {
        this.end = h;
        return this;
      }
    };
  }

  static final class Sink implements WriteStream<Buffer> {
    final Buffer data = Buffer.buffer();

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer b) {
      data.appendBuffer(b);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> h) {
      return this;
    }
  }
}
