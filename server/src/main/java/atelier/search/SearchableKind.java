package atelier.search;

import atelier.events.Event;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A kind of findable thing, plugged into the index: messages and space cards now; documents, board
 * cards and files add one implementation each when they land (see docs/architecture.md, "Search").
 * A kind turns the events of a space's log into index changes, in log order, and says how a hit of
 * its kind opens (its link and the fields a client needs). A kind fed by its own stream (a document's
 * revision log) still reacts here to its space-log events ({@code document.created/updated/deleted})
 * and reads its current text from its repository when they arrive, so the log positions stay the
 * one checkpoint of the index.
 */
public interface SearchableKind {
  /** The {@code kind} of its results: {@code message}, {@code space}, later {@code document}… */
  String kind();

  /** Whether an event of this {@code kind} of the log may change what this kind has indexed. */
  boolean follows(String eventKind);

  /** What the event does to the index; the space is as the feed last read it (name, language). */
  Future<List<IndexChange>> changes(Event event, IndexedSpace space);

  /** Adds to a result what opens it: a link into the web client and the ids it is made of. */
  void describe(String space, String id, Map<String, String> attrs, JsonObject result);
}
