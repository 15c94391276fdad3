package atelier.bag;

import io.vertx.core.Future;

/**
 * What one feature puts in a space's archive (a BagIt bag) and takes back from it. Each feature
 * (chat, files, the event log, documents, boards…) implements it in its own package and registers it
 * with the archive service; the archive service knows no feature's data. Paths are relative to the
 * bag's {@code data/} directory; a part writes them in a fixed order so that the same content gives
 * the same bytes.
 */
public interface ArchivePart {
  /** A short name (for logs and errors): {@code chat}, {@code files}, {@code events}… */
  String name();

  /** Writes this part's entries for {@code space}, one after the other, through {@code out}. */
  Future<Void> export(String space, BagOut out);

  /**
   * Looks at this part's entries of a bag whose manifests were verified, before anything is
   * written: fails with a {@code bad_request} ApiError if they do not make sense. Default: nothing to check.
   */
  default Future<Void> check(String space, BagIn in) {
    return Future.succeededFuture();
  }

  /** Stores this part's entries of a verified bag for {@code space}, keeping every id. */
  Future<Void> restore(String space, BagIn in);

  /** Deletes this part's data of a space (a purge after archiving, or an import that failed half-way). */
  Future<Void> purge(String space);

  /** When to restore, lowest first: people before what they wrote. */
  default int restoreOrder() {
    return 100;
  }
}
