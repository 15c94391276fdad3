package atelier.files;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Blobs in MongoDB GridFS: the GridFS specification's layout (bucket {@code content}:
 * {@code content.files} records, {@code content.chunks} of 255 KiB), written and read through the
 * official reactive driver, so any GridFS tool (the driver's {@code GridFSBucket}, mongofiles) reads
 * them and every node of a cluster serves them. Chunks are written one at a time ({@link ChunkUploader})
 * rather than by the driver's {@code uploadFromPublisher}, which keeps up to 256 chunks in flight; the
 * {@code content.files} record comes last, so a failed or killed upload leaves only chunks that no
 * record points to (removed here on failure). Reads go straight to the chunks a byte window needs,
 * one at a time ({@link ChunkWriter}).
 */
public final class GridFsBlobStore implements BlobStore {
  static final String BUCKET = "content";
  static final int CHUNK_BYTES = 255 * 1024;

  private final Vertx vertx;
  private final MongoCollection<Document> files;
  private final MongoCollection<Document> chunks;

  public GridFsBlobStore(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.files = store.collection(BUCKET + ".files");
    this.chunks = store.collection(BUCKET + ".chunks");
  }

  /** The index GridFS reads by (the one the GridFS specification requires). */
  public Future<Void> createIndexes() {
    return Reactive.one(chunks.createIndex(Indexes.ascending("files_id", "n"), new IndexOptions().unique(true))).mapEmpty();
  }

  @Override
  public Future<String> put(ReadStream<Buffer> content) {
    ObjectId id = new ObjectId();
    // Chunks first, the record last (as GridFS does): until the record exists the blob is not there.
    return ChunkUploader.write(chunks, id, CHUNK_BYTES, content)
        .compose(length -> Reactive.one(files.insertOne(new Document("_id", id).append("length", length)
            .append("chunkSize", CHUNK_BYTES).append("uploadDate", new Date()).append("filename", id.toHexString()))))
        .map(r -> id.toHexString())
        .recover(e -> delete(id.toHexString()).transform(x -> Future.failedFuture(e)));
  }

  @Override
  public Future<Void> read(String key, long from, long length, WriteStream<Buffer> out) {
    if (length <= 0) return Future.succeededFuture();
    ObjectId id = new ObjectId(key);
    Context ctx = context();
    return Reactive.first(files.find(Filters.eq("_id", id))).compose(f -> {
      if (f.isEmpty()) return Future.failedFuture(new IllegalStateException("blob " + key + " is missing"));
      int chunkSize = f.get().getInteger("chunkSize");
      long end = Math.min(from + length, ((Number) f.get().get("length")).longValue());
      if (end <= from) return Future.succeededFuture();
      return copyWindows(id, chunkSize, from, end, out, ctx);
    });
  }

  /**
   * Reads one chunk per query, by its exact {@code (files_id, n)}: a store may gather a whole answer
   * (and sort it) before its first batch — the embedded one held a 100 MiB range in memory — while an
   * exact lookup of the GridFS index costs one chunk everywhere.
   */
  private Future<Void> copyWindows(ObjectId id, int chunkSize, long from, long end, WriteStream<Buffer> out, Context ctx) {
    if (from >= end) return Future.succeededFuture();
    int n = (int) (from / chunkSize);
    long chunkEnd = Math.min(end, (long) (n + 1) * chunkSize);
    return ChunkWriter.copy(chunks.find(Filters.and(Filters.eq("files_id", id), Filters.eq("n", n))).limit(1), out, ctx, chunkSize,
            from, chunkEnd - from)
        .compose(v -> copyWindows(id, chunkSize, chunkEnd, end, out, ctx));
  }

  @Override
  public Future<Void> delete(String key) {
    ObjectId id = new ObjectId(key);
    // The record first (readers stop finding the blob), then the chunks, one by one: a many-chunk
    // delete makes the embedded store read every chunk into memory at once.
    return Reactive.one(files.deleteOne(Filters.eq("_id", id))).compose(r -> deleteChunks(id, 0));
  }

  /** Chunks are written in order from 0 with no gap, so the first one missing is the end. */
  private Future<Void> deleteChunks(ObjectId id, int n) {
    return Reactive.one(chunks.deleteOne(Filters.and(Filters.eq("files_id", id), Filters.eq("n", n))))
        .compose(r -> r.getDeletedCount() == 0 ? Future.<Void>succeededFuture() : deleteChunks(id, n + 1));
  }

  private Context context() {
    Context ctx = Vertx.currentContext();
    return ctx != null ? ctx : vertx.getOrCreateContext();
  }
}
