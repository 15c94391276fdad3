package atelier.app;

import atelier.store.EmbeddedStore;
import atelier.store.Migration;
import atelier.store.Store;
import com.mongodb.ConnectionString;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code java -jar atelier.jar migrate --to mongodb://…}: copies the store this node would use (the
 * embedded store of {@code data.dir}, or {@code mongo.uri} when set) into the given deployment, then
 * says how to switch. The nodes must be stopped: the embedded store's file is opened here.
 */
final class MigrateCommand {
  private MigrateCommand() {}

  /** The exit code: 0 when copied and verified, 1 when the copy failed, 2 for bad arguments. */
  static int run(AtelierConfig config, List<String> args, PrintStream out, PrintStream err) {
    int i = args.indexOf("--to");
    if (i < 0 || i + 1 >= args.size()) {
      err.println("Usage: java -jar atelier.jar migrate --to mongodb://HOST[:PORT][/DATABASE][?replicaSet=…]");
      return 2;
    }
    String uri = args.get(i + 1);
    ConnectionString target;
    try {
      target = new ConnectionString(uri);
    } catch (IllegalArgumentException e) {
      err.println("Not a MongoDB connection string: " + e.getMessage());
      return 2;
    }
    String database = target.getDatabase() != null ? target.getDatabase() : config.mongoDatabase();
    EmbeddedStore embedded = null;
    try {
      String sourceUri = config.mongoUri();
      if (sourceUri == null || sourceUri.isBlank()) {
        embedded = EmbeddedStore.onDisk(config.dataDir(), 0);
        sourceUri = embedded.connectionString();
        out.println("Copying the embedded store of " + config.dataDir().toAbsolutePath() + " (database '" + config.mongoDatabase() + "')");
      } else {
        out.println("Copying " + sourceUri + " (database '" + config.mongoDatabase() + "')");
      }
      out.println("into " + uri + " (database '" + database + "'):");
      try (Store from = new Store(sourceUri, config.mongoDatabase()); Store to = new Store(uri, database)) {
        var copied = new Migration(from, to, out).run();
        long total = copied.stream().mapToLong(Migration.Copied::documents).sum();
        out.printf("Done: %d collections, %,d documents, counts verified.%n", copied.size(), total);
        out.println("To switch, set on every node and restart them:");
        out.println("  ATELIER_MONGO_URI=" + uri);
        out.println("  ATELIER_MONGO_DATABASE=" + database);
        out.println("(or \"mongo.uri\" and \"mongo.database\" in config/atelier.json). Keep " + config.dataDir().toAbsolutePath()
            + " until the new deployment has run for a while.");
        return 0;
      }
    } catch (IllegalStateException e) {
      err.println("Migration stopped: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("Migration failed: " + e);
      return 1;
    } finally {
      if (embedded != null) embedded.close();
    }
  }
}
