package atelier.events;

import atelier.bag.ArchivePart;
import atelier.bag.BagIn;
import atelier.bag.BagJson;
import atelier.bag.BagOut;
import atelier.bag.Pages;
import atelier.errors.ApiError;
import io.vertx.core.Future;
import java.util.List;
import org.bson.Document;

/**
 * A space's event log in its archive, {@code events.jsonl}: every event as stored, in seq order, read
 * a page at a time along the {@code (space, seq)} index. It is the space's whole history — who did
 * what and when, earlier texts of edited messages, every lifecycle transition with its reason. A
 * restore puts it back with the same seqs and moves the space's counter past them, so new events
 * (there are none while dormant, but after a reactivation) continue the sequence.
 */
public final class EventsArchivePart implements ArchivePart {
  static final int PAGE = 1000;
  private final EventLog log;

  public EventsArchivePart(EventLog log) {
    this.log = log;
  }

  @Override
  public String name() {
    return "events";
  }

  @Override
  public Future<Void> export(String space, BagOut out) {
    return out.begin("events.jsonl").compose(v -> pages(space, 0, out)).compose(v -> out.end());
  }

  private Future<Void> pages(String space, long after, BagOut out) {
    return Pages.forEach(after, PAGE, from -> log.rawPage(space, from, PAGE), d -> ((Number) d.get("seq")).longValue(), page -> {
      out.count("Events", page.size());
      out.people(page.stream().map(d -> d.getString("actor")).toList());
      return out.append(BagJson.lines(page));
    });
  }

  @Override
  public Future<Void> check(String space, BagIn in) {
    return in.has("events.jsonl") ? Future.succeededFuture() : Future.failedFuture(ApiError.badField("archive", "events_missing"));
  }

  @Override
  public Future<Void> restore(String space, BagIn in) {
    return in.lines("events.jsonl", PAGE, lines -> {
      List<Document> docs = lines.stream().map(BagJson::parse).toList();
      for (Document d : docs) {
        if (!space.equals(d.getString("space")) || !(d.get("seq") instanceof Long)) {
          return Future.failedFuture(ApiError.badField("archive", "event_record"));
        }
      }
      return log.insertRaw(space, docs);
    });
  }

  @Override
  public Future<Void> purge(String space) {
    return log.deleteSpace(space);
  }
}
