package atelier.realtime;

import atelier.platform.StreamEntry;

/**
 * A stream entry on its way to this node's sockets: its frame is encoded (JSON, then UTF-8) once,
 * the first time a follower needs it, and the same bytes are written to every follower of the node.
 * Followers on several event loops share it: the bytes are published through volatile fields (two
 * loops may both encode them the first time; either result is the same).
 */
final class Outbound {
  final StreamEntry entry;
  private volatile byte[] text;
  private volatile byte[] originText;

  Outbound(StreamEntry entry) {
    this.entry = entry;
  }

  long position() {
    return entry.position();
  }

  /** The frame for the socket {@code connection}: the origin's own frame for the socket that caused the entry. */
  byte[] bytesFor(String connection) {
    if (entry.origin() != null && entry.origin().equals(connection) && entry.originFrame() != null) {
      if (originText == null) originText = encode(entry.originFrame());
      return originText;
    }
    if (text == null) text = encode(entry.frame());
    return text;
  }

  static byte[] encode(io.vertx.core.json.JsonObject frame) {
    return frame.toBuffer().getBytes();
  }
}
