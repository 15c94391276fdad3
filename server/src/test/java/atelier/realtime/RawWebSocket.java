package atelier.realtime;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a plain socket, for what well-behaved clients cannot send: reserved
 * bits, invalid UTF-8, frames of any size, extension offers. Blocking; test thread only.
 */
final class RawWebSocket implements AutoCloseable {
  static final int TEXT = 1;
  static final int CONTINUATION = 0;
  static final int CLOSE = 8;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  final String handshake;

  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }
  }

  private RawWebSocket(Socket socket, String handshake) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.handshake = handshake;
  }

  static RawWebSocket connect(int port, String token, String extensions) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(20_000);
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
        + "Authorization: Bearer " + token + "\r\n"
        + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
    s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    var raw = s.getInputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = raw.read();
      if (b < 0) throw new EOFException("handshake: " + head);
      head.write(b);
    }
    String response = head.toString(StandardCharsets.US_ASCII);
    if (!response.startsWith("HTTP/1.1 101")) throw new IOException("upgrade refused: " + response);
    return new RawWebSocket(s, response);
  }

  /** Sends one masked frame; a peer that already closed is not an error here. */
  void send(int opcode, boolean fin, boolean rsv1, byte[] payload) {
    try {
      ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
      f.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
      if (payload.length < 126) {
        f.write(0x80 | payload.length);
      } else if (payload.length < 65536) {
        f.write(0x80 | 126);
        f.write(payload.length >>> 8);
        f.write(payload.length & 0xff);
      } else {
        f.write(0x80 | 127);
        long n = payload.length;
        for (int i = 7; i >= 0; i--) f.write((int) (n >>> (8 * i)) & 0xff);
      }
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      f.write(mask);
      byte[] masked = new byte[payload.length];
      for (int i = 0; i < payload.length; i++) masked[i] = (byte) (payload[i] ^ mask[i & 3]);
      f.write(masked);
      out.write(f.toByteArray());
      out.flush();
    } catch (IOException e) {
      // the server closed first (what some tests expect); the close frame is read by the caller
    }
  }

  void sendText(String text) {
    send(TEXT, true, false, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next frame from the server, or null when the connection ended without one. */
  Frame read() throws IOException {
    int b0;
    try {
      b0 = in.read();
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no frame within the socket timeout");
    } catch (IOException e) {
      return null; // reset
    }
    if (b0 < 0) return null;
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7f;
    if (len == 126) len = in.readUnsignedShort();
    else if (len == 127) len = in.readLong();
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    return new Frame(b0 & 0x0f, payload);
  }

  /** Reads until the server's close frame; answers its code, or 1006 when the connection just ended. */
  int awaitClose() throws IOException {
    while (true) {
      Frame f = read();
      if (f == null) return 1006;
      if (f.opcode() == CLOSE) return f.closeCode();
    }
  }

  /** The next text frame (skipping control frames); fails if the connection ends first. */
  String nextText() throws IOException {
    while (true) {
      Frame f = read();
      if (f == null || f.opcode() == CLOSE) throw new AssertionError("closed: " + (f == null ? 1006 : f.closeCode()));
      if (f.opcode() == TEXT) return f.text();
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
