package atelier.files;

import atelier.support.TempDirs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeProcess;
import atelier.support.TestNode;
import atelier.store.Reactive;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
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

  /**
   * Serves {@code content}, stopping at {@code stopAt} until released: an upload that goes quiet for a
   * while, or (stopping at the end) one cut by a kill while it waits.
   */
  static final class PausingStream extends InputStream {
    final byte[] content;
    final int stopAt;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicLong sent = new AtomicLong();

    PausingStream(byte[] content, int stopAt) {
      this.content = content;
      this.stopAt = stopAt;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int at = (int) sent.get();
      if (at == stopAt && release.getCount() > 0) {
        try {
          release.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (at >= content.length) return -1;
      int limit = at < stopAt ? stopAt : content.length;
      int n = Math.min(len, limit - at);
      System.arraycopy(content, at, b, off, n);
      sent.addAndGet(n);
      return n;
    }
  }

  /** Counts the documents of a collection of the node's embedded store, through the wire protocol. */
  static long count(int storePort, String collection) {
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + storePort)) {
      return Reactive.one(client.getDatabase("atelier").getCollection(collection).countDocuments()).await();
    }
  }

  static void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
      Thread.sleep(100);
    }
  }

  @Test
  @DisplayName("an upload cut by kill -9 leaves no file, its chunks are reclaimed after a restart, and an upload that goes quiet meanwhile is spared")
  void killNineDuringUpload() throws Exception {
    Path data = TempDirs.create("atelier-files-crash");
    int port = NodeProcess.freePort();
    int storePort = NodeProcess.freePort();
    // An upload counts as abandoned after 6 s without a sign of life (live ones refresh theirs every 1.5 s).
    Map<String, String> env = Map.of("ATELIER_STORE_PORT", Integer.toString(storePort), "ATELIER_FILES_ORPHAN_AFTER_SECONDS", "6");
    String space;
    String token;
    try (NodeProcess node = NodeProcess.launch(data, port, env).awaitReady()) {
      Api api = new Api(vertx, port);
      String admin = api.adminToken();
      String org = api.post("/api/organisations", admin, new JsonObject().put("name", "Centre")).json().getString("id");
      String user = api.post("/api/users", admin, new JsonObject().put("email", "depot@cctt.test").put("name", "Dépôt")
          .put("password", "person-secret-1").put("organisation", org)).json().getString("id");
      space = api.post("/api/spaces", admin, new JsonObject().put("kind", "squad").put("name", "Escouade").put("theme", "Bois"))
          .json().getString("id");
      assertEquals(200, api.post("/api/spaces/" + space + "/members", admin, new JsonObject().put("user", user).put("role", "member")).status());
      token = api.token("depot@cctt.test", "person-secret-1");

      byte[] cut = new byte[6 * 1024 * 1024];
      new Random(7).nextBytes(cut);
      PausingStream body = new PausingStream(cut, cut.length);
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
      while (body.sent.get() < cut.length && System.nanoTime() < deadline) Thread.sleep(20);
      assertEquals(cut.length, body.sent.get(), "the upload was under way");
      waitFor("chunks of the cut upload in the store", () -> count(storePort, "content.chunks") > 0);
      assertEquals(1, count(storePort, "content.uploads"), "the upload under way has its marker");
      node.kill();
      body.release.countDown();
      upload.get(60, TimeUnit.SECONDS);
    }
    try (NodeProcess node = NodeProcess.launch(data, port, env).awaitReady()) {
      Api api = new Api(vertx, port);
      String fresh = api.token("depot@cctt.test", "person-secret-1");
      // An upload that goes quiet for longer than the orphan delay while sweeps run: it must survive whole.
      byte[] slow = new byte[700_000];
      new Random(11).nextBytes(slow);
      PausingStream quiet = new PausingStream(slow, 600_000);
      FileClient slowClient = new FileClient(port);
      CompletableFuture<FileClient.Answer> slowUpload = CompletableFuture.supplyAsync(
          () -> slowClient.uploadStream(space, fresh, "lent.bin", () -> quiet));
      waitFor("the quiet upload stalled", () -> quiet.sent.get() == 600_000);
      waitFor("the chunks of the cut upload reclaimed", () -> count(storePort, "content.uploads") == 1);
      long sweptAt = System.nanoTime();
      // Stay quiet for two more orphan delays (several sweeps) before finishing the upload.
      while (System.nanoTime() - sweptAt < TimeUnit.SECONDS.toNanos(13)) Thread.sleep(200);
      quiet.release.countDown();
      FileClient.Answer slowAnswer = slowUpload.get(90, TimeUnit.SECONDS);
      assertEquals(201, slowAnswer.status(), slowAnswer.toString());
      assertArrayEquals(slow, slowClient.get("/api/spaces/" + space + "/files/" + slowAnswer.json().getString("id") + "/content", fresh).body(),
          "the upload that went quiet is whole");
      assertEquals(0, count(storePort, "content.uploads"), "no marker is left once the uploads ended");
      assertEquals(3, count(storePort, "content.chunks"), "only the chunks of the whole upload remain (700,000 bytes = 3 chunks)");
      assertTrue(api.get("/api/spaces/" + space + "/files", fresh).array("files").size() == 1, "the quiet upload is listed");
      assertEquals(204, api.delete("/api/spaces/" + space + "/files/" + slowAnswer.json().getString("id"), fresh).status());

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
