package atelier.bag;

import atelier.errors.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A bag spooled to a file, opened and checked whole before anything is restored from it: the ZIP must
 * read (a truncated one does not), hold one bag directory with {@code bagit.txt}, a
 * {@code manifest-sha256.txt} that lists every payload file with its SHA-256 (each recomputed from
 * the entry) and nothing outside {@code data/}, a tag manifest that matches the tag files, and
 * Atelier's format version. Any failure is a {@code bad_request} naming what is wrong.
 */
public final class BagReader implements BagIn, AutoCloseable {
  private final Vertx vertx;
  private final ZipFile zip;
  private final String root;
  private final Map<String, String> info;
  private final TreeSet<String> payload = new TreeSet<>();
  private final List<Path> temporary = new ArrayList<>();

  private BagReader(Vertx vertx, ZipFile zip, String root, Map<String, String> info, Set<String> payload) {
    this.vertx = vertx;
    this.zip = zip;
    this.root = root;
    this.info = info;
    this.payload.addAll(payload);
  }

  /** Opens and verifies the bag in {@code file} off the event loop. */
  public static Future<BagReader> open(Vertx vertx, Path file) {
    return vertx.executeBlocking(() -> {
      ZipFile zip;
      try {
        zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw bad("not_a_zip");
      }
      try {
        return verify(vertx, zip);
      } catch (RuntimeException e) {
        close(zip);
        throw e instanceof ApiError ? e : bad("unreadable");
      }
    });
  }

  private static BagReader verify(Vertx vertx, ZipFile zip) {
    Set<String> names = new HashSet<>();
    String root = null;
    Enumeration<? extends ZipEntry> all = zip.entries();
    while (all.hasMoreElements()) {
      ZipEntry e = all.nextElement();
      if (!names.add(e.getName())) throw bad("duplicate_entry");
      int slash = e.getName().indexOf('/');
      if (slash <= 0) throw bad("no_bag_directory");
      String top = e.getName().substring(0, slash + 1);
      if (root == null) root = top;
      else if (!root.equals(top)) throw bad("several_bags");
    }
    if (root == null) throw bad("empty");
    String bagit = text(zip, root + "bagit.txt");
    if (bagit == null || !bagit.contains("BagIt-Version: 1.0")) throw bad("bagit_txt");
    String manifest = text(zip, root + "manifest-sha256.txt");
    if (manifest == null) throw bad("manifest_missing");
    Set<String> listed = new TreeSet<>();
    for (Map.Entry<String, String> line : manifestLines(manifest).entrySet()) {
      String path = line.getKey();
      if (!path.startsWith("data/") || java.util.Arrays.asList(path.split("/")).contains("..") || path.contains("\\")) {
        throw bad("manifest_path");
      }
      if (!line.getValue().equals(digest(zip, root + path))) throw bad("checksum_mismatch");
      listed.add(path);
    }
    for (String n : names) {
      String rel = n.substring(root.length());
      if (rel.startsWith("data/") && !rel.endsWith("/") && !listed.contains(rel)) throw bad("unlisted_file");
    }
    String tags = text(zip, root + "tagmanifest-sha256.txt");
    if (tags == null) throw bad("tagmanifest_missing");
    for (Map.Entry<String, String> line : manifestLines(tags).entrySet()) {
      if (line.getKey().contains("/") || !line.getValue().equals(digest(zip, root + line.getKey()))) throw bad("tag_checksum_mismatch");
    }
    Map<String, String> info = new LinkedHashMap<>();
    String bagInfo = text(zip, root + "bag-info.txt");
    if (bagInfo == null) throw bad("bag_info_missing");
    for (String l : bagInfo.split("\n")) {
      int colon = l.indexOf(": ");
      if (colon > 0) info.put(l.substring(0, colon), l.substring(colon + 2));
    }
    if (!BagFormat.FORMAT_VERSION.equals(info.get("Atelier-Format-Version"))) throw bad("format_version");
    Set<String> payload = new TreeSet<>();
    for (String p : listed) payload.add(p.substring("data/".length()));
    return new BagReader(vertx, zip, root, info, payload);
  }

