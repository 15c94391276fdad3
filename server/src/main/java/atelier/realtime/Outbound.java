package atelier.realtime;

import atelier.platform.StreamEntry;

/**
 * A stream entry on its way to this node's sockets: its frame is encoded once, the first time a
 * follower needs it, and shared by every follower of the node.
 */
final class Outbound {
  final StreamEntry entry;
  private String text;
  private String originText;

  Outbound(StreamEntry entry) {
    this.entry = entry;
  }

  long position() {
    return entry.position();
  }

  /** The text for the socket {@code connection}: the origin's own frame for the socket that caused the entry. */
  String textFor(String connection) {
    if (entry.origin() != null && entry.origin().equals(connection) && entry.originFrame() != null) {
      if (originText == null) originText = entry.originFrame().encode();
      return originText;
    }
    if (text == null) text = entry.frame().encode();
    return text;
  }
}
