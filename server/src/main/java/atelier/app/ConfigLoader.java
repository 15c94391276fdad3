package atelier.app;

import atelier.http.AddressBlock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code config/atelier.json} (the working directory's copy if present, else the one packed in
 * the jar), then applies, in order, {@code ATELIER_*} environment variables, {@code -Datelier.*}
 * system properties and explicit overrides (tests). Every key must exist in the defaults and keep
 * its type; the first bad value stops the start with a message naming the key.
 */
public final class ConfigLoader {
  private static final String FILE = "config/atelier.json";

  private ConfigLoader() {}

  public static AtelierConfig load(Map<String, String> env, Map<String, String> overrides) {
    JsonObject defaults = readDefaults();
    Map<String, Object> flat = new TreeMap<>();
    flatten("", defaults, flat);
    Map<String, Object> values = new TreeMap<>(flat);
    for (String key : flat.keySet()) {
      String envName = envName(key);
      if (env.containsKey(envName)) {
        values.put(key, coerce(key, flat.get(key), env.get(envName), envName));
      }
      String prop = System.getProperty("atelier." + key);
      if (prop != null) {
        values.put(key, coerce(key, flat.get(key), prop, "-Datelier." + key));
      }
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!flat.containsKey(e.getKey())) {
        throw new ConfigException("Unknown configuration key '" + e.getKey() + "'");
      }
      values.put(e.getKey(), coerce(e.getKey(), flat.get(e.getKey()), e.getValue(), e.getKey()));
    }
    return build(values);
  }

  /** {@code auth.hashIterations} → {@code ATELIER_AUTH_HASH_ITERATIONS}. */
  public static String envName(String key) {
    StringBuilder sb = new StringBuilder("ATELIER_");
    for (char c : key.toCharArray()) {
      if (c == '.') sb.append('_');
      else if (Character.isUpperCase(c)) sb.append('_').append(c);
      else sb.append(Character.toUpperCase(c));
    }
    return sb.toString();
  }

  private static JsonObject readDefaults() {
    try {
      Path local = Path.of(FILE);
      if (Files.isRegularFile(local)) {
        return new JsonObject(Files.readString(local, StandardCharsets.UTF_8));
      }
      try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(FILE)) {
        if (in == null) throw new ConfigException("No " + FILE + " found in the working directory or the jar");
        return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | io.vertx.core.json.DecodeException e) {
      throw new ConfigException("Cannot read " + FILE + ": " + e.getMessage());
    }
  }

  private static void flatten(String prefix, JsonObject obj, Map<String, Object> out) {
    for (String name : obj.fieldNames()) {
      Object v = obj.getValue(name);
      String key = prefix.isEmpty() ? name : prefix + "." + name;
      if (v instanceof JsonObject o) flatten(key, o, out);
      else out.put(key, v);
    }
  }

  private static Object coerce(String key, Object defaultValue, String raw, String source) {
    String text = raw.trim();
    if (defaultValue instanceof Integer) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new ConfigException("Configuration key '" + key + "' (" + source + ") must be a whole number, got '" + raw + "'");
      }
    }
    if (defaultValue instanceof Boolean) {
      if (text.equalsIgnoreCase("true")) return true;
      if (text.equalsIgnoreCase("false")) return false;
      throw new ConfigException("Configuration key '" + key + "' (" + source + ") must be true or false, got '" + raw + "'");
    }
    if (defaultValue instanceof JsonArray) {
      JsonArray arr = new JsonArray();
      for (String part : text.split(",")) if (!part.isBlank()) arr.add(part.trim());
      return arr;
    }
    return raw;
  }

  private static AtelierConfig build(Map<String, Object> v) {
    int port = range(v, "http.port", 0, 65535);
    int storePort = range(v, "store.port", 0, 65535);
    String nodeName = str(v, "node.name");
    if (nodeName.isBlank()) nodeName = "node-" + ProcessHandle.current().pid();
    String dataDir = str(v, "data.dir");
    if (dataDir.isBlank()) throw new ConfigException("Configuration key 'data.dir' must not be empty");
    String mongoDb = str(v, "mongo.database");
    if (!mongoDb.matches("[A-Za-z0-9_-]{1,60}")) {
      throw new ConfigException("Configuration key 'mongo.database' must be 1-60 letters, digits, '_' or '-'");
    }
    String adminEmail = str(v, "admin.email").trim();
    String adminPassword = str(v, "admin.password");
    if (!adminEmail.isEmpty() && !adminEmail.contains("@")) {
      throw new ConfigException("Configuration key 'admin.email' must be an email address");
    }
    if (!adminEmail.isEmpty() && adminPassword.length() < 8) {
      throw new ConfigException("Configuration key 'admin.password' must have at least 8 characters");
    }
    List<String> origins = new ArrayList<>();
    Object o = v.get("http.allowedOrigins");
    if (o instanceof JsonArray arr) arr.forEach(x -> origins.add(String.valueOf(x)));
    AtelierConfig.Limits limits = new AtelierConfig.Limits(
        range(v, "limits.frameBytes", 1024, 16 * 1024 * 1024),
        range(v, "limits.messageLength", 1, 1_000_000),
        range(v, "limits.messagesPerSecond", 1, 1_000_000),
        range(v, "limits.subscribesPerSecond", 1, 1_000_000),
        range(v, "limits.outboundQueueFrames", 10, 10_000_000),
        range(v, "limits.replayMax", 10, 10_000_000),
        range(v, "limits.gapTimeoutMs", 10, 3_600_000),
        range(v, "limits.presenceGraceMs", 0, 3_600_000),
        range(v, "limits.typingIntervalMs", 0, 3_600_000),
        range(v, "limits.socketsPerPerson", 1, 100_000),
        range(v, "limits.fileBytes", 1, Integer.MAX_VALUE),
        range(v, "limits.documentBytes", 1, 64 * 1024 * 1024),
        range(v, "limits.archiveBytes", 1024, Integer.MAX_VALUE));
    List<String> members = new ArrayList<>();
    if (v.get("cluster.members") instanceof JsonArray arr) {
      for (Object m : arr) {
        String member = String.valueOf(m).trim();
        if (!member.matches("[A-Za-z0-9._:\\[\\]-]+")) {
          throw new ConfigException("Configuration key 'cluster.members' must be a list of host or host:port, got '" + member + "'");
        }
        members.add(member);
      }
    }
    String clusterHost = str(v, "cluster.host").trim();
    if (clusterHost.isEmpty()) throw new ConfigException("Configuration key 'cluster.host' must not be empty");
    AtelierConfig.Cluster cluster = new AtelierConfig.Cluster(clusterHost, range(v, "cluster.port", 1, 65535),
        List.copyOf(members), range(v, "cluster.busPort", 0, 65535), str(v, "cluster.publicHost").trim());
    return new AtelierConfig(
        nodeName,
        str(v, "http.host"),
        port,
        range(v, "http.maxBodyBytes", 1024, 64 * 1024 * 1024),
        List.copyOf(origins),
        (Boolean) v.get("http.secureCookies"),
        Path.of(dataDir),
        str(v, "mongo.uri"),
        mongoDb,
        storePort,
        (Boolean) v.get("cluster.enabled"),
        str(v, "cluster.config"),
        adminEmail,
        adminPassword,
        range(v, "auth.hashIterations", 1, 100_000_000),
        range(v, "auth.sessionTtlHours", 1, 24 * 365),
        range(v, "auth.loginMaxFailures", 1, 1000),
        range(v, "auth.loginWindowSeconds", 1, 86_400),
        limits,
        cluster,
        str(v, "metrics.token").trim(),
        new AtelierConfig.Search(searchDir(Path.of(dataDir), str(v, "search.dir")), range(v, "search.commitMs", 100, 3_600_000)),
        new AtelierConfig.Files(range(v, "files.orphanAfterSeconds", 2, 30 * 86_400)),
        new AtelierConfig.Edge(range(v, "http.instances", 0, 1024), metricsAllow(v), (Boolean) v.get("http.compression")),
        new AtelierConfig.Lifecycle(range(v, "lifecycle.checkSeconds", 1, 86_400), zone(str(v, "lifecycle.timeZone"))));
  }

  /** {@code metrics.allow}: addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1/128}); checked now. */
  private static List<String> metricsAllow(Map<String, Object> v) {
    List<String> out = new ArrayList<>();
    if (v.get("metrics.allow") instanceof JsonArray arr) {
      for (Object o : arr) {
        String block = String.valueOf(o).trim();
        try {
          AddressBlock.parse(block);
        } catch (IllegalArgumentException e) {
          throw new ConfigException("Configuration key 'metrics.allow' must list addresses or CIDR blocks, got '" + block + "'");
        }
        out.add(block);
      }
    }
    return List.copyOf(out);
  }

  /** {@code search.dir}: absolute, or relative to the data directory (blank = {@code search}). */
  private static Path searchDir(Path dataDir, String dir) {
    return dir.isBlank() ? dataDir.resolve("search") : dataDir.resolve(dir);
  }

  private static java.time.ZoneId zone(String id) {
    try {
      return java.time.ZoneId.of(id.trim());
    } catch (java.time.DateTimeException e) {
      throw new ConfigException("Configuration key 'lifecycle.timeZone' must be a time zone such as America/Toronto, got '" + id + "'");
    }
  }

  private static String str(Map<String, Object> v, String key) {
    Object o = v.get(key);
    return o == null ? "" : String.valueOf(o);
  }

  private static int range(Map<String, Object> v, String key, int min, int max) {
    Object o = v.get(key);
    if (!(o instanceof Integer i)) throw new ConfigException("Configuration key '" + key + "' must be a whole number");
    if (i < min || i > max) {
      throw new ConfigException("Configuration key '" + key + "' must be between " + min + " and " + max + ", got " + i);
    }
    return i;
  }
}
