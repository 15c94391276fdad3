package atelier.files;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Blobs in MongoDB GridFS (bucket {@code content}: {@code content.files}, {@code content.chunks}),
 * through the official driver's reactive GridFS. An upload writes its chunks first and its
 * {@code content.files} record last, so a failed or killed upload leaves only chunks no record points
 * to (removed here on failure; after a crash they are unreachable, since no file's metadata names
 * them). Reads go straight to the chunk range a byte window needs, so a range request on a large file
 * reads only its chunks.
 */
public final class GridFsBlobStore implements BlobStore {
  static final String BUCKET = "content";
  static final int CHUNK_BYTES = 255 * 1024;

  private final Vertx vertx;
  private final GridFSBucket bucket;
  private final MongoCollection<Document> files;
  private final MongoCollection<Document> chunks;

  public GridFsBlobStore(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.bucket = store.gridFsBucket(BUCKET).withChunkSizeBytes(CHUNK_BYTES);
    this.files = store.collection(BUCKET + ".files");
    this.chunks = store.collection(BUCKET + ".chunks");
  }

  /** The index GridFS reads by (the driver also creates it before its first upload). */
  public Future<Void> createIndexes() {
    return Reactive.one(chunks.createIndex(Indexes.ascending("files_id", "n"), new IndexOptions().unique(true))).mapEmpty();
  }

  @Override
  public Future<String> put(ReadStream<Buffer> content) {
    Context ctx = context();
    ObjectId id = new ObjectId();
    StreamPublisher source = new StreamPublisher(content, ctx);
    return Reactive.list(bucket.uploadFromPublisher(new BsonObjectId(id), id.toHexString(), source,
            new GridFSUploadOptions().chunkSizeBytes(CHUNK_BYTES)))
        .compose(v -> source.failure() == null ? Future.succeededFuture(id.toHexString()) : Future.failedFuture(source.failure()))
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
      int first = (int) (from / chunkSize);
      int last = (int) ((end - 1) / chunkSize);
      return ChunkWriter.copy(chunks.find(Filters.and(Filters.eq("files_id", id), Filters.gte("n", first), Filters.lte("n", last)))
          .sort(Sorts.ascending("n")).batchSize(2), out, ctx, chunkSize, from, end - from);
    });
  }

  @Override
  public Future<Void> delete(String key) {
    ObjectId id = new ObjectId(key);
    // Chunks first: a crash in between leaves a record without content rather than content without a record.
    return Reactive.one(chunks.deleteMany(Filters.eq("files_id", id)))
        .compose(r -> Reactive.one(files.deleteOne(Filters.eq("_id", id)))).mapEmpty();
  }

  private Context context() {
    Context ctx = Vertx.currentContext();
    return ctx != null ? ctx : vertx.getOrCreateContext();
  }
}
