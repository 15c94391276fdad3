package atelier.files;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Uploads and downloads over real HTTP (the JDK client: multipart bodies are written by hand, as a browser sends them). */
public final class FileClient {
  static final String BOUNDARY = "----atelier-test-boundary-7MA4YWxkTrZu0gW";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final int port;

  public FileClient(int port) {
    this.port = port;
  }

  public record Answer(int status, byte[] body, Map<String, java.util.List<String>> headers) {
    public JsonObject json() {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    }

    String code() {
      return json().getJsonObject("error").getString("code");
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + new String(body, StandardCharsets.UTF_8);
    }
  }

  static byte[] partHead(String name) {
    return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] partTail() {
    return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] multipart(String name, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(partHead(name));
    out.writeBytes(content);
    out.writeBytes(partTail());
    return out.toByteArray();
  }

  private HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Bearer " + token);
  }

  public Answer upload(String space, String token, String name, byte[] content) {
    return send(request("/api/spaces/" + space + "/files", token)
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(name, content))).build());
  }

  /** A body of unknown length (sent chunked), read from a stream as it goes. */
  Answer uploadStream(String space, String token, String name, Supplier<InputStream> content) {
    return send(request("/api/spaces/" + space + "/files", token)
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
            new java.io.ByteArrayInputStream(partHead(name)), content.get(), new java.io.ByteArrayInputStream(partTail())))))).build());
  }

  /**
   * Sends only the head of an upload that declares {@code length} bytes, over a raw socket, and reads
   * the answer: the server must refuse it without waiting for a body that never comes.
   */
  String declareOnly(String space, String token, long length) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      String head = "POST /api/spaces/" + space + "/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: " + length + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      InputStream in = socket.getInputStream();
      for (int n; (n = in.read(buf)) > 0; ) {
        answer.write(buf, 0, n);
        if (answer.toString(StandardCharsets.UTF_8).contains("}}")) break;
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  Answer send(HttpRequest r) {
    try {
      HttpResponse<byte[]> resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(resp.statusCode(), resp.body(), resp.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder builder(String path, String token) {
    return request(path, token);
  }

  Answer get(String path, String token, String... headers) {
    HttpRequest.Builder b = request(path, token).GET();
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return send(b.build());
  }
}
