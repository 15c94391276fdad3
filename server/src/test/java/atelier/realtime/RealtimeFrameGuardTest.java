package atelier.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atelier.support.Api;
import atelier.support.NodeTest;
import atelier.support.TestNode;
import atelier.support.World;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Frames no browser sends, on a raw socket: the node refuses each with the documented answer (an
 * error frame, or a close code) and stays responsive. Default limits: frames up to 64 KiB are read,
 * up to 256 KiB answered {@code too_large}, beyond closed with 1009.
 */
@DisplayName("WebSocket frame guard: sizes, compression, UTF-8")
@NodeTest
class RealtimeFrameGuardTest {
  static TestNode node;
  static World world;
  static final int LIMIT = 65_536;

  private static String token() {
    return world.person("raw").token();
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  private static void stillAnswers(RawWebSocket ws) throws Exception {
    ws.sendText("{\"type\":\"ping\",\"ref\":\"p\"}");
    String reply = ws.nextText();
    assertEquals("pong", new JsonObject(reply).getString("type"), reply);
  }

  @Test
  @DisplayName("a single frame above 4× limits.frameBytes is closed with 1009")
  void hugeFrameCloses1009() throws Exception {
    try (RawWebSocket ws = RawWebSocket.connect(node.port(), token(), null)) {
      ws.send(RawWebSocket.TEXT, true, false, bytes(4 * LIMIT + 1));
      assertEquals(1009, ws.awaitClose());
    }
  }

  @Test
  @DisplayName("a message in small fragments adding up above 4× the limit is closed with 1009 too")
  void hugeFragmentedMessageCloses1009() throws Exception {
    try (RawWebSocket ws = RawWebSocket.connect(node.port(), token(), null)) {
      ws.send(RawWebSocket.TEXT, false, false, bytes(LIMIT));
      for (int i = 0; i < 4; i++) ws.send(RawWebSocket.CONTINUATION, false, false, bytes(LIMIT));
      ws.send(RawWebSocket.CONTINUATION, true, false, bytes(10));
      assertEquals(1009, ws.awaitClose());
    }
  }

  @Test
  @DisplayName("a fragmented message above the limit (below 4×) gets too_large and the connection stays open")
  void fragmentedOverLimitTooLarge() throws Exception {
    try (RawWebSocket ws = RawWebSocket.connect(node.port(), token(), null)) {
      ws.send(RawWebSocket.TEXT, false, false, "{\"type\":\"ping\",\"x\":\"".getBytes(StandardCharsets.UTF_8));
      ws.send(RawWebSocket.CONTINUATION, false, false, bytes(LIMIT));
      ws.send(RawWebSocket.CONTINUATION, true, false, "\"}".getBytes(StandardCharsets.UTF_8));
      JsonObject error = new JsonObject(ws.nextText());
      assertEquals("too_large", error.getString("code"), error.encode());
      stillAnswers(ws);
      // A fragmented message within the limit is read whole.
      ws.send(RawWebSocket.TEXT, false, false, "{\"type\":".getBytes(StandardCharsets.UTF_8));
      ws.send(RawWebSocket.CONTINUATION, true, false, "\"ping\"}".getBytes(StandardCharsets.UTF_8));
      assertEquals("pong", new JsonObject(ws.nextText()).getString("type"));
    }
  }

  @Test
  @DisplayName("a text frame that is not UTF-8 is closed with 1007")
  void invalidUtf8Closes1007() throws Exception {
    try (RawWebSocket ws = RawWebSocket.connect(node.port(), token(), null)) {
      stillAnswers(ws);
      ws.send(RawWebSocket.TEXT, true, false, new byte[] {'{', '"', 't', (byte) 0xC3, (byte) 0x28, '"', '}'});
      assertEquals(1007, ws.awaitClose());
    }
  }

  @Test
  @DisplayName("permessage-deflate is never negotiated, and a compressed bomb is refused (1002) while /health stays quick")
  void noDecompressionBomb() throws Exception {
    // 64 MiB of zeros deflated: about 64 KiB on the wire, within the frame limit.
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(new byte[64 << 20]);
    deflater.finish();
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (!deflater.finished()) bomb.write(buf, 0, deflater.deflate(buf));
    assertTrue(bomb.size() < LIMIT, "the bomb fits in one frame: " + bomb.size());

    String token = token();
    List<RawWebSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        RawWebSocket ws = RawWebSocket.connect(node.port(), token, "permessage-deflate; client_max_window_bits");
        assertFalse(ws.handshake.toLowerCase().contains("sec-websocket-extensions"), ws.handshake);
        sockets.add(ws);
      }
      for (RawWebSocket ws : sockets) ws.send(RawWebSocket.TEXT, true, true, bomb.toByteArray());
      // /health must answer while the bombs are refused: a short client timeout, no retry.
      WebClient quick = WebClient.create(node.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(node.port()));
      CompletableFuture<Integer> health = quick.get("/health").timeout(5_000).send()
          .map(r -> r.statusCode()).toCompletionStage().toCompletableFuture();
      for (RawWebSocket ws : sockets) assertEquals(1002, ws.awaitClose());
      assertEquals(200, health.get(10, TimeUnit.SECONDS));
      quick.close();
    } finally {
      sockets.forEach(RawWebSocket::close);
    }
    // The node still serves sockets.
    try (RawWebSocket ws = RawWebSocket.connect(node.port(), token, null)) {
      stillAnswers(ws);
    }
    Api.Reply h = node.api.get("/health", null);
    assertEquals(200, h.status());
  }
}
