package atelier.bag;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a BagIt bag as one ZIP straight into a stream (the HTTP response). Compression runs in
 * {@code executeBlocking} (ordered, so entries stay in sequence); what it produced is written to the
 * stream, and the next chunk waits for the stream to drain when its queue is full — the bag is never
 * whole in memory, whatever its size. The SHA-256 of every payload entry is computed as it is
 * written, since the manifests come after the data in the ZIP; so is the SHA-256 of the whole ZIP,
 * which the archive records. Every entry has the same time and parts write in a fixed order, so the
 * same content gives the same bytes.
 */
public final class BagWriter implements BagOut {
  /** What the deflater produced since it was last taken; also hashes and counts the whole ZIP. */
  private static final class Sink extends OutputStream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final MessageDigest whole = BagFormat.sha256();
    private long bytes;

    @Override
    public void write(int b) {
      pending.write(b);
      whole.update((byte) b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
      whole.update(b, off, len);
      bytes += len;
    }

    Buffer take() {
      Buffer b = Buffer.buffer(pending.toByteArray());
      pending.reset();
      return b;
    }
  }

  /** The bag as sent: the SHA-256 and size of the whole ZIP. */
  public record Written(String sha256, long bytes) {}

  private final Vertx vertx;
  private final WriteStream<Buffer> out;
  private final String root;
  private final Function<Collection<String>, Future<Map<String, String>>> names;
  private final Sink sink = new Sink();
  private final ZipOutputStream zip = new ZipOutputStream(sink);
  private final TreeMap<String, String> manifest = new TreeMap<>();
  private final TreeMap<String, Long> counts = new TreeMap<>();
  private final Set<String> people = new TreeSet<>();
  private String current;
  private volatile boolean aborted;
  private Promise<Void> pendingDrain;
  private MessageDigest entryDigest;
  private long payloadBytes;

  public BagWriter(Vertx vertx, WriteStream<Buffer> out, String root, Function<Collection<String>, Future<Map<String, String>>> names) {
    this.vertx = vertx;
    this.out = out;
    this.root = root;
    this.names = names;
  }

  @Override
  public Future<Void> begin(String path) {
    if (current != null) return Future.failedFuture(new IllegalStateException("entry " + current + " still open"));
    current = "data/" + path;
    entryDigest = BagFormat.sha256();
    String name = root + current;
    return blocking(() -> zip.putNextEntry(entry(name)));
  }

  @Override
  public Future<Void> append(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    payloadBytes += bytes.length;
    entryDigest.update(bytes);
    return blocking(() -> zip.write(bytes));
  }

  @Override
  public Future<Void> end() {
    manifest.put(current, BagFormat.hex(entryDigest.digest()));
    current = null;
    return blocking(zip::closeEntry);
  }

  @Override
  public void count(String key, long n) {
    counts.merge(key, n, Long::sum);
  }

  @Override
  public void people(Collection<String> userIds) {
    for (String u : userIds) if (u != null) people.add(u);
  }

  @Override
  public Future<Map<String, String>> names(Collection<String> userIds) {
    return names.apply(userIds);
  }

  /** The people named so far by the parts, sorted. */
  public Set<String> people() {
    return people;
  }

  /**
   * Ends the bag: bagit.txt, bag-info.txt (the given fields, then the counts and the Payload-Oxum),
   * the payload manifest and the tag manifest, then the ZIP's central directory.
   */
  public Future<Written> finish(Map<String, String> info) {
    StringBuilder bagInfo = new StringBuilder();
    info.forEach((k, v) -> bagInfo.append(k).append(": ").append(oneLine(v)).append('\n'));
    counts.forEach((k, v) -> bagInfo.append("Atelier-").append(k).append(": ").append(v).append('\n'));
    bagInfo.append("Payload-Oxum: ").append(payloadBytes).append('.').append(manifest.size()).append('\n');
    StringBuilder payload = new StringBuilder();
    manifest.forEach((path, sha) -> payload.append(sha).append("  ").append(path).append('\n'));
    TreeMap<String, byte[]> tags = new TreeMap<>();
    tags.put("bagit.txt", BagFormat.utf8(BagFormat.BAGIT_TXT));
    tags.put("bag-info.txt", BagFormat.utf8(bagInfo.toString()));
    tags.put("manifest-sha256.txt", BagFormat.utf8(payload.toString()));
    StringBuilder tagManifest = new StringBuilder();
    tags.forEach((path, bytes) -> tagManifest.append(BagFormat.hex(BagFormat.sha256().digest(bytes))).append("  ").append(path).append('\n'));
    tags.put("tagmanifest-sha256.txt", BagFormat.utf8(tagManifest.toString()));
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, byte[]> t : tags.entrySet()) {
      chain = chain.compose(v -> blocking(() -> {
        zip.putNextEntry(entry(root + t.getKey()));
        zip.write(t.getValue());
        zip.closeEntry();
      }));
    }
    return chain.compose(v -> blocking(zip::finish))
        .map(v -> new Written(BagFormat.hex(sink.whole.digest()), sink.bytes));
  }

  private static String oneLine(String v) {
    return v == null ? "" : v.replaceAll("[\\r\\n]+", " ").strip();
  }

  private static ZipEntry entry(String name) {
    ZipEntry e = new ZipEntry(name);
    e.setTimeLocal(BagFormat.ENTRY_TIME);
    return e;
  }

  private interface ZipStep {
    void run() throws IOException;
  }

  /** Runs a step of the ZIP off the event loop, then sends what it produced, waiting for the stream to drain. */
  private Future<Void> blocking(ZipStep step) {
    return vertx.executeBlocking(() -> {
      step.run();
      return sink.take();
    }).compose(this::send);
  }

  private Future<Void> send(Buffer produced) {
    if (aborted) return Future.failedFuture(new IllegalStateException("the bag's reader went away"));
    if (produced.length() == 0) return Future.succeededFuture();
    out.write(produced);
    if (!out.writeQueueFull()) return Future.succeededFuture();
    Promise<Void> drained = Promise.promise();
    pendingDrain = drained;
    out.drainHandler(v -> drained.tryComplete());
    if (!out.writeQueueFull()) drained.tryComplete();
    return drained.future();
  }

  /** The reader went away (the connection closed): the export stops at its next step. */
  public void abort() {
    aborted = true;
    Promise<Void> p = pendingDrain;
    if (p != null) p.tryFail("the bag's reader went away");
  }
}
