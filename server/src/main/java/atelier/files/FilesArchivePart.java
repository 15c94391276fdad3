package atelier.files;

import atelier.bag.ArchivePart;
import atelier.bag.BagEntryStream;
import atelier.bag.BagIn;
import atelier.bag.BagJson;
import atelier.bag.BagOut;
import atelier.bag.Pages;
import atelier.errors.ApiError;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The files of a space in its archive: {@code files.jsonl} (each file's record as stored, without its
 * preview, which belongs to an installation) and {@code files/<id>/<name>} (the bytes themselves,
 * streamed from the blob store into the bag with back-pressure). A restore streams each one back into
 * the blob store (deduplicated by SHA-256 like an upload), makes its preview again and stores its
 * record under its original id.
 */
final class FilesArchivePart implements ArchivePart {
  private final FileRepository files;
  private final BlobRefs refs;
  private final BlobStore blobs;
  private final Thumbnails thumbnails;
  private final java.util.function.Function<SharedFile, Future<Void>> release;

  FilesArchivePart(FileRepository files, BlobRefs refs, BlobStore blobs, Thumbnails thumbnails,
      java.util.function.Function<SharedFile, Future<Void>> release) {
    this.release = release;
    this.files = files;
    this.refs = refs;
    this.blobs = blobs;
    this.thumbnails = thumbnails;
  }

  @Override
  public String name() {
    return "files";
  }

  static String path(Document f) {
    return "files/" + f.getString("_id") + "/" + f.getString("name");
  }

  @Override
  public Future<Void> export(String space, BagOut out) {
    return files.raw(space).compose(list -> {
      List<Document> records = list.stream().map(d -> {
        Document copy = new Document(d);
        copy.remove("thumbnail");
        return copy;
      }).toList();
      out.count("Files", records.size());
      out.people(records.stream().map(d -> d.getString("uploadedBy")).toList());
      return out.entry("files.jsonl", BagJson.lines(records)).compose(v -> Pages.each(records, f -> bytes(f, out)));
    });
  }

  private Future<Void> bytes(Document f, BagOut out) {
    long size = ((Number) f.get("size")).longValue();
    return out.begin(path(f)).compose(v -> refs.key(f.getString("sha256"))).compose(key -> {
      BagEntryStream entry = new BagEntryStream(out);
      return blobs.read(key.orElseThrow(() -> new IllegalStateException("blob of file " + f.getString("_id") + " is missing")), 0, size, entry)
          .compose(v -> entry.flushed());
    }).compose(v -> out.end());
  }

  private static List<Document> records(String text, String space) {
    List<Document> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) continue;
      Document d = BagJson.parse(line);
      if (!space.equals(d.getString("space")) || d.getString("_id") == null || d.getString("sha256") == null
          || !(d.get("size") instanceof Number) || d.getString("type") == null || d.getString("name") == null) {
        throw ApiError.badField("archive", "file_record");
      }
      out.add(d);
    }
    return out;
  }

  @Override
  public Future<Void> check(String space, BagIn in) {
    if (!in.has("files.jsonl")) return Future.succeededFuture();
    return in.read("files.jsonl").map(b -> {
      for (Document d : records(b.toString(), space)) if (!in.has(path(d))) throw ApiError.badField("archive", "file_missing");
      return null;
    });
  }

  @Override
  public Future<Void> restore(String space, BagIn in) {
    if (!in.has("files.jsonl")) return Future.succeededFuture();
    return in.read("files.jsonl").compose(b -> Pages.each(records(b.toString(), space), d -> restoreOne(d, in)));
  }

  private Future<Void> restoreOne(Document d, BagIn in) {
    long size = ((Number) d.get("size")).longValue();
    return in.stream(path(d)).compose(file -> blobs.put(file).eventually(file::close))
        .compose(key -> refs.acquire(d.getString("sha256"), key, size).compose(kept -> {
          if (!kept.equals(key)) blobs.delete(key);
          return thumbnails.make(kept, d.getString("type"), size);
        }))
        .compose(thumb -> {
          Document record = new Document(d);
          thumb.ifPresent(t -> record.append("thumbnail", t));
          return files.insertRaw(record);
        });
  }

  @Override
  public Future<Void> purge(String space) {
    return files.ofSpace(space).compose(list -> Pages.each(list, f -> files.remove(space, f.id())
        .compose(removed -> removed.isEmpty() ? Future.<Void>succeededFuture() : release.apply(removed.get()))));
  }
}