  private static Map<String, String> manifestLines(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String l : text.split("\n")) {
      if (l.isBlank()) continue;
      int sep = l.indexOf(' ');
      if (sep != 64 || !l.substring(0, 64).matches("[0-9a-f]{64}")) throw bad("manifest_line");
      String path = l.substring(sep).strip();
      if (path.isEmpty() || out.put(path, l.substring(0, 64)) != null) throw bad("manifest_line");
    }
    return out;
  }

  /** A tag file is a few lines per payload file: anything larger is not a bag of ours. */
  private static final int TAG_FILE_MAX = 64 << 20;

  private static String text(ZipFile zip, String name) {
    ZipEntry e = zip.getEntry(name);
    if (e == null) return null;
    try (InputStream in = zip.getInputStream(e)) {
      byte[] bytes = in.readNBytes(TAG_FILE_MAX + 1);
      if (bytes.length > TAG_FILE_MAX) throw bad("tag_file_too_large");
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException x) {
      throw bad("unreadable");
    }
  }

  private static String digest(ZipFile zip, String name) {
    ZipEntry e = zip.getEntry(name);
    if (e == null) throw bad("missing_file");
    MessageDigest md = BagFormat.sha256();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = zip.getInputStream(e)) {
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
    } catch (IOException x) {
      throw bad("unreadable");
    }
    return BagFormat.hex(md.digest());
  }

  private static ApiError bad(String problem) {
    return ApiError.badField("archive", problem);
  }

  /** The fields of bag-info.txt. */
  public Map<String, String> info() {
    return info;
  }

  @Override
  public List<String> paths(String prefix) {
    return payload.stream().filter(p -> p.startsWith(prefix)).toList();
  }

  @Override
  public boolean has(String path) {
    return payload.contains(path);
  }

  private ZipEntry entry(String path) {
    if (!payload.contains(path)) throw bad("missing_file");
    return zip.getEntry(root + "data/" + path);
  }

  @Override
  public Future<Buffer> read(String path) {
    return vertx.executeBlocking(() -> {
      try (InputStream in = zip.getInputStream(entry(path))) {
        return Buffer.buffer(in.readAllBytes());
      }
    });
  }

  @Override
  public Future<Void> lines(String path, int batch, Function<List<String>, Future<Void>> handler) {
    return vertx.executeBlocking(() -> new BufferedReader(new InputStreamReader(zip.getInputStream(entry(path)), StandardCharsets.UTF_8)))
        .compose(reader -> {
          io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
          nextBatch(reader, batch, handler, done);
          return done.future().eventually(() -> vertx.executeBlocking(() -> {
            reader.close();
            return null;
          }));
        });
  }

  /** One batch after the other, each round a flat chain (see {@link Pages}). */
  private void nextBatch(BufferedReader reader, int batch, Function<List<String>, Future<Void>> handler, io.vertx.core.Promise<Void> done) {
    vertx.executeBlocking(() -> {
      List<String> lines = new ArrayList<>(batch);
      for (String l; lines.size() < batch && (l = reader.readLine()) != null; ) if (!l.isEmpty()) lines.add(l);
      return lines;
    }).compose(lines -> lines.isEmpty() ? Future.succeededFuture(false) : handler.apply(lines).map(true)).onComplete(ar -> {
      if (ar.failed()) done.fail(ar.cause());
      else if (!ar.result()) done.complete();
      else nextBatch(reader, batch, handler, done);
    });
  }

  @Override
  public Future<io.vertx.core.file.AsyncFile> stream(String path) {
    return vertx.executeBlocking(() -> {
      Path tmp = Files.createTempFile("atelier-bag", ".part");
      synchronized (temporary) {
        temporary.add(tmp);
      }
      try (InputStream in = zip.getInputStream(entry(path))) {
        Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return tmp;
    }).compose(tmp -> vertx.fileSystem().open(tmp.toString(), new OpenOptions().setRead(true).setWrite(false)));
  }

  @Override
  public void close() {
    close(zip);
    synchronized (temporary) {
      for (Path p : temporary) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static void close(ZipFile zip) {
    try {
      zip.close();
    } catch (IOException ignored) {
      // nothing was written through it
    }
  }
}
