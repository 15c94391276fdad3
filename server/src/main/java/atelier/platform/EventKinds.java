package atelier.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds of space events features declare, and whether each changes access (who may read or
 * write what: {@code member.*}, {@code space.state}, a channel archived…). Caches of access rules
 * are cleared on those only. A kind is exact ({@code member.left}) or a prefix ending in {@code .*}
 * ({@code message.*}); a kind nobody declared counts as changing access, the safe side.
 */
public final class EventKinds {
  private final Map<String, Boolean> exact = new ConcurrentHashMap<>();
  private final Map<String, Boolean> prefixes = new ConcurrentHashMap<>();

  public EventKinds declare(boolean changesAccess, String... kinds) {
    for (String k : kinds) {
      if (k.endsWith(".*")) prefixes.put(k.substring(0, k.length() - 1), changesAccess);
      else exact.put(k, changesAccess);
    }
    return this;
  }

  public boolean changesAccess(String kind) {
    if (kind == null) return true;
    Boolean known = exact.get(kind);
    if (known != null) return known;
    int dot = kind.indexOf('.');
    if (dot > 0) {
      Boolean byPrefix = prefixes.get(kind.substring(0, dot + 1));
      if (byPrefix != null) return byPrefix;
    }
    return true;
  }
}
