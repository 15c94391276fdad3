package atelier.files;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.tika.Tika;

/**
 * The type of an upload, from its first bytes (magic numbers) and then its name, by Tika's core
 * detector — never from the browser's {@code Content-Type}. Detection runs on a worker thread.
 */
final class TypeSniffer {
  private static final Tika TIKA = new Tika();
  private final Vertx vertx;

  TypeSniffer(Vertx vertx) {
    this.vertx = vertx;
  }

  Future<String> detect(byte[] head, String name) {
    return vertx.executeBlocking(() -> TIKA.detect(head, name), false);
  }
}
