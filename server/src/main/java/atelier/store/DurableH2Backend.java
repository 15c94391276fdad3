package atelier.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's H2 backend, made durable: H2's MVStore commits in the background about once
 * a second, so a {@code kill -9} could lose writes that were already acknowledged. Here every command
 * that changed something is committed to the file before its reply leaves, so an acknowledged write
 * survives a crash of the process (the bytes reach the OS; an OS crash still needs the disk's fsync,
 * which MVStore does when the file is closed).
 */
final class DurableH2Backend extends H2Backend {
  private final MVStore store;

  DurableH2Backend(MVStore store) {
    super(store);
    this.store = store;
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
    if (EmbeddedStore.isWrite(command)) {
      synchronized (this) {
        try {
          return super.handleCommand(channel, databaseName, command, query).cloneDeeply();
        } finally {
          commitIfChanged();
        }
      }
    }
    try {
      return super.handleCommand(channel, databaseName, command, query);
    } finally {
      commitIfChanged();
    }
  }

  /** See {@link EmbeddedStore#isWrite}: writes one at a time, their reply copied before the next. */
  @Override
  public Document handleMessage(MongoMessage message) {
    if (EmbeddedStore.isWrite(EmbeddedStore.commandOf(message))) {
      synchronized (this) {
        try {
          return super.handleMessage(message).cloneDeeply();
        } finally {
          commitIfChanged();
        }
      }
    }
    try {
      return super.handleMessage(message);
    } finally {
      commitIfChanged();
    }
  }

  private void commitIfChanged() {
    if (!store.isClosed() && store.hasUnsavedChanges()) {
      store.commit();
    }
  }
}
