package atelier.docs;

import atelier.auth.Caller;
import atelier.docs.ot.TextOperation;
import atelier.events.EventLog;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.text.TextRules;
import atelier.space.SpaceAccess;
import atelier.space.SpaceService;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.types.ObjectId;

/**
 * The rules of shared documents: members and coordinators of an active space create, rename and
 * edit; everyone who reads the space reads documents and their history; the creator or a
 * coordinator puts one in the trash, a coordinator takes it out. Content changes go to the
 * document's revision log ({@link DocumentHeads}), not to the space log, which gets
 * {@code document.created}, {@code document.updated} (title, trash, and content once edits pause)
 * and {@code document.deleted}.
 */
public final class DocumentService {
  static final int TITLE_MAX = 200;
  static final int HISTORY_PAGE = 2000;

  private final SpaceService spaces;
  private final DocumentRepository documents;
  private final RevisionLog revisions;
  private final DocumentHeads heads;
  private final EventLog events;
  private final long maxBytes;
  private java.util.function.BiConsumer<String, String> onTrashed = (space, doc) -> {};

  DocumentService(SpaceService spaces, DocumentRepository documents, RevisionLog revisions, DocumentHeads heads,
      EventLog events, long maxBytes) {
    this.spaces = spaces;
    this.documents = documents;
    this.revisions = revisions;
    this.heads = heads;
    this.events = events;
    this.maxBytes = maxBytes;
    heads.onIdleSnapshot(this::contentChanged);
  }

  /** Called with (space, document) once a document went to the trash (its open editors are told). */
  void onTrashed(java.util.function.BiConsumer<String, String> listener) {
    this.onTrashed = listener;
  }

  Future<Void> createIndexes() {
    return documents.createIndexes().compose(v -> revisions.createIndexes());
  }

  /** A document with its text (at the head or at a past revision). */
  record Opened(SharedDocument doc, long rev, long head, String text) {
    JsonObject toJson() {
      return doc.summary().put("rev", rev).put("head", head).put("text", text);
    }
  }

  Future<Opened> create(Caller caller, String space, String rawTitle, String text, String template) {
    String title = title(rawTitle);
    if (text != null && template != null) throw ApiError.badField("template", "with_text");
    if (template != null && !Templates.exists(template)) throw ApiError.badField("template", "unknown");
    String body = template != null ? Templates.text(template).orElseThrow() : text == null ? "" : text;
    checkText(body);
    return spaces.access(caller, space).map(SpaceAccess::requireWrite).compose(a -> {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      SharedDocument d = new SharedDocument(new ObjectId().toHexString(), space, title, 1, 1, body, now, caller.id(), now,
          caller.id(), false);
      // Revision 0 is the empty text and revision 1 the first text, so that a client always holds a
      // revision ≥ 1 and resumes with a real `since`. Snapshot and revision first: a record that
      // exists can be opened at any revision.
      Revision first = new Revision(d.id(), 1, TextOperation.builder().insert(body).build(), caller.id(), "create-" + d.id(), now);
      return revisions.snapshot(d.id(), 0, "")
          .compose(x -> revisions.insert(first))
          .compose(x -> documents.insert(d))
          .compose(x -> events.append(space, "document.created", caller.id(), new JsonObject().put("document", d.summary())))
          .map(e -> new Opened(d, 1, 1, body));
    });
  }

  Future<List<SharedDocument>> list(Caller caller, String space, boolean trashed) {
    return spaces.access(caller, space).map(a -> trashed ? a.requireCoordinator() : a.requireRead())
        .compose(a -> documents.ofSpace(space, trashed));
  }

  /** The document at its head, or at {@code rev} when given. */
  Future<Opened> get(Caller caller, String space, String id, Long rev) {
    return readable(caller, space, id).compose(d -> {
      if (rev == null) return heads.head(id).map(t -> new Opened(d, t.rev(), t.rev(), t.text()));
      return heads.head(id).compose(t -> {
        if (rev < 0 || rev > t.rev()) return Future.failedFuture(ApiError.badField("rev", "unknown"));
        return heads.textAt(id, rev).map(text -> new Opened(d, rev, t.rev(), text));
      });
    });
  }

  Future<SharedDocument> rename(Caller caller, String space, String id, String rawTitle) {
    String title = title(rawTitle);
    return writable(caller, space, id)
        .compose(d -> documents.update(id, Updates.set("title", title)))
        .map(o -> o.orElseThrow(ApiError::notFound))
        .compose(d -> updated(caller.id(), d));
  }

  Future<Void> trash(Caller caller, String space, String id) {
    return spaces.access(caller, space).map(SpaceAccess::requireWrite).compose(a -> found(space, id).compose(d -> {
      if (d.trashed()) return Future.succeededFuture();
      if (!a.coordinates() && !d.createdBy().equals(caller.id())) {
        return Future.failedFuture(ApiError.of(ErrorCode.FORBIDDEN, "error.not_document_creator"));
      }
      return documents.update(id, Updates.combine(Updates.set("trashed", true), Updates.set("trashedAt", new Date()),
              Updates.set("trashedBy", caller.id())))
          .onSuccess(x -> {
            heads.forget(id); // its live editors' operations are refused from now on
            onTrashed.accept(space, id);
          })
          .compose(x -> events.append(space, "document.deleted", caller.id(), new JsonObject().put("id", id)))
          .<Void>mapEmpty();
    }));
  }

