package atelier.docs;

import atelier.docs.ot.InvalidOperationException;
import atelier.docs.ot.TextOperation;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits operations to documents' revision logs, the server being the authority. Per node, the
 * head of each open document (its revision, its text and its last revisions) is kept in memory and
 * commits to one document run one at a time; between nodes the unique {@code (doc, rev)} index
 * decides: a node whose insert of revision N is refused re-reads what the others committed,
 * transforms again and retries — the client never has to. A head is trusted only because its next
 * insert succeeds (revisions are contiguous: nobody writes N+1 without having seen N).
 *
 * <p>All state lives on one context ({@code home}), so no lock is needed; callers get their answer
 * back on their own context.
 */
final class DocumentHeads {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentHeads.class);
  /** A snapshot every this many revisions bounds the replay needed to open any revision. */
  static final long SNAPSHOT_EVERY = 100;
  private static final int RECENT = 256;
  /** Open documents kept in memory per node (each holds its text and last revisions). */
  private static final int OPEN_HEADS = 64;
  private static final int MAX_ATTEMPTS = 50;
  /**
   * The record's head (rev, updatedAt, updatedBy: the list's "last edited by, when") is written at
   * most this often per document while people type: rewriting the record (and its list index entry)
   * on every keystroke cost as much as the revision itself. Nothing depends on it being exact: the
   * revision log is the truth, and the last write is made at once when edits pause.
   */
  static final long RECORD_EVERY_MS = 1_000;

  /** What a commit produced: the revision and the operation as applied (null for a resend). */
  record Committed(long rev, Revision revision, boolean duplicate) {}

  /** The text and revision of a document's head. */
  record Text(long rev, String text) {}

  private final Vertx vertx;
  private final HomeContext home;
  private final DocumentRepository documents;
  private final RevisionLog log;
  private final long maxBytes;
  private final long idleMs;
  private final Map<String, Head> heads =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
          return size() > OPEN_HEADS;
        }
      };
  private Published onCommitted = (space, r, origin) -> {};
  private Consumer<String> onIdleSnapshot = d -> {};

  DocumentHeads(Vertx vertx, HomeContext home, DocumentRepository documents, RevisionLog log, long maxBytes, long idleMs) {
    this.vertx = vertx;
    this.home = home;
    this.documents = documents;
    this.log = log;
    this.maxBytes = maxBytes;
    this.idleMs = idleMs;
  }

  /** Who sent an operation: the socket ({@code connection}) that gets the ack, with its frame's {@code ref}. */
  record Origin(String connection, Object ref) {}

  /** Told of each revision once it is durable (on the home context). */
  interface Published {
    void committed(String space, Revision revision, Origin origin);
  }

  void onCommitted(Published listener) {
    this.onCommitted = listener;
  }

  /** Called with the document's id when its edits paused and its head was kept as a snapshot (its content changed). */
  void onIdleSnapshot(Consumer<String> listener) {
    this.onIdleSnapshot = listener;
  }

  /** The head as committed by every node up to now. */
  Future<Text> head(String doc) {
    return onHome(() -> serialized(doc, h -> refresh(h).map(v -> new Text(h.rev, h.text))));
  }

  /**
   * Commits {@code op}, written against {@code baseRev}, transformed over what was committed
   * since. A {@code clientId} already committed answers its revision and changes nothing.
   */
  Future<Committed> commit(String doc, long baseRev, TextOperation op, String clientId, String author, Origin origin) {
    return onHome(() -> load(doc).compose(h -> {
      Promise<Committed> done = Promise.promise();
      h.queue.add(new Queued(baseRev, op, clientId, author, origin, done));
      // The first operation waiting schedules one commit of everything that waits when its turn comes.
      if (h.queue.size() == 1) h.tail = h.tail.transform(x -> commitQueued(h));
      return done.future();
    }));
  }

  /** An operation waiting for its document's turn. */
  private record Queued(long baseRev, TextOperation op, String clientId, String author, Origin origin, Promise<Committed> done) {}

  /**
   * Commits the operations that waited, in arrival order: those that fit are transformed in memory
   * and inserted in one command, so many editors typing at once cost one durable commit per batch
   * instead of one per operation; the others (a resend, a base older than the recent revisions or
   * above the head, an operation that does not apply) go one by one through {@link #attempt}, which
   * gives each its answer.
   */
  private Future<Void> commitQueued(Head h) {
    List<Queued> batch = new ArrayList<>(h.queue);
    h.queue.clear();
    if (batch.size() == 1) return oneByOne(h, batch);
    List<Queued> alone = new ArrayList<>();
    List<Queued> by = new ArrayList<>();
    List<Revision> made = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    Revision first = h.recent.peekFirst();
    long oldestBase = first == null ? h.rev : first.rev() - 1;
    java.util.Set<String> ids = new java.util.HashSet<>();
    String text = h.text;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (Queued q : batch) {
      if (q.baseRev() < oldestBase || q.baseRev() > h.rev || h.recentIds.containsKey(q.clientId()) || !ids.add(q.clientId())) {
        alone.add(q);
        continue;
      }
      try {
        TextOperation t = q.op();
        for (Revision r : h.recent) if (r.rev() > q.baseRev()) t = TextOperation.transform(t, r.op()).first();
        for (Revision r : made) t = TextOperation.transform(t, r.op()).first();
        String next = t.keepsCharactersWhole(text) ? t.apply(text) : null;
        if (next == null || ((long) next.length() > maxBytes / 3 && next.getBytes(StandardCharsets.UTF_8).length > maxBytes)) {
          alone.add(q);
          continue;
        }
        made.add(new Revision(h.doc, h.rev + made.size() + 1, t, q.author(), q.clientId(), now));
        by.add(q);
        texts.add(next);
        text = next;
      } catch (InvalidOperationException e) {
        alone.add(q);
      }
    }
    if (made.isEmpty()) return oneByOne(h, alone);
    return log.insertAll(made)
        .map(x -> {
          for (int i = 0; i < made.size(); i++) {
            h.advance(made.get(i), texts.get(i));
            afterCommit(h, made.get(i), by.get(i).origin());
            by.get(i).done().complete(new Committed(made.get(i).rev(), made.get(i), false));
          }
          return (Void) null;
        })
        // Not all in (another node took a revision, the store failed): what the log holds decides;
        // ours that went in are published, the others are tried again one by one.
        .recover(e -> refresh(h).map(x -> {
          for (Queued q : by) {
            Long rev = h.recentIds.get(q.clientId());
            Revision in = rev == null ? null : h.recent.stream().filter(r -> r.rev() == rev).findFirst().orElse(null);
            if (in == null) {
              alone.add(q);
              continue;
            }
            afterCommit(h, in, q.origin());
            q.done().complete(new Committed(in.rev(), in, false));
          }
          return (Void) null;
        }).onFailure(f -> by.forEach(q -> q.done().tryFail(f))))
        .transform(x -> oneByOne(h, alone));
  }

  private Future<Void> oneByOne(Head h, List<Queued> list) {
    Future<Void> chain = Future.succeededFuture();
    for (Queued q : list) {
      chain = chain.transform(x -> attempt(h, q.baseRev(), q.op(), q.clientId(), q.author(), q.origin(), 0)
          .onComplete(q.done()).transform(y -> Future.<Void>succeededFuture()));
    }
    return chain;
  }

  /** The revisions after {@code after} up to the head (replay of a joining client). */
  Future<List<Revision>> since(String doc, long after, long upTo) {
    return log.range(doc, after, upTo);
  }

  /** The text as it was at {@code rev}: the nearest snapshot before it, then the revisions after. */
  Future<String> textAt(String doc, long rev) {
    return log.snapshotAtOrBefore(doc, rev)
        .compose(
            s -> {
              RevisionLog.Snapshot start = s.orElseThrow(ApiError::notFound);
              return log.range(doc, start.rev(), rev)
                  .map(
                      list -> {
                        String text = start.text();
                        for (Revision r : list) text = r.op().apply(text);
                        return text;
                      });
            });
  }

  private static final class Head {
    final String doc;
    final String space;
    long rev;
    String text;
    long snapshotRev;
    /** The revision the space log last heard of (a {@code document.updated} after edits paused). */
    long announcedRev;
    final ArrayDeque<Revision> recent = new ArrayDeque<>();
    /** Operations waiting for their turn ({@link #commit}). */
    final ArrayDeque<Queued> queue = new ArrayDeque<>();
    final Map<String, Long> recentIds = new HashMap<>();
    Future<?> tail = Future.succeededFuture();
    long idleTimer = -1;
    /** The newest revision the record has not been told of yet, and whether a write of it is scheduled or running. */
    Revision unrecorded;
    boolean recording;
    Future<Void> recordWrite = Future.succeededFuture();
    long recordTimer = -1;
    long lastRecorded;

    Head(String doc, String space, long rev, String text, long snapshotRev) {
      this.doc = doc;
      this.space = space;
      this.rev = rev;
      this.text = text;
      this.snapshotRev = snapshotRev;
      this.announcedRev = rev;
    }

    void advance(Revision r, String newText) {
      rev = r.rev();
      text = newText;
      recent.addLast(r);
      recentIds.put(r.clientId(), r.rev());
      if (recent.size() > RECENT) recentIds.remove(recent.removeFirst().clientId());
    }
  }

  private Future<Head> load(String doc) {
    Head cached = heads.get(doc);
    if (cached != null) return Future.succeededFuture(cached);
    return documents
        .find(doc)
        .map(o -> o.filter(d -> !d.trashed()).orElseThrow(ApiError::notFound))
        .map(
            d -> {
              Head existing = heads.get(doc); // loaded meanwhile by another caller
              if (existing != null) return existing;
              Head h = new Head(doc, d.space(), d.textRev(), d.text(), d.textRev());
              heads.put(doc, h);
              return h;
            });
  }

  /** Runs {@code work} after the previous work on the same document finished. */
  private <T> Future<T> serialized(String doc, java.util.function.Function<Head, Future<T>> work) {
    return load(doc)
        .compose(
            h -> {
              Future<T> result = h.tail.transform(x -> work.apply(h));
              h.tail = result;
              return result;
            });
  }

  /** Brings the head up to what other nodes committed. */
  private Future<Void> refresh(Head h) {
    return log.after(h.doc, h.rev)
        .map(
            list -> {
              for (Revision r : list) {
                if (r.rev() == h.rev + 1) h.advance(r, r.op().apply(h.text));
              }
              return null;
            });
  }

  private Future<Committed> attempt(Head h, long baseRev, TextOperation op, String clientId, String author, Origin origin,
      int tries) {
    Long done = h.recentIds.get(clientId);
    if (done != null) return Future.succeededFuture(new Committed(done, null, true));
    if (tries >= MAX_ATTEMPTS) return Future.failedFuture(ApiError.of(ErrorCode.UNAVAILABLE, "error.unavailable"));
    if (baseRev < 0) return Future.failedFuture(ApiError.badField("rev", "invalid"));
    Future<Void> fresh = baseRev > h.rev ? refresh(h) : Future.succeededFuture();
    return fresh
        .compose(v -> baseRev > h.rev ? Future.failedFuture(ApiError.badField("rev", "ahead")) : committedSince(h, baseRev))
        .compose(
            since -> {
              TextOperation transformed = op;
              String next;
              try {
                for (Revision r : since) transformed = TextOperation.transform(transformed, r.op()).first();
                if (!transformed.keepsCharactersWhole(h.text)) return Future.failedFuture(ApiError.badField("op", "splits_character"));
                next = transformed.apply(h.text);
              } catch (InvalidOperationException e) {
                return Future.failedFuture(ApiError.badField("op", "does_not_apply"));
              }
              if ((long) next.length() > maxBytes / 3 && next.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                return Future.failedFuture(ApiError.of(ErrorCode.TOO_LARGE, "error.document_too_large", maxBytes));
              }
              Revision r = new Revision(h.doc, h.rev + 1, transformed, author, clientId, Instant.now().truncatedTo(ChronoUnit.MILLIS));
              String text = next;
              return log.insert(r)
                  .map(
                      x -> {
                        h.advance(r, text);
                        afterCommit(h, r, origin);
                        return new Committed(r.rev(), r, false);
                      })
                  .recover(
                      e -> {
                        if (!(e instanceof RevisionLog.Taken)) return Future.failedFuture(e);
                        // Another node took the revision, or this clientId was committed already.
                        return log.revOf(h.doc, clientId)
                            .compose(
                                rev -> rev.isPresent()
                                    ? Future.succeededFuture(new Committed(rev.get(), null, true))
                                    : refresh(h).compose(y -> attempt(h, baseRev, op, clientId, author, origin, tries + 1)));
                      });
            })
        .recover(
            e -> {
              // A resend of an operation committed long ago may no longer fit: it still answers its revision.
              if (!(e instanceof ApiError)) return Future.failedFuture(e);
              return log.revOf(h.doc, clientId)
                  .compose(rev -> rev.isPresent() ? Future.succeededFuture(new Committed(rev.get(), null, true)) : Future.failedFuture(e));
            });
  }

  /** The revisions after {@code baseRev} up to the head: from memory when recent, else the store. */
  private Future<List<Revision>> committedSince(Head h, long baseRev) {
    if (baseRev == h.rev) return Future.succeededFuture(List.of());
    Revision oldest = h.recent.peekFirst();
    if (oldest != null && oldest.rev() <= baseRev + 1) {
      List<Revision> out = new ArrayList<>();
      for (Revision r : h.recent) if (r.rev() > baseRev) out.add(r);
      return Future.succeededFuture(out);
    }
    long upTo = h.rev;
    return log.range(h.doc, baseRev, upTo)
        .map(
            list -> {
              if (list.size() != upTo - baseRev) throw new IllegalStateException("revision log of " + h.doc + " has a hole");
              return list;
            });
  }

  private void afterCommit(Head h, Revision r, Origin origin) {
    h.unrecorded = r;
    scheduleRecord(h);
    if (r.rev() % SNAPSHOT_EVERY == 0) snapshot(h, r.rev(), h.text);
    if (h.idleTimer >= 0) vertx.cancelTimer(h.idleTimer);
    h.idleTimer = vertx.setTimer(idleMs, id -> {
      h.idleTimer = -1;
      if (h.rev <= h.announcedRev) return;
      long rev = h.rev;
      // Also when the head is already a snapshot (every 100th revision): the space log must hear of it.
      Future<Boolean> kept = recordNow(h).compose(v -> rev > h.snapshotRev ? snapshot(h, rev, h.text) : Future.succeededFuture(true));
      kept.onSuccess(x -> {
        h.announcedRev = Math.max(h.announcedRev, rev);
        onIdleSnapshot.accept(h.doc);
      });
    });
    onCommitted.committed(h.space, r, origin);
  }

  /** Writes the record's head now if nothing was written for {@link #RECORD_EVERY_MS}, else once that time is up. */
  private void scheduleRecord(Head h) {
    if (h.recording || h.recordTimer >= 0) return;
    long wait = h.lastRecorded + RECORD_EVERY_MS - System.currentTimeMillis();
    if (wait <= 0) {
      recordNow(h);
      return;
    }
    h.recordTimer = vertx.setTimer(wait, id -> {
      h.recordTimer = -1;
      recordNow(h);
    });
  }

  /** Writes the newest revision not yet in the record, after the write under way if any. */
  private Future<Void> recordNow(Head h) {
    if (h.recording) return h.recordWrite.compose(v -> recordNow(h));
    Revision r = h.unrecorded;
    if (r == null) return Future.succeededFuture();
    if (h.recordTimer >= 0) {
      vertx.cancelTimer(h.recordTimer);
      h.recordTimer = -1;
    }
    h.unrecorded = null;
    h.recording = true;
    h.lastRecorded = System.currentTimeMillis();
    io.vertx.core.Promise<Void> written = io.vertx.core.Promise.promise();
    h.recordWrite = written.future();
    documents.advance(h.doc, r.rev(), r.at(), r.author())
        .onFailure(e -> LOG.warn("Could not record the head of {}", h.doc, e))
        .onComplete(x -> home.context().runOnContext(v -> {
          h.recording = false;
          written.complete();
          if (h.unrecorded != null) scheduleRecord(h);
        }));
    return written.future();
  }

  private Future<Boolean> snapshot(Head h, long rev, String text) {
    h.snapshotRev = Math.max(h.snapshotRev, rev);
    return log.snapshot(h.doc, rev, text)
        .compose(kept -> documents.keepText(h.doc, rev, text).map(kept))
        .onFailure(e -> LOG.warn("Could not keep a snapshot of {} at {}", h.doc, rev, e));
  }

  /** Writes the head of every document open on this node to its record now (before an archive reads the records). */
  Future<Void> recordPending() {
    return onHome(() -> Future.all(heads.values().stream().filter(h -> h.unrecorded != null || h.recording)
        .map(this::recordNow).toList()).mapEmpty());
  }

  /** Forgets a document's head (trashed, or restored from an archive). */
  void forget(String doc) {
    home.context().runOnContext(v -> heads.remove(doc));
  }

  private <T> Future<T> onHome(Supplier<Future<T>> work) {
    return home.run(work);
  }
}
