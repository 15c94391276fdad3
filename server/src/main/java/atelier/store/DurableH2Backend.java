package atelier.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
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
  /** Guards the commit; held while MVStore writes a chunk (with the write lock: no write is applied meanwhile). */
  private final Object commitLock = new Object();
  /** Writes applied so far (under {@code this}). */
  private long applied;
  /** Every write numbered up to this one is in a finished commit (under {@code commitLock}). */
  private volatile long committed;
  /**
   * Per namespace, the number of the last write applied to it; {@link #ANY} for writes whose
   * namespace is not known (under {@code this}). A majority read waits only for its own collection's.
   */
  private final Map<String, Long> lastWriteTo = new HashMap<>();
  private static final String ANY = "";
  /** Commits made since start: lets a test check which reads make one. */
  static final LongAdder COMMITS = new LongAdder();
  /**
   * Set while this thread is inside a write: {@code handleMessage} dispatches to {@code handleCommand},
   * and only the outermost call may wait for the commit (after leaving the write lock).
   */
  private static final ThreadLocal<Boolean> IN_WRITE = ThreadLocal.withInitial(() -> false);

  /** Whether this thread is applying a write: the documents it reads are copies ({@link IndexedCollection}). */
  static boolean inWrite() {
    return IN_WRITE.get();
  }

  DurableH2Backend(MVStore store) {
    super(store);
    this.store = store;
  }

  /** Also called by H2Backend's constructor for the databases already in the file, before {@code store} is set. */
  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return CompactH2Database.open(databaseName, getMvStore(), getCursorRegistry());
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
    Document count = CountPipeline.asCount(command, query);
    if (count != null) {
      return CountPipeline.asCursor(databaseName, (String) query.get("aggregate"), handleCommand(channel, databaseName, "count", count));
    }
    if (!EmbeddedStore.isWrite(command)) {
      if (IN_WRITE.get() || !readsMajority(query)) {
        Document reply = super.handleCommand(channel, databaseName, command, query);
        // Index creation changes the file too; it is rare, so commit it on its own.
        if ("createindexes".equalsIgnoreCase(command)) awaitCommitted(Long.MAX_VALUE);
        return reply;
      }
      // A majority read: answered from the state between two writes (a write changes stored
      // documents in place), and only once every write it could have seen is durable.
      // A read of one collection could only have seen the writes to it.
      String ns = ReadScope.namespace(databaseName, command, query);
      Document reply;
      long seen;
      synchronized (this) {
        reply = super.handleCommand(channel, databaseName, command, query).cloneDeeply();
        seen = ns == null ? applied : Math.max(lastWriteTo.getOrDefault(ns, 0L), lastWriteTo.getOrDefault(ANY, 0L));
      }
      awaitCommitted(seen);
      return reply;
    }
    if (IN_WRITE.get()) return super.handleCommand(channel, databaseName, command, query);
    boolean durable = !appliedIsEnough(query);
    Document reply;
    long mine;
    synchronized (this) {
      IN_WRITE.set(true);
      try {
        reply = super.handleCommand(channel, databaseName, command, query).cloneDeeply();
      } finally {
        IN_WRITE.set(false);
      }
      mine = applied(ReadScope.namespace(databaseName, command, query));
    }
    if (durable) awaitCommitted(mine);
    return reply;
  }

  /** Numbers a write just applied to {@code namespace} (null: unknown); called under {@code this}. */
  private long applied(String namespace) {
    long mine = ++applied;
    lastWriteTo.put(namespace == null ? ANY : namespace, mine);
    return mine;
  }

  /** A read sent with {@code readConcern: {level: "majority"}} (the default of {@link Store}). */
  static boolean readsMajority(Document command) {
    Object rc = command == null ? null : command.get("readConcern");
    return rc instanceof Document concern && "majority".equals(concern.get("level"));
  }

  /**
   * A write sent with {@code writeConcern: {w: 1}} and no journal request ({@link Store#chainedCollection})
   * is answered once applied; a later durable write's commit includes it.
   */
  static boolean appliedIsEnough(Document command) {
    Object wc = command == null ? null : command.get("writeConcern");
    if (!(wc instanceof Document concern)) return false;
    Object w = concern.get("w");
    return w instanceof Number n && n.intValue() == 1 && !Boolean.TRUE.equals(concern.get("j"));
  }

  /** See {@link EmbeddedStore#isWrite}: writes one at a time, their reply copied before the next. */
  @Override
  public Document handleMessage(MongoMessage message) {
    String command = EmbeddedStore.commandOf(message);
    if (!EmbeddedStore.isWrite(command)) return super.handleMessage(message);
    boolean durable = !appliedIsEnough(message.getDocument());
    Document reply;
    long mine;
    synchronized (this) {
      IN_WRITE.set(true);
      try {
        reply = super.handleMessage(message).cloneDeeply();
      } finally {
        IN_WRITE.set(false);
      }
      mine = applied(ReadScope.namespace(message.getDatabaseName(), command, message.getDocument()));
    }
    if (durable) awaitCommitted(mine);
    return reply;
  }

  /**
   * Group commit: the reply to a write leaves only after a commit that started after the write was
   * applied. Writers that arrive while a commit is running wait for the lock; the first of them then
   * commits all their writes at once and the others find theirs already durable. One MVStore chunk
   * per group instead of one per write — the commit was most of the cost of a persisted message.
   */
  private void awaitCommitted(long mine) {
    if (mine != Long.MAX_VALUE && committed >= mine) return;
    synchronized (commitLock) {
      if (mine != Long.MAX_VALUE && committed >= mine) return;
      long upTo;
      synchronized (this) {
        upTo = applied;
      }
      // Writes go on while the commit serialises its pages: a stored document is never changed in
      // place (a write reads copies, see IndexedCollection), so the commit encodes a stable value.
      // (mongo-java-server updates the document it read in place: when that was the stored one, a
      // commit encoding it at the same time failed with a ConcurrentModificationException, which
      // closes the MVStore — seen under loadtest d at 1,000 msg/s; ConcurrentCommitTest.)
      if (!store.isClosed() && store.hasUnsavedChanges()) {
        store.commit();
        COMMITS.increment();
      }
      committed = upTo;
    }
  }
}
