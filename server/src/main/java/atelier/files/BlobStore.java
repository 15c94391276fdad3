package atelier.files;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * Where the bytes of files live, by key. Content is streamed both ways (never whole in memory). The
 * default is MongoDB GridFS ({@link GridFsBlobStore}), so every node of a cluster serves every file;
 * an S3-compatible object store can implement the same three calls (a multipart upload for
 * {@code put}, a ranged GET for {@code read}). A {@code put} that fails leaves nothing readable.
 */
public interface BlobStore {
  /** Stores the whole stream under a new key; fails (and keeps nothing) if the stream fails. */
  Future<String> put(ReadStream<Buffer> content);

  /** Writes bytes {@code [from, from + length)} of a blob to {@code out}, following its back-pressure; does not end it. */
  Future<Void> read(String key, long from, long length, WriteStream<Buffer> out);

  /** Deletes a blob; deleting an absent one is harmless. */
  Future<Void> delete(String key);

  /**
   * Removes what uploads cut by a crash left behind and answers how many it cleaned. (An object store
   * does this with a lifecycle rule that aborts incomplete multipart uploads; it may answer 0.)
   */
  default Future<Integer> reclaimAbandoned() {
    return Future.succeededFuture(0);
  }
}
