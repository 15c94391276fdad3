package atelier.files;

import atelier.store.Reactive;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * Writes a stream as GridFS chunks, one insert at a time: the stream is paused while a chunk is being
 * written and resumed once it is acknowledged, so an upload holds about one chunk in memory. (The
 * driver's {@code uploadFromPublisher} inserts chunks through a {@code flatMap} that requests up to
 * 256 chunks ahead: 64 MiB per upload was seen live in the heap.) Answers the total length once every
 * chunk is stored; after a failure no insert is still in flight.
 */
final class ChunkUploader {
  private final MongoCollection<Document> chunks;
  private final ObjectId id;
  private final int chunkSize;
  private final ReadStream<Buffer> source;
  private final Promise<Long> done = Promise.promise();
  private Buffer pending = Buffer.buffer();
  private long length;
  private int n;
  private boolean writing;
  private boolean ended;
  private Throwable failure;

  private ChunkUploader(MongoCollection<Document> chunks, ObjectId id, int chunkSize, ReadStream<Buffer> source) {
    this.chunks = chunks;
    this.id = id;
    this.chunkSize = chunkSize;
    this.source = source;
  }

  static Future<Long> write(MongoCollection<Document> chunks, ObjectId id, int chunkSize, ReadStream<Buffer> source) {
    ChunkUploader u = new ChunkUploader(chunks, id, chunkSize, source);
    source.handler(u::onData);
    source.endHandler(v -> {
      u.ended = true;
      u.next();
    });
    source.exceptionHandler(e -> {
      if (u.failure == null) u.failure = e;
      u.next();
    });
    source.resume();
    return u.done.future();
  }

  private void onData(Buffer b) {
    if (failure != null) return;
    pending.appendBuffer(b);
    length += b.length();
    if (pending.length() >= chunkSize) {
      source.pause();
      next();
    }
  }

  /** Writes the next full chunk (or the last, short one), or finishes, unless a write is in flight. */
  private void next() {
    if (writing) return;
    if (failure != null) {
      done.tryFail(failure);
      return;
    }
    boolean last = ended && pending.length() > 0;
    if (pending.length() < chunkSize && !last) {
      if (ended) done.tryComplete(length);
      else source.resume();
      return;
    }
    int size = Math.min(chunkSize, pending.length());
    byte[] data = pending.getBytes(0, size);
    pending = pending.getBuffer(size, pending.length());
    writing = true;
    Reactive.one(chunks.insertOne(new Document("files_id", id).append("n", n++).append("data", new Binary(data))))
        .onComplete(ar -> {
          writing = false;
          if (ar.failed() && failure == null) failure = ar.cause();
          next();
        });
  }
}
