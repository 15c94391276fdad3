package atelier.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeProcess;
import atelier.support.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A node killed with SIGKILL in the middle of an upload, in a real process on the embedded store. */
@DisplayName("Files across a kill -9")
class FilesCrashTest {
  static Vertx vertx;

  @BeforeAll
  static void init() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  /** Hands out {@code before} bytes, then blocks until released (the upload is cut by the kill meanwhile). */
  static final class StalledStream extends InputStream {
    final AtomicLong sent = new AtomicLong();
    final CountDownLatch release = new CountDownLatch(1);
    final long before;
    final Random random = new Random(7);

    StalledStream(long before) {
      this.before = before;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (sent.get() >= before) {
        try {
          release.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return -1;
      }
      int n = (int) Math.min(len, before - sent.get());
      byte[] chunk = new byte[n];
      random.nextBytes(chunk);
      System.arraycopy(chunk, 0, b, off, n);
      sent.addAndGet(n);
      return n;
    }
  }

  @Test
  @DisplayName("an upload cut by kill -9 leaves no file, and the restarted node takes uploads again")
  void killNineDuringUpload() throws Exception {
    Path data = Files.createTempDirectory("atelier-files-crash");
    int port = NodeProcess.freePort();
    String space;
    String token;
    try (NodeProcess node = NodeProcess.launch(data, port, Map.of()).awaitReady()) {
      Api api = new Api(vertx, port);
      String admin = api.adminToken();
      String org = api.post("/api/organisations", admin, new JsonObject().put("name", "Centre")).json().getString("id");
      String user = api.post("/api/users", admin, new JsonObject().put("email", "depot@cctt.test").put("name", "Dépôt")
          .put("password", "person-secret-1").put("organisation", org)).json().getString("id");
      space = api.post("/api/spaces", admin, new JsonObject().put("kind", "squad").put("name", "Escouade").put("theme", "Bois"))
          .json().getString("id");
      assertEquals(200, api.post("/api/spaces/" + space + "/members", admin, new JsonObject().put("user", user).put("role", "member")).status());
      token = api.token("depot@cctt.test", "person-secret-1");

      StalledStream body = new StalledStream(6L * 1024 * 1024);
      FileClient client = new FileClient(port);
      String target = space;
      String who = token;
      CompletableFuture<Object> upload = CompletableFuture.supplyAsync(() -> {
        try {
          return client.uploadStream(target, who, "coupe.bin", () -> body);
        } catch (RuntimeException e) {
          return e;
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (body.sent.get() < body.before && System.nanoTime() < deadline) Thread.sleep(20);
      assertEquals(body.before, body.sent.get(), "the upload was under way");
      node.kill();
      body.release.countDown();
      upload.get(60, TimeUnit.SECONDS);
    }
    try (NodeProcess node = NodeProcess.launch(data, port, Map.of()).awaitReady()) {
      Api api = new Api(vertx, port);
      String fresh = api.token("depot@cctt.test", "person-secret-1");
      assertTrue(api.get("/api/spaces/" + space + "/files", fresh).array("files").isEmpty(), "no half file is visible");
      byte[] content = new byte[300_000];
      new Random(3).nextBytes(content);
      FileClient client = new FileClient(port);
      FileClient.Answer up = client.upload(space, fresh, "entier.bin", content);
      assertEquals(201, up.status(), up.toString());
      assertEquals(1, api.get("/api/spaces/" + space + "/files", fresh).array("files").size());
      assertArrayEquals(content, client.get("/api/spaces/" + space + "/files/" + up.json().getString("id") + "/content", fresh).body());
    }
  }
}
