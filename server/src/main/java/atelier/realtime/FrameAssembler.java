package atelier.realtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins the frames of one client message and decides its fate before anything is decoded: at most
 * {@code limit} bytes are ever kept (a longer message is only counted, then answered
 * {@code too_large}), a message past {@code hardLimit} closes the connection (1009), and a text
 * message that is not valid UTF-8 closes it too (1007, RFC 6455 §8.1) instead of being read with
 * replacement characters. Netty already refuses a single frame above {@code hardLimit} before reading
 * it, and per-message compression is off, so no byte count here is ever an inflated one.
 */
final class FrameAssembler {
  /** What became of a frame: nothing yet ({@code null}), or one of these once its message ended. */
  sealed interface Outcome {}

  record Text(String text) implements Outcome {}

  record Binary() implements Outcome {}

  record TooLarge() implements Outcome {}

  record Close(short code, String reason) implements Outcome {}

  static final short TOO_BIG = 1009;
  static final short INVALID_PAYLOAD = 1007;

  private final int limit;
  private final long hardLimit;
  private Buffer parts;
  private long size;
  private boolean text;

  FrameAssembler(int limit, long hardLimit) {
    this.limit = limit;
    this.hardLimit = hardLimit;
  }

  /** Ping, pong and close frames are answered by Vert.x; call this for data frames only. */
  Outcome accept(WebSocketFrame frame) {
    if (!frame.isContinuation()) {
      text = frame.isText();
      size = 0;
      parts = Buffer.buffer();
    }
    Buffer data = frame.binaryData();
    size += data.length();
    if (size > hardLimit) {
      parts = null;
      return new Close(TOO_BIG, "message too big");
    }
    if (size > limit) parts = null; // counted until its end, never kept
    else if (parts != null) parts.appendBuffer(data);
    if (!frame.isFinal()) return null;
    Buffer whole = parts;
    parts = null;
    if (size > limit) return new TooLarge();
    if (!text) return new Binary();
    try {
      return new Text(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(whole.getBytes())).toString());
    } catch (CharacterCodingException e) {
      return new Close(INVALID_PAYLOAD, "invalid UTF-8");
    }
  }
}
