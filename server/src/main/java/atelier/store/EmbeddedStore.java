package atelier.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-wire server that runs inside the process when no {@code mongo.uri} is given. It is
 * reached over loopback through the official driver, exactly like an external MongoDB, so the code
 * path is the production one. Blocking: start it off the event loop.
 */
public final class EmbeddedStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);
  /**
   * Every commit rewrites each B-tree page a write touched; with H2's default (16 KB) a message's four
   * writes rewrote some 100 KB. Smaller pages write less per commit for slightly deeper trees.
   */
  static final int PAGE_SPLIT_SIZE = Integer.getInteger("atelier.store.pageSplitSize", 4 * 1024);

  /** MVStore's page cache (H2's default is 16 MB): the recent part of every index and collection stays in memory. */
  static final int CACHE_MB = Integer.getInteger("atelier.store.cacheMb", 64);

  private final MongoServer server;
  private final MongoBackend backend;
  private final InetSocketAddress address;

  private EmbeddedStore(MongoBackend backend, String host, int port) {
    this.backend = backend;
    this.server = new MongoServer(backend);
    // Worker threads of the wire server: a writer waiting for its group commit blocks its thread, so
    // more threads let more writes share one commit (they only ever run store code).
    server.bind(new InetSocketAddress(host, port), 1, 16);
    this.address = server.getLocalAddress();
  }

  /** A durable store whose file lives under {@code dataDir}. */
  public static EmbeddedStore onDisk(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve("atelier-store.mv.db").toAbsolutePath();
    // No background commits: the backend commits itself, before any durable reply (DurableH2Backend).
    // A background commit in progress made a concurrent commit find nothing to save and answer
    // before the write was in the file (seen once by MajorityReadTest).
    MVStore mv = new MVStore.Builder().fileName(file.toString()).pageSplitSize(PAGE_SPLIT_SIZE).cacheSize(CACHE_MB)
        .autoCommitDisabled().open();
    LOG.info("Embedded store file {}", file);
    return new EmbeddedStore(new DurableH2Backend(mv), "127.0.0.1", port);
  }

  /** A store in memory: tests only. */
  public static EmbeddedStore inMemory() {
    return new EmbeddedStore(new MemoryBackend() {
      @Override
      public de.bwaldvogel.mongo.bson.Document handleCommand(io.netty.channel.Channel channel, String db, String command,
          de.bwaldvogel.mongo.bson.Document query) {
        if (!isWrite(command)) return super.handleCommand(channel, db, command, query);
        synchronized (this) {
          return super.handleCommand(channel, db, command, query).cloneDeeply();
        }
      }

      @Override
      public de.bwaldvogel.mongo.bson.Document handleMessage(MongoMessage message) {
        if (!isWrite(commandOf(message))) return super.handleMessage(message);
        synchronized (this) {
          return super.handleMessage(message).cloneDeeply();
        }
      }
    }, "127.0.0.1", 0);
  }

  /**
   * mongo-java-server answers a {@code findAndModify} with the stored document itself and encodes the
   * reply after the command returned, so under concurrent writers a reply can show a later write:
   * two concurrent {@code $inc} answered the same value (seen: 217 distinct values for 300 increments
   * of one counter), which made the event log allocate one {@code seq} twice, leave holes and report
   * a head below its last event. Both backends therefore run writes one at a time and copy their
   * reply before the next write; reads stay concurrent.
   */
  static boolean isWrite(String command) {
    if (command == null) return false;
    return switch (command.toLowerCase(java.util.Locale.ROOT)) {
      case "findandmodify", "update", "insert", "delete" -> true;
      default -> false;
    };
  }

  static String commandOf(MongoMessage message) {
    de.bwaldvogel.mongo.bson.Document d = message.getDocument();
    return d == null || d.isEmpty() ? null : d.keySet().iterator().next();
  }

  public String connectionString() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  public int port() {
    return address.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }
}
