package atelier.archive;

import atelier.support.Api;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Downloads, uploads, opens and alters bags for the archive tests. */
final class Bags {
  private Bags() {}

  static Api.Reply download(Api api, String space, String token) {
    return api.get("/api/spaces/" + space + "/archive", token);
  }

  static Api.Reply upload(Api api, byte[] bag, String token, String contentType) {
    HttpResponse<Buffer> r = api.client.post("/api/archives").putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(bag)).await();
    return new Api.Reply(r.statusCode(), r.body(), r.headers());
  }

  /** Every entry of a ZIP, in order, name → bytes. */
  static Map<String, byte[]> entries(byte[] zip) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) out.put(e.getName(), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The same entries zipped again, each passed through {@code change} (name, bytes) → bytes. */
  static byte[] rezip(byte[] zip, BiFunction<String, byte[], byte[]> change) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries(zip).entrySet()) {
        byte[] changed = change.apply(e.getKey(), e.getValue());
        if (changed == null) continue; // dropped
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(changed);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(Map<String, byte[]> entries, String name) {
    return new String(entries.get(name), StandardCharsets.UTF_8);
  }
}
