package atelier.docs;

import atelier.events.EventLog;
import atelier.http.Routes;
import atelier.platform.Feature;
import atelier.platform.Platform;
import atelier.platform.Signal;
import atelier.platform.StreamEntry;
import atelier.platform.StreamType;
import atelier.space.SpaceService;
import atelier.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Set;

/**
 * Shared documents on the platform: REST routes, the {@code doc} stream (a document's revision log,
 * followed with {@code doc.join}/{@code doc.leave}, with presence), the {@code doc.op} frame, the
 * {@code doc.cursor} signal, and the {@code document.*} event kinds of the space log. Built once per
 * node in {@code Services}; it owns the documents' home context and heads.
 */
public final class DocumentsFeature implements Feature {
  /** After this long without an operation, a document's head is kept as a snapshot. */
  static final long IDLE_MS = 5_000;
  private final DocumentService service;
  private final DocumentHeads heads;
  private final DocumentRoutes routes;
  private final DocumentsArchivePart archivePart;

  private DocumentsFeature(DocumentService service, DocumentHeads heads, DocumentsArchivePart archivePart) {
    this.service = service;
    this.heads = heads;
    this.routes = new DocumentRoutes(service);
    this.archivePart = archivePart;
  }

  /** What documents put in a space's archive (records, texts, revision logs, snapshots). */
  public atelier.bag.ArchivePart archivePart() {
    return archivePart;
  }

  public static DocumentsFeature create(Vertx vertx, Store store, SpaceService spaces, EventLog events, Platform platform,
      long maxBytes) {
    HomeContext home = new HomeContext(vertx);
    DocumentRepository documents = new DocumentRepository(store);
    RevisionLog revisions = new RevisionLog(store);
    DocumentHeads heads = new DocumentHeads(vertx, home, documents, revisions, maxBytes, IDLE_MS);
    // Each revision is published once durable; the platform delivers it in order on every node.
    heads.onCommitted((space, r, origin) -> {
      String key = DocumentStream.key(space, r.doc());
      StreamEntry entry = StreamEntry.of(r.rev(), DocumentStream.opFrame(space, r));
      if (origin != null) entry = entry.from(origin.connection(), DocumentStream.ack(space, r.doc(), r.rev(), origin.ref()));
      platform.streams().publish(DocumentStream.NAME, key, entry);
    });
    DocumentService service = new DocumentService(spaces, documents, revisions, heads, events, maxBytes);
    // Those who have it open are told at once (doc.left, reason trashed), on every node; their client stops
    // editing, keeps what it could not send for the person to copy, and leaves.
    service.onTrashed((space, doc) -> {
      String key = DocumentStream.key(space, doc);
      platform.signals().publish(Signal.toFollowers(DocumentStream.NAME, key, DocumentStream.leftFrame(key, "trashed")));
    });
    return new DocumentsFeature(service, heads, new DocumentsArchivePart(store, heads));
  }

  public Future<Void> createIndexes() {
    return service.createIndexes();
  }

  @Override
  public void register(Platform platform) {
    platform.eventKinds(false, "document.*");
    platform.stream(new StreamType(DocumentStream.NAME, "doc.join", "doc.leave", Set.of("space", "doc"),
        new DocumentStream(service, heads)).withPresence(DocumentStream::presence));
    new DocumentFrames(service).register(platform);
  }

  @Override
  public void mount(Routes r) {
    routes.mount(r);
  }
}