  Future<SharedDocument> untrash(Caller caller, String space, String id) {
    return spaces.access(caller, space).map(SpaceAccess::requireCoordinator)
        .compose(a -> found(space, id))
        .compose(d -> documents.update(id, Updates.combine(Updates.set("trashed", false), Updates.unset("trashedAt"),
            Updates.unset("trashedBy"))))
        .map(o -> o.orElseThrow(ApiError::notFound))
        .compose(d -> updated(caller.id(), d));
  }

  /** Versions, newest first, grouped by author and time; {@code before}: the next page. */
  Future<JsonObject> history(Caller caller, String space, String id, Long before) {
    return readable(caller, space, id).compose(d -> heads.head(id).compose(t -> {
      long from = before == null ? t.rev() + 1 : Math.min(before, t.rev() + 1);
      return revisions.authorsBefore(id, from, HISTORY_PAGE).map(list -> {
        JsonArray versions = new JsonArray();
        DocumentHistory.group(list).forEach(v -> versions.add(v.toJson()));
        boolean more = list.size() == HISTORY_PAGE;
        long oldest = list.isEmpty() ? from : list.get(list.size() - 1).get("rev", Number.class).longValue();
        if (!more && !versions.isEmpty()) versions.getJsonObject(versions.size() - 1).put("created", true);
        JsonObject out = new JsonObject().put("id", id).put("head", t.rev()).put("versions", versions);
        if (more) out.put("before", oldest);
        return out;
      });
    }));
  }

  /** Makes the text of revision {@code rev} the current text again, as one new operation everyone sees live. */
  Future<JsonObject> restoreVersion(Caller caller, String space, String id, long rev) {
    return writable(caller, space, id).compose(d -> heads.head(id).compose(t -> {
      if (rev < 0 || rev > t.rev()) return Future.failedFuture(ApiError.badField("rev", "unknown"));
      return heads.textAt(id, rev).compose(old -> {
        TextOperation op = TextDiff.between(t.text(), old);
        return heads.commit(id, t.rev(), op, "restore-" + UUID.randomUUID(), caller.id(), null);
      });
    })).map(c -> new JsonObject().put("id", id).put("rev", c.rev()).put("restored", rev));
  }

  /** Applies an operation from a socket that joined the document (checked again: the space may have gone dormant). */
  Future<DocumentHeads.Committed> apply(Caller caller, String space, String id, long baseRev, TextOperation op, String clientId,
      DocumentHeads.Origin origin) {
    return spaces.cachedAccess(caller, space).map(SpaceAccess::requireWrite)
        .compose(a -> heads.commit(id, baseRev, op, clientId, caller.id(), origin));
  }

  /** For the live frames: fails unless the caller may read the document (in the trash: not found). */
  Future<Void> mayFollow(Caller caller, String space, String id) {
    return readable(caller, space, id).mapEmpty();
  }

  DocumentHeads heads() {
    return heads;
  }

  private void contentChanged(String id) {
    documents.find(id).onSuccess(o -> o.filter(d -> !d.trashed())
        .ifPresent(d -> events.append(d.space(), "document.updated", d.updatedBy(), new JsonObject().put("document", d.summary()))));
  }

  private Future<SharedDocument> updated(String actor, SharedDocument d) {
    return events.append(d.space(), "document.updated", actor, new JsonObject().put("document", d.summary())).map(d);
  }

  private Future<SharedDocument> readable(Caller caller, String space, String id) {
    return spaces.access(caller, space).map(SpaceAccess::requireRead).compose(a -> found(space, id)).map(d -> {
      if (d.trashed()) throw ApiError.notFound();
      return d;
    });
  }

  private Future<SharedDocument> writable(Caller caller, String space, String id) {
    return spaces.access(caller, space).map(SpaceAccess::requireWrite).compose(a -> found(space, id)).map(d -> {
      if (d.trashed()) throw ApiError.notFound();
      return d;
    });
  }

  private Future<SharedDocument> found(String space, String id) {
    return documents.find(id).map(o -> o.filter(d -> d.space().equals(space)).orElseThrow(ApiError::notFound));
  }

  private static String title(String raw) {
    String t = TextRules.requireName("title", raw == null ? null : raw.strip());
    if (t.length() > TITLE_MAX) throw ApiError.badField("title", "too_long");
    return t;
  }

  private void checkText(String text) {
    if (TextRules.hasLoneSurrogate(text) || text.indexOf('\0') >= 0) throw ApiError.badField("text", "invalid");
    if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw ApiError.of(ErrorCode.TOO_LARGE, "error.document_too_large", maxBytes);
    }
  }
}
