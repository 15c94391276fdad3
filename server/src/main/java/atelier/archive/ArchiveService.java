package atelier.archive;

import atelier.auth.Caller;
import atelier.bag.ArchivePart;
import atelier.bag.ArchiveParts;
import atelier.bag.BagFormat;
import atelier.bag.BagIn;
import atelier.bag.BagJson;
import atelier.bag.BagReader;
import atelier.bag.BagWriter;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.space.ArchiveRecord;
import atelier.space.Space;
import atelier.space.SpaceRepository;
import atelier.space.SpaceService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A space's archive: export as a BagIt bag streamed into the response, restore of a bag (verified
 * whole first, then imported with its ids, the space itself last so that it appears only complete),
 * and the purge that leaves a tombstone once an archive is recorded. The archive writes the space,
 * its members and the people its content names; every feature writes its own part ({@link ArchivePart}).
 */
public final class ArchiveService {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveService.class);
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final ArchiveStore store;
  private final SpaceService spaces;
  private final SpaceRepository spaceRepository;
  private final ArchiveParts parts;
  private final Clock clock;

  public ArchiveService(Vertx vertx, atelier.store.Store store, SpaceService spaces, SpaceRepository spaceRepository, ArchiveParts parts,
      Clock clock) {
    this.vertx = vertx;
    this.store = new ArchiveStore(store);
    this.spaces = spaces;
    this.spaceRepository = spaceRepository;
    this.parts = parts;
    this.clock = clock;
  }

  /** Who may download a space's archive: its coordinators and administrators; nothing of a tombstone. */
  public Future<Space> mayExport(Caller caller, String spaceId) {
    return spaces.access(caller, spaceId).map(a -> {
      if (!a.coordinates()) throw ApiError.forbidden();
      if (a.space().purgedAt() != null) throw ApiError.of(ErrorCode.CONFLICT, "error.purged");
      return a.space();
    });
  }

  // ---- export ----

  /** Writes the bag of a space (checked by {@link #mayExport}) into {@code out} and records its SHA-256. */
  public Future<BagWriter.Written> export(Caller caller, Space space, WriteStream<Buffer> out, java.util.function.Consumer<BagWriter> started) {
    BagWriter bag = new BagWriter(vertx, out, BagFormat.root(space.id()), this::names);
    started.accept(bag);
    String id = space.id();
    return store.space(id).map(o -> o.orElseThrow(ApiError::notFound))
        .compose(doc -> bag.entry("space.json", Buffer.buffer(BagJson.line(withoutInstallation(doc)) + "\n")))
        .compose(v -> bag.entry("mandates.json", Buffer.buffer(Mandates.of(space).encodePrettily() + "\n")))
        .compose(v -> store.memberships(id))
        .compose(ms -> {
          bag.count("Members", ms.size());
          bag.people(ms.stream().map(m -> m.getString("user")).toList());
          return bag.entry("members.jsonl", BagJson.lines(ms));
        })
        .compose(v -> {
          Future<Void> chain = Future.succeededFuture();
          for (ArchivePart p : parts.forExport()) chain = chain.compose(x -> p.export(id, bag));
          return chain;
        })
        .compose(v -> people(bag))
        .compose(v -> bag.finish(info(space)))
        .compose(written -> spaceRepository.recordArchive(id, new ArchiveRecord(written.sha256(), written.bytes(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS), caller.id())).map(written));
  }

  /** What belongs to this installation rather than to the space's content. */
  private static Document withoutInstallation(Document doc) {
    Document d = new Document(doc);
    d.remove("archive");
    d.remove("purgedAt");
    return d;
  }

  private Future<Void> people(BagWriter bag) {
    Set<String> ids = new TreeSet<>(bag.people());
    ids.remove(atelier.chat.ChatService.SYSTEM_AUTHOR);
    return store.people(ids).compose(people -> {
      bag.count("People", people.size());
      Set<String> orgs = people.stream().map(p -> p.getString("organisation")).filter(o -> o != null).collect(Collectors.toCollection(TreeSet::new));
      return bag.entry("people.jsonl", BagJson.lines(people))
          .compose(v -> store.organisations(orgs))
          .compose(list -> bag.entry("organisations.jsonl", BagJson.lines(list)));
    });
  }

  private Future<Map<String, String>> names(Collection<String> ids) {
    return store.people(ids).map(list -> {
      Map<String, String> out = new HashMap<>();
      for (Document p : list) out.put(p.getString("_id"), p.getString("name"));
      out.put(atelier.chat.ChatService.SYSTEM_AUTHOR, "Atelier");
      return out;
    });
  }

  /** bag-info.txt: only what the content decides, so the same content gives the same bytes. */
  private static Map<String, String> info(Space s) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("Source-Organization", "Atelier");
    info.put("External-Identifier", s.id());
    info.put("External-Description", s.name());
    Instant dated = s.stateChangedAt() != null ? s.stateChangedAt() : s.createdAt();
    info.put("Bagging-Date", dated.atZone(ZoneOffset.UTC).toLocalDate().toString());
    info.put("Bag-Software-Agent", "Atelier " + BagFormat.version());
    info.put("Atelier-Version", BagFormat.version());
    info.put("Atelier-Format-Version", BagFormat.FORMAT_VERSION);
    info.put("Atelier-Space-Kind", s.kind());
    info.put("Atelier-Space-State", s.state().wire());
    info.put("Atelier-Space-Created", s.createdAt().toString());
    if (s.mandate() != null) {
      info.put("Atelier-Mandate-Start", s.mandate().start().toString());
      info.put("Atelier-Mandate-End", s.mandate().end().toString());
    }
    return info;
  }

  // ---- restore ----

  /** Restores the bag spooled in {@code file} (administrators): verified whole, then imported; 409 if the space exists. */
  public Future<String> restore(Caller caller, Path file) {
    if (!caller.admin()) return Future.failedFuture(ApiError.forbidden());
    return BagReader.open(vertx, file).compose(bag -> restoreFrom(bag).eventually(() -> vertx.executeBlocking(() -> {
      bag.close();
      return null;
    })));
  }

  private Future<String> restoreFrom(BagReader bag) {
    if (!bag.has("space.json") || !bag.has("members.jsonl") || !bag.has("people.jsonl")) {
      return Future.failedFuture(ApiError.badField("archive", "space_missing"));
    }
    return bag.read("space.json").compose(b -> {
      Document space = BagJson.parse(b.toString().strip());
      String id = space.getString("_id");
      if (id == null || !id.equals(bag.info().get("External-Identifier")) || space.getString("kind") == null
          || space.getString("name") == null || space.getDate("createdAt") == null) {
        throw ApiError.badField("archive", "space_record");
      }
      return checkAll(id, bag)
          .compose(v -> store.space(id))
          .compose(existing -> existing.isPresent()
              ? Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.space_exists"))
              : store.claim(id))
          .compose(claimed -> claimed ? importAll(id, space, bag) : Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.space_exists")))
          .map(id);
    });
  }

  private Future<Void> checkAll(String id, BagIn bag) {
    Future<Void> chain = bag.read("members.jsonl").map(b -> {
      for (Document m : lines(b)) if (!id.equals(m.getString("space")) || m.getString("user") == null) throw ApiError.badField("archive", "member_record");
      return null;
    }).compose(v -> bag.read("people.jsonl")).map(b -> {
      for (Document p : lines(b)) if (p.getString("_id") == null || p.getString("name") == null) throw ApiError.badField("archive", "person_record");
      return null;
    });
    for (ArchivePart p : parts.forRestore()) chain = chain.compose(v -> p.check(id, bag));
    return chain;
  }

  private static List<Document> lines(Buffer b) {
    List<Document> out = new ArrayList<>();
    for (String l : b.toString().split("\n")) if (!l.isBlank()) out.add(BagJson.parse(l));
    return out;
  }

  /**
   * Writes everything, the space last: until then it is invisible. Should a write fail half-way,
   * what was written is removed again, so nothing half-imported stays.
   */
  private Future<Void> importAll(String id, Document space, BagIn bag) {
    Document dormant = new Document(space);
    dormant.put("state", "dormant");
    Future<Void> chain = restorePeople(bag)
        .compose(v -> bag.read("members.jsonl")).compose(b -> store.insertMemberships(lines(b)));
    for (ArchivePart p : parts.forRestore()) chain = chain.compose(v -> p.restore(id, bag));
    return chain.compose(v -> store.insertSpace(dormant))
        .recover(e -> {
          LOG.warn("Restore of space {} failed half-way, undoing it: {}", id, e.toString());
          return undo(id).transform(x -> Future.failedFuture(e));
        })
        .eventually(() -> store.release(id));
  }

  private Future<Void> undo(String id) {
    Future<Void> chain = store.deleteMemberships(id);
    for (ArchivePart p : parts.forRestore()) chain = chain.compose(v -> p.purge(id));
    return chain;
  }

  /** People who have no account here get a disabled one with their id, name and organisation only. */
  private Future<Void> restorePeople(BagIn bag) {
    Map<String, String> orgIds = new HashMap<>();
    Future<Void> orgs = bag.has("organisations.jsonl") ? bag.read("organisations.jsonl").compose(b -> {
      Future<Void> chain = Future.succeededFuture();
      for (Document o : lines(b)) {
        chain = chain.compose(v -> store.insertOrganisationIfAbsent(o)).compose(v -> store.organisationId(o))
            .map(found -> {
              found.ifPresent(x -> orgIds.put(o.getString("_id"), x));
              return null;
            });
      }
      return chain;
    }) : Future.succeededFuture();
    return orgs.compose(v -> bag.read("people.jsonl")).compose(b -> {
      Future<Void> chain = Future.succeededFuture();
      for (Document p : lines(b)) {
        String pid = p.getString("_id");
        Document account = new Document("_id", pid).append("email", pid + "@archive.invalid").append("name", p.getString("name"))
            .append("organisation", orgIds.get(p.getString("organisation"))).append("admin", false).append("locale", "fr")
            .append("disabled", true).append("passwordHash", null).append("createdAt", java.util.Date.from(clock.instant()))
            .append("restoredFromArchive", true);
        chain = chain.compose(v -> store.user(pid)).compose(u -> u.isPresent() ? Future.succeededFuture() : store.insertUserIfAbsent(account).mapEmpty());
      }
      return chain;
    });
  }

  // ---- retention ----

  /**
   * Purges a dormant space whose archive was downloaded after it fell dormant and after its closing
   * summary was last written (administrators), given
   * that archive's SHA-256 as proof it is kept: its content goes, its card stays as a tombstone with
   * the closing summary.
   */
  public Future<String> purge(Caller caller, String spaceId, String sha256) {
    if (!caller.admin()) return Future.failedFuture(ApiError.forbidden());
    return spaces.access(caller, spaceId).compose(a -> {
      Space s = a.space();
      if (s.purgedAt() != null) throw ApiError.of(ErrorCode.CONFLICT, "error.purged");
      if (!s.dormant()) throw ApiError.of(ErrorCode.CONFLICT, "error.not_dormant");
      // The bag must hold the final content: taken after the space fell dormant and after its closing summary was last written.
      if (s.archive() == null || (s.stateChangedAt() != null && s.archive().at().isBefore(s.stateChangedAt()))
          || (s.closing() != null && s.archive().at().isBefore(s.closing().at()))) {
        throw ApiError.of(ErrorCode.CONFLICT, "error.not_archived");
      }
      if (!s.archive().sha256().equals(sha256)) throw ApiError.of(ErrorCode.CONFLICT, "error.archive_mismatch");
      return spaceRepository.markPurged(spaceId, sha256, clock.instant().truncatedTo(ChronoUnit.MILLIS))
          .map(o -> o.orElseThrow(() -> ApiError.of(ErrorCode.CONFLICT, "error.conflict")))
          .compose(marked -> undo(spaceId)).map(spaceId);
    });
  }

}
