package atelier.files;

import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload on its way to the blob store: counts its bytes, hashes them (SHA-256, for deduplication
 * and the File's {@code sha256}), keeps its first bytes for type sniffing, and fails the stream with
 * {@code too_large} as soon as it passes the limit — whatever the client declared. After that failure
 * the rest of the body is read and dropped (so the client can read the 413) up to another limit's
 * worth; beyond, {@link #overrun} tells the caller to cut the connection.
 */
final class MeasuredStream implements ReadStream<Buffer> {
  static final int HEAD_BYTES = 64 * 1024;

  private final ReadStream<Buffer> source;
  private final long limit;
  private final MessageDigest digest;
  private final Buffer head = Buffer.buffer();
  private long size;
  private long dropped;
  private boolean tooLarge;
  private boolean ended;
  private Handler<Buffer> handler;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> endHandler;
  private Runnable overrun = () -> {};

  MeasuredStream(ReadStream<Buffer> source, long limit) {
    this.source = source;
    this.limit = limit;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    source.handler(this::onData);
    source.endHandler(v -> {
      if (tooLarge || ended) return;
      ended = true;
      if (endHandler != null) endHandler.handle(null);
    });
    source.exceptionHandler(this::fail);
  }

  private void onData(Buffer b) {
    if (tooLarge) {
      dropped += b.length();
      if (dropped > limit) overrun.run();
      return;
    }
    size += b.length();
    if (size > limit) {
      tooLarge = true;
      source.resume();
      if (exceptionHandler != null) exceptionHandler.handle(ApiError.of(ErrorCode.TOO_LARGE, "error.file_too_large", limit));
      return;
    }
    digest.update(b.getBytes());
    if (head.length() < HEAD_BYTES) head.appendBuffer(b, 0, Math.min(b.length(), HEAD_BYTES - head.length()));
    if (handler != null) handler.handle(b);
  }

  /** The request died under the upload (connection closed, reset): fails the stream once. */
  void fail(Throwable cause) {
    if (ended || tooLarge) return;
    ended = true;
    if (exceptionHandler != null) exceptionHandler.handle(cause);
  }

  void onOverrun(Runnable r) {
    this.overrun = r;
  }

  boolean tooLarge() {
    return tooLarge;
  }

  long size() {
    return size;
  }

  String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }

  byte[] head() {
    return head.getBytes();
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
    this.exceptionHandler = h;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> h) {
    this.handler = h;
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    if (!tooLarge) source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (!tooLarge) source.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> h) {
    this.endHandler = h;
    return this;
  }
}
