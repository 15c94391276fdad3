package atelier.docs;

import atelier.app.HttpVerticle;
import atelier.events.EventLog;
import atelier.http.Routes;
import atelier.realtime.FrameRegistry;
import atelier.space.SpaceService;
import atelier.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Shared documents as a feature: built once per node ({@link #create}), it owns the documents'
 * home context, their heads and live hub; {@link #routes} mounts the REST routes and registers the
 * WebSocket frames.
 */
public final class DocumentsModule {
  /** After this long without an operation, a document's head is kept as a snapshot. */
  static final long IDLE_MS = 5_000;
  private final DocumentService service;
  private final DocumentHub hub;

  private DocumentsModule(DocumentService service, DocumentHub hub) {
    this.service = service;
    this.hub = hub;
  }

  public static DocumentsModule create(Vertx vertx, Store store, SpaceService spaces, EventLog events, long maxBytes) {
    HomeContext home = new HomeContext(vertx);
    DocumentRepository documents = new DocumentRepository(store);
    RevisionLog revisions = new RevisionLog(store);
    DocumentHeads heads = new DocumentHeads(vertx, home, documents, revisions, maxBytes, IDLE_MS);
    DocumentService service = new DocumentService(spaces, documents, revisions, heads, events, maxBytes);
    return new DocumentsModule(service, new DocumentHub(vertx, home, heads));
  }

  public Future<Void> createIndexes() {
    return service.createIndexes();
  }

  /** The route module of the HTTP verticle; registers the frames in {@code frames}. */
  public HttpVerticle.RouteModule routes(FrameRegistry frames) {
    new DocumentFrames(service, hub).register(frames);
    DocumentRoutes routes = new DocumentRoutes(service);
    return new HttpVerticle.RouteModule() {
      @Override
      public void mount(Routes r) {
        routes.mount(r);
      }
    };
  }
}
