package atelier.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of IP addresses written as an address ({@code 10.1.2.3}) or CIDR ({@code 10.0.0.0/8},
 * {@code ::1/128}); literal addresses only, never a host name to resolve. Used to say which clients
 * may read {@code /metrics}.
 */
public record AddressBlock(byte[] network, int prefix) {
  public static AddressBlock parse(String text) {
    String[] parts = text.trim().split("/", 2);
    byte[] address = literal(parts[0]);
    int prefix = address.length * 8;
    if (parts.length == 2) {
      try {
        prefix = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix in " + text);
      }
      if (prefix < 0 || prefix > address.length * 8) throw new IllegalArgumentException("bad prefix in " + text);
    }
    return new AddressBlock(address, prefix);
  }

  /** Whether {@code address} (a literal IPv4 or IPv6 address) is inside the block. */
  public boolean contains(String address) {
    byte[] a;
    try {
      a = literal(address);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (a.length != network.length) {
      // An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is compared as IPv4.
      if (a.length == 16 && network.length == 4 && isMapped(a)) a = Arrays.copyOfRange(a, 12, 16);
      else return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
    int rest = prefix % 8;
    if (rest == 0) return true;
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (a[full] & mask) == (network[full] & mask);
  }

  private static boolean isMapped(byte[] a) {
    for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }

  private static byte[] literal(String text) {
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
    boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
    if (!v4 && !v6) throw new IllegalArgumentException("not an IP address: " + text);
    try {
      return InetAddress.getByName(t).getAddress(); // a literal: no name lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
  }
}
