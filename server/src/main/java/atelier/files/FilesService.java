package atelier.files;

import atelier.auth.Caller;
import atelier.events.EventLog;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.space.SpaceAccess;
import atelier.space.SpaceService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of files in a space: members and coordinators of an active space upload; everyone who
 * reads the space lists and downloads; the uploader or a coordinator renames and deletes. An upload
 * becomes visible only once whole: its bytes are stored and counted on their blob before its record
 * is inserted, and the record before its {@code file.added} event.
 */
public final class FilesService {
  private static final Logger LOG = LoggerFactory.getLogger(FilesService.class);

  private final SpaceService spaces;
  private final FileRepository files;
  private final BlobRefs refs;
  private final BlobStore blobs;
  private final TypeSniffer sniffer;
  private final Thumbnails thumbnails;
  private final EventLog log;
  private final long maxBytes;
  private final Vertx vertx;

  public FilesService(Vertx vertx, atelier.store.Store store, BlobStore blobs, SpaceService spaces, EventLog log, long maxBytes) {
    this.vertx = vertx;
    this.spaces = spaces;
    this.files = new FileRepository(store);
    this.refs = new BlobRefs(store);
    this.blobs = blobs;
    this.sniffer = new TypeSniffer(vertx);
    this.thumbnails = new Thumbnails(vertx, blobs);
    this.log = log;
    this.maxBytes = maxBytes;
  }

  /** Starts reclaiming, on one node of the cluster at a time, what uploads cut by a crash left in the blob store. */
  public OrphanSweep startOrphanSweep(java.time.Duration orphanAfter) {
    return OrphanSweep.start(vertx, blobs, orphanAfter);
  }

  public Future<Void> createIndexes() {
    return files.createIndexes().compose(v -> blobs instanceof GridFsBlobStore g ? g.createIndexes() : Future.succeededFuture());
  }

  /** What files put in a space's archive and take back from it (see atelier.bag). */
  public atelier.bag.ArchivePart archivePart() {
    return new FilesArchivePart(files, refs, blobs, thumbnails, this::release);
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Checked before the body of an upload is read. */
  public Future<SpaceAccess> mayUpload(Caller caller, String space) {
    return spaces.access(caller, space).map(SpaceAccess::requireWrite);
  }

  /** Stores an upload whose sender {@link #mayUpload} (checked again once the bytes are in). */
  Future<SharedFile> upload(Caller caller, String space, String rawName, MeasuredStream content) {
    String name = FileNames.sanitise(rawName);
    return blobs.put(content).compose(key -> {
      String sha = content.sha256();
      return mayUpload(caller, space)
          .compose(a -> sniffer.detect(content.head(), name))
          .compose(type -> refs.acquire(sha, key, content.size()).compose(kept -> {
            // The same bytes were already stored: keep that copy, drop ours.
            if (!kept.equals(key)) blobs.delete(key).onFailure(e -> LOG.warn("Could not delete duplicate blob {}", key, e));
            return thumbnails.make(kept, type, content.size());
          }).map(thumb -> new SharedFile(new ObjectId().toHexString(), space, name, content.size(), type, sha, caller.id(),
              Instant.now().truncatedTo(ChronoUnit.MILLIS), thumb.orElse(null))))
          .recover(e -> refsUntouched(key, sha).transform(x -> Future.failedFuture(e)));
    }).compose(f -> files.insert(f).map(f))
        .compose(f -> log.append(space, "file.added", caller.id(), new JsonObject().put("file", f.toJson())).map(f));
  }

  /** After a refusal between storing and counting: our copy is dropped unless it became the blob of its hash. */
  private Future<Void> refsUntouched(String key, String sha) {
    return refs.key(sha).compose(k -> k.isPresent() && k.get().equals(key) ? Future.succeededFuture() : blobs.delete(key));
  }

  public Future<List<SharedFile>> list(Caller caller, String space) {
    return spaces.access(caller, space).map(SpaceAccess::requireRead).compose(a -> files.ofSpace(space));
  }

  public Future<SharedFile> get(Caller caller, String space, String id) {
    return spaces.access(caller, space).map(SpaceAccess::requireRead).compose(a -> found(space, id));
  }

  /** For messages: every id is a file of the space. */
  public Future<Void> requireFiles(String space, List<String> ids) {
    if (ids == null || ids.isEmpty()) return Future.succeededFuture();
    List<String> distinct = ids.stream().distinct().toList();
    return files.countIn(space, distinct).compose(n -> n == distinct.size()
        ? Future.<Void>succeededFuture() : Future.failedFuture(ApiError.of(ErrorCode.BAD_REQUEST, "error.message_files")));
  }

  /** Writes bytes of a file's content; the caller was given the file by {@link #get}. */
  public Future<Void> content(SharedFile f, long from, long length, WriteStream<Buffer> out) {
    return refs.key(f.sha256()).compose(k -> blobs.read(k.orElseThrow(ApiError::notFound), from, length, out));
  }

  public Future<Void> thumbnail(SharedFile f, WriteStream<Buffer> out, long length) {
    if (f.thumbnail() == null) return Future.failedFuture(ApiError.notFound());
    return blobs.read(f.thumbnail(), 0, length, out);
  }

  public Future<SharedFile> rename(Caller caller, String space, String id, String rawName) {
    String name = FileNames.sanitise(rawName);
    return changeable(caller, space, id)
        .compose(f -> files.rename(space, id, name)).map(o -> o.orElseThrow(ApiError::notFound))
        .compose(f -> log.append(space, "file.renamed", caller.id(), new JsonObject().put("file", f.toJson())).map(f));
  }

  /** Deletes the record first (then nothing can reach the bytes), then releases the blob. */
  public Future<Void> delete(Caller caller, String space, String id) {
    return changeable(caller, space, id)
        .compose(f -> files.remove(space, id))
        .compose(removed -> {
          if (removed.isEmpty()) return Future.succeededFuture();
          SharedFile f = removed.get();
          return log.append(space, "file.deleted", caller.id(), new JsonObject().put("id", id)).compose(e -> release(f));
        });
  }

  /** Frees what a removed file held: its preview, and its blob once no file uses it. */
  Future<Void> release(SharedFile f) {
    Future<Void> thumb = f.thumbnail() == null ? Future.succeededFuture() : blobs.delete(f.thumbnail());
    return thumb.compose(v -> refs.release(f.sha256()))
        .compose(key -> key.isPresent() ? blobs.delete(key.get()) : Future.succeededFuture());
  }

  private Future<SharedFile> changeable(Caller caller, String space, String id) {
    return spaces.access(caller, space).map(SpaceAccess::requireWrite).compose(a -> found(space, id).map(f -> {
      if (!f.uploadedBy().equals(caller.id()) && !a.coordinates()) throw ApiError.of(ErrorCode.FORBIDDEN, "error.not_uploader");
      return f;
    }));
  }

  private Future<SharedFile> found(String space, String id) {
    return files.find(space, id).map(o -> o.orElseThrow(ApiError::notFound));
  }
}
