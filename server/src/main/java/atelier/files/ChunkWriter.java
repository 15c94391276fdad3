package atelier.files;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import org.bson.Document;
import org.bson.types.Binary;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Copies GridFS chunks (in order) to a write stream, cut to the requested byte window, one chunk at a
 * time: the next one is requested only once the stream can take more, so a slow reader holds at most
 * a chunk or two in memory however large the file.
 */
final class ChunkWriter implements Subscriber<Document> {
  private final WriteStream<Buffer> out;
  private final Context context;
  private final int chunkSize;
  private final long from;
  private final long end;
  private final Promise<Void> done = Promise.promise();
  private Subscription subscription;

  private ChunkWriter(WriteStream<Buffer> out, Context context, int chunkSize, long from, long length) {
    this.out = out;
    this.context = context;
    this.chunkSize = chunkSize;
    this.from = from;
    this.end = from + length;
  }

  static Future<Void> copy(Publisher<Document> chunks, WriteStream<Buffer> out, Context context, int chunkSize, long from, long length) {
    ChunkWriter w = new ChunkWriter(out, context, chunkSize, from, length);
    chunks.subscribe(w);
    return w.done.future();
  }

  @Override
  public void onSubscribe(Subscription s) {
    this.subscription = s;
    context.runOnContext(v -> out.exceptionHandler(e -> {
      s.cancel();
      done.tryFail(e);
    }));
    s.request(1);
  }

  @Override
  public void onNext(Document chunk) {
    context.runOnContext(v -> {
      long start = (long) chunk.getInteger("n") * chunkSize;
      byte[] data = chunk.get("data", Binary.class).getData();
      int a = (int) Math.max(0, from - start);
      int b = (int) Math.min(data.length, end - start);
      if (b > a) out.write(Buffer.buffer(data).slice(a, b));
      if (out.writeQueueFull()) out.drainHandler(x -> subscription.request(1));
      else subscription.request(1);
    });
  }

  @Override
  public void onError(Throwable t) {
    context.runOnContext(v -> done.tryFail(t));
  }

  @Override
  public void onComplete() {
    context.runOnContext(v -> done.tryComplete());
  }
}
