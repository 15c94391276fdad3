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
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs in MongoDB GridFS: the GridFS specification's layout (bucket {@code content}:
 * {@code content.files} records, {@code content.chunks} of 255 KiB), written and read through the
 * official reactive driver, so any GridFS tool (the driver's {@code GridFSBucket}, mongofiles) reads
 * them and every node of a cluster serves them. Chunks are written one at a time ({@link ChunkUploader})
 * rather than by the driver's {@code uploadFromPublisher}, which keeps up to 256 chunks in flight; the
 * {@code content.files} record comes last, so a failed or killed upload leaves only chunks that no
 * record points to (removed here on failure, and after a crash by {@link OrphanSweep}). Reads go straight to the chunks a byte window needs,
 * one at a time ({@link ChunkWriter}).
 */
public final class GridFsBlobStore implements BlobStore {
  static final String BUCKET = "content";
  static final int CHUNK_BYTES = 255 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(GridFsBlobStore.class);

  private final Vertx vertx;
  private final MongoCollection<Document> files;
  private final MongoCollection<Document> chunks;
  private final UploadMarkers uploads;
  private final Duration orphanAfter;

  /** {@code orphanAfter}: how long an upload's marker may go untouched before its chunks count as abandoned. */
  public GridFsBlobStore(Vertx vertx, Store store, Duration orphanAfter) {
    this.vertx = vertx;
    this.files = store.collection(BUCKET + ".files");
    this.chunks = store.collection(BUCKET + ".chunks");
    this.uploads = new UploadMarkers(store);
    this.orphanAfter = orphanAfter;
  }

  /** The index GridFS reads by (the one the GridFS specification requires). */
  public Future<Void> createIndexes() {
    return Reactive.one(chunks.createIndex(Indexes.ascending("files_id", "n"), new IndexOptions().unique(true)))
        .compose(v -> uploads.createIndexes());
  }

  @Override
  public Future<String> put(ReadStream<Buffer> content) {
    ObjectId id = new ObjectId();
    // The stream waits while the marker is written: nothing is lost, the client is only held back.
    content.pause();
    // A marker first, touched while the upload lasts (so a crash leaves a marker that goes stale),
    // then the chunks, the record last (as GridFS does): until the record exists the blob is not there.
    return uploads.begin(id).compose(v -> {
      long heartbeat = vertx.setPeriodic(Math.max(250, orphanAfter.toMillis() / 4), t -> uploads.touch(id)
          .onFailure(e -> LOG.warn("Could not refresh the marker of upload {}", id, e)));
      return ChunkUploader.write(chunks, id, CHUNK_BYTES, content)
          .compose(length -> Reactive.one(files.insertOne(new Document("_id", id).append("length", length)
              .append("chunkSize", CHUNK_BYTES).append("uploadDate", new Date()).append("filename", id.toHexString()))))
          .map(r -> id.toHexString())
          .recover(e -> deleteChunks(id, 0).transform(x -> Future.failedFuture(e)))
          .andThen(ar -> vertx.cancelTimer(heartbeat))
          // A marker left behind by a failed removal is harmless: the sweep finds the record and drops it.
          .compose(key -> uploads.end(id).otherwiseEmpty().map(key), e -> uploads.end(id).transform(x -> Future.failedFuture(e)));
    });
  }

  /**
   * Removes the chunks of uploads whose marker went stale (cut by a crash), then the marker. A stale
   * marker whose blob record exists (the crash came between the record and the marker's removal) only
   * loses its marker. A batch per run; the next run takes the rest.
   */
  @Override
  public Future<Integer> reclaimAbandoned() {
    Date before = new Date(System.currentTimeMillis() - orphanAfter.toMillis());
    return uploads.abandoned(before, 100).compose(ids -> reclaim(ids, 0).map(v -> ids.size()));
  }

  private Future<Void> reclaim(java.util.List<ObjectId> ids, int i) {
    if (i >= ids.size()) return Future.succeededFuture();
    ObjectId id = ids.get(i);
    return Reactive.first(files.find(Filters.eq("_id", id)))
        .compose(record -> record.isPresent() ? Future.<Void>succeededFuture() : deleteChunks(id, 0))
        .compose(v -> uploads.end(id))
        .compose(v -> reclaim(ids, i + 1));
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
