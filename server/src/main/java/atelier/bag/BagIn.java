package atelier.bag;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.function.Function;

/** A verified bag being restored: its {@code data/} entries, read off the event loop. */
public interface BagIn {
  /** The paths under {@code data/} that start with {@code prefix}, sorted. */
  List<String> paths(String prefix);

  boolean has(String path);

  /** A whole small entry. */
  Future<Buffer> read(String path);

  /** The lines of an entry, {@code batch} at a time, each batch handled before the next is read. */
  Future<Void> lines(String path, int batch, Function<List<String>, Future<Void>> handler);

  /** An entry as a stream (file contents): read from the spooled bag, never whole in memory. */
  Future<io.vertx.core.file.AsyncFile> stream(String path);
}
