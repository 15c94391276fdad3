package atelier.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.files.FileClient;
import atelier.support.Api;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A restore reads at most limits.archiveBytes: a larger bag is refused with too_large and nothing is imported")
class RestoreLimitTest {
  @Test
  @DisplayName("over the cap by its Content-Length or while streamed without one: 413 too_large, no space; a bag under the cap is restored")
  void cap() throws Exception {
    byte[] small;
    byte[] big;
    String bigId;
    try (TestNode source = TestNode.start()) {
      World world = new World(source);
      World.Person coord = world.person("coord");
      String light = dormantGroup(source, world, coord, null);
      byte[] noise = new byte[48 * 1024];
      new Random(16).nextBytes(noise); // incompressible: the bag grows by as much
      bigId = dormantGroup(source, world, coord, noise);
      small = Bags.download(source.api, light, coord.token()).raw().getBytes();
      big = Bags.download(source.api, bigId, coord.token()).raw().getBytes();
    }
    int cap = (small.length + big.length) / 2;
    assertTrue(small.length < cap && cap < big.length && big.length < 2 * cap, small.length + " / " + cap + " / " + big.length);

    try (TestNode target = TestNode.start(Map.of("limits.archiveBytes", Integer.toString(cap)))) {
      String admin = target.api.adminToken();
      Api.Reply declared = Bags.upload(target.api, big, admin, "application/zip");
      assertEquals(413, declared.status(), declared.toString());
      assertEquals("too_large", declared.code());

      Api.Reply streamed = uploadChunked(target, big, admin);
      assertEquals(413, streamed.status(), streamed.toString());
      assertEquals("too_large", streamed.code());

      assertEquals(404, target.api.get("/api/spaces/" + bigId, admin).status(), "nothing was imported");
      assertEquals(0, target.api.get("/api/spaces", admin).array("spaces").size());

      Api.Reply fits = uploadChunked(target, small, admin);
      assertEquals(201, fits.status(), fits.toString());
    }
  }

  /** A tactical group, with one file when {@code content} is given, made dormant so that its bag is final. */
  private static String dormantGroup(TestNode node, World world, World.Person coord, byte[] content) {
    String g = world.activeGroup(coord);
    if (content != null) assertEquals(201, new FileClient(node.port()).upload(g, coord.token(), "mesures.bin", content).status());
    assertEquals(200, node.api.post("/api/spaces/" + g + "/state", coord.token(), new JsonObject().put("state", "dormant")).status());
    return g;
  }

  /** Sends the bag from a file as a stream: chunked, with no Content-Length for the server to judge by. */
  private static Api.Reply uploadChunked(TestNode node, byte[] bag, String token) throws Exception {
    Path file = Files.createTempFile("bag", ".zip");
    try {
      Files.write(file, bag);
      AsyncFile stream = node.vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
      HttpResponse<Buffer> r = node.api.client.post("/api/archives").putHeader("Authorization", "Bearer " + token)
          .putHeader("Content-Type", "application/zip").sendStream(stream).await();
      return new Api.Reply(r.statusCode(), r.body(), r.headers());
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
