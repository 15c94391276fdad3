package atelier.bag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;

/** The constants of Atelier's bags: BagIt 1.0 (RFC 8493) in one ZIP, SHA-256 manifests. */
public final class BagFormat {
  /** Bumped when what a bag holds changes in a way an older restore would not read. */
  public static final String FORMAT_VERSION = "1";
  public static final String BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
  /** Every entry carries this time, so the same content gives the same bytes. */
  public static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  private BagFormat() {}

  public static String version() {
    String v = BagFormat.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The directory every entry of a space's bag sits in. */
  public static String root(String space) {
    return "atelier-" + space + "/";
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
