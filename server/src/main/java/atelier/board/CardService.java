package atelier.board;

import atelier.auth.Caller;
import atelier.chat.Message;
import atelier.chat.MessageRepository;
import atelier.events.EventLog;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.text.TextRules;
import atelier.space.Membership;
import atelier.space.MembershipRepository;
import atelier.store.StoreErrors;
import com.mongodb.client.model.Updates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Cards: created at the bottom of a column, edited over the version they were read at (a stale edit
 * gets the current card in a {@link CardConflict}, never overwrites), moved between neighbours by a
 * fresh position key (nothing else of the column is rewritten), deleted. Every change is an event of
 * the space's log carrying the whole card: a client that keeps, for each card, the highest version
 * it saw has exactly the order of {@code GET}.
 */
public final class CardService {
  public static final String CREATED = "card.created";
  public static final String UPDATED = "card.updated";
  public static final String MOVED = "card.moved";
  public static final String DELETED = "card.deleted";
  /** Draws of a key before giving up: a tie needs the same 3 random digits twice, so more than two is rare. */
  private static final int KEY_ATTEMPTS = 8;

  private final BoardService boards;
  private final CardRepository cards;
  private final MembershipRepository members;
  private final MessageRepository messages;
  private final EventLog log;
  private final PositionKeys keys;
  private final BoardClock clock;

  CardService(BoardService boards, CardRepository cards, MembershipRepository members, MessageRepository messages, EventLog log,
      PositionKeys keys, BoardClock clock) {
    this.boards = boards;
    this.cards = cards;
    this.members = members;
    this.messages = messages;
    this.log = log;
    this.keys = keys;
    this.clock = clock;
  }

  /** A board with its cards in order: by the board's column order, then position. */
  public record BoardView(Board board, List<Card> cards) {
    public JsonObject toJson() {
      return board.toJson().put("cards", new JsonArray(cards.stream().map(Card::toJson).toList()));
    }
  }

  public Future<BoardView> view(Caller caller, String space, String boardId, CardFilter filter) {
    return boards.readable(caller, space).compose(a -> boards.found(space, boardId))
        .compose(b -> cards.ofBoard(b.id()).map(all -> {
          Map<String, Card> byId = all.stream().collect(Collectors.toMap(Card::id, Function.identity()));
          String done = b.doneColumn().orElse(null);
          LocalDate today = clock.today();
          List<Card> shown = all.stream().filter(c -> filter.matches(c, today, done, byId))
              .sorted(Comparator.comparingInt((Card c) -> b.columnIndex(c.column())).thenComparing(Card::column).thenComparing(Card::position))
              .toList();
          return new BoardView(b, shown);
        }));
  }

  public Future<Card> create(Caller caller, String space, String boardId, CardDraft d) {
    String title = TextRules.requireName("title", d.title()).strip();
    List<String> labels = labels(d.labels());
    String due = due(d.due());
    return boards.writable(caller, space).compose(a -> boards.found(space, boardId)).compose(b -> {
      openColumn(b, d.column(), "column");
      swimlane(b, d.swimlane(), null);
      return Future.all(assignees(space, d.assignees()), blockers(b.id(), null, d.blockedBy()), message(space, d.message()))
          .compose(v -> insertAtBottom(b, d.column(), position -> new Card(BoardService.newId(), space, b.id(), d.column(), d.swimlane(),
              position, title, d.description() == null ? "" : d.description(), list(d.assignees()), labels, due, List.of(), List.of(),
              list(d.blockedBy()), d.links() == null ? List.of() : d.links(), d.message(), 1, BoardService.now(), caller.id(),
              BoardService.now()), 0));
    }).compose(c -> event(space, CREATED, caller, c));
  }

  private Future<Card> insertAtBottom(Board b, String column, Function<String, Card> make, int attempt) {
    return cards.neighbour(b.id(), column, null, null, false).compose(last -> {
      Card c = make.apply(keys.between(last.orElse(null), null));
      return cards.insert(c).map(c).recover(e -> StoreErrors.isDuplicateKey(e) && attempt < KEY_ATTEMPTS
          ? insertAtBottom(b, column, make, attempt + 1) : Future.failedFuture(e));
    });
  }

  public Future<Card> update(Caller caller, String space, String boardId, String cardId, CardChanges ch) {
    List<Bson> sets = new ArrayList<>();
    if (ch.title() != null) sets.add(Updates.set("title", TextRules.requireName("title", ch.title()).strip()));
    if (ch.description() != null) sets.add(Updates.set("description", ch.description()));
    if (ch.labels() != null) sets.add(Updates.set("labels", labels(ch.labels())));
    if (ch.due() != null) sets.add(ch.due().isEmpty() ? Updates.unset("due") : Updates.set("due", due(ch.due().get())));
    if (ch.checklist() != null) sets.add(Updates.set("checklist", checklist(ch.checklist())));
    if (ch.links() != null) sets.add(Updates.set("links", ch.links().stream().map(l -> new Document("kind", l.kind()).append("id", l.id())).toList()));
    if (ch.assignees() != null) sets.add(Updates.set("assignees", list(ch.assignees())));
    if (ch.blockedBy() != null) sets.add(Updates.set("blockedBy", list(ch.blockedBy())));
    return boards.writable(caller, space).compose(a -> boards.found(space, boardId)).compose(b -> {
      if (ch.swimlane() != null) sets.add(ch.swimlane().isEmpty() ? Updates.unset("swimlane") : Updates.set("swimlane", ch.swimlane().get()));
      return Future.all(assignees(space, ch.assignees()), blockers(b.id(), cardId, ch.blockedBy()), laneFor(b, cardId, ch.swimlane()));
    }).compose(v -> {
      sets.add(Updates.set("updatedAt", BoardService.now()));
      return cards.updateIfVersion(boardId, cardId, ch.version(), sets);
    }).compose(updated -> updated.isPresent() ? Future.succeededFuture(updated.get())
        // Not written: the card is gone (404) or someone changed it first (409 with the card as it is).
        : cards.find(boardId, cardId).map(now -> {
          throw now.<RuntimeException>map(CardConflict::new).orElseGet(ApiError::notFound);
        }))
        .compose(c -> event(space, UPDATED, caller, c));
  }

  public Future<Card> comment(Caller caller, String space, String boardId, String cardId, String text) {
    Card.Comment comment = new Card.Comment(BoardService.newId(), caller.id(), TextRules.requireText("text", text), BoardService.now());
    return boards.writable(caller, space).compose(a -> boards.found(space, boardId))
        .compose(b -> cards.updateAnyVersion(b.id(), cardId, List.of(Updates.push("comments", Document.parse(commentJson(comment))),
            Updates.set("updatedAt", comment.at()))))
        .map(o -> o.orElseThrow(ApiError::notFound))
        .compose(c -> event(space, UPDATED, caller, c));
  }

  private static String commentJson(Card.Comment c) {
    return new JsonObject().put("id", c.id()).put("author", c.author()).put("text", c.text()).put("at", c.at()).encode();
  }

  /**
   * Puts a card between two cards of a column ({@code after} above it, {@code before} below it; one
   * of them is enough, the other is then its neighbour; neither: the top), and into a swimlane when
   * one is given (empty: out of any lane; null: the lane stays). Only the moved card's column,
   * position and lane change, in one write: a card dragged to another lane is never in two places.
   */
  public Future<Card> move(Caller caller, String space, String boardId, String cardId, String column, String after, String before,
      Optional<String> lane) {
    if (cardId.equals(after) || cardId.equals(before)) throw ApiError.badField(cardId.equals(after) ? "after" : "before", "same_card");
    return boards.writable(caller, space).compose(a -> boards.found(space, boardId)).compose(b -> {
      openColumn(b, column, "column");
      return cards.find(b.id(), cardId).map(o -> o.orElseThrow(ApiError::notFound)).compose(card -> {
        if (lane != null) swimlane(b, lane.orElse(null), card);
        return placeAndWrite(b, card, column, after, before, lane, 0);
      });
    }).compose(c -> event(space, MOVED, caller, c));
  }

  private Future<Card> placeAndWrite(Board b, Card card, String column, String after, String before, Optional<String> lane, int attempt) {
    return Future.all(anchor(b.id(), column, after, "after"), anchor(b.id(), column, before, "before")).compose(anchors -> {
      Optional<String> lo = anchors.resultAt(0);
      Optional<String> hi = anchors.resultAt(1);
      Future<Optional<String>> low = after != null || before == null ? Future.succeededFuture(lo)
          : cards.neighbour(b.id(), column, hi.orElseThrow(), card.id(), false);
      Future<Optional<String>> high = before != null ? Future.succeededFuture(hi)
          : cards.neighbour(b.id(), column, lo.orElse(null), card.id(), true);
      return Future.all(low, high);
    }).compose(bounds -> {
      String lo = bounds.<Optional<String>>resultAt(0).orElse(null);
      String hi = bounds.<Optional<String>>resultAt(1).orElse(null);
      if (lo != null && hi != null && lo.compareTo(hi) >= 0) throw ApiError.badField("before", "not_below_after");
      List<Bson> sets = new ArrayList<>(List.of(Updates.set("column", column), Updates.set("position", keys.between(lo, hi)),
          Updates.set("updatedAt", BoardService.now())));
      if (lane != null) sets.add(lane.isEmpty() ? Updates.unset("swimlane") : Updates.set("swimlane", lane.get()));
      return cards.updateAnyVersion(b.id(), card.id(), sets);
    }).map(o -> o.orElseThrow(ApiError::notFound))
        .recover(e -> StoreErrors.isDuplicateKey(e) && attempt < KEY_ATTEMPTS
            ? placeAndWrite(b, card, column, after, before, lane, attempt + 1) : Future.failedFuture(e));
  }

  /** The position of an {@code after}/{@code before} card, which must be a card of the target column. */
  private Future<Optional<String>> anchor(String board, String column, String id, String field) {
    if (id == null) return Future.succeededFuture(Optional.empty());
    return cards.find(board, id).map(o -> {
      if (o.isEmpty() || !o.get().column().equals(column)) throw ApiError.badField(field, "not_in_column");
      return Optional.of(o.get().position());
    });
  }

  public Future<Void> delete(Caller caller, String space, String boardId, String cardId) {
    return boards.writable(caller, space).compose(a -> boards.found(space, boardId))
        .compose(b -> cards.remove(b.id(), cardId))
        .compose(removed -> removed.isEmpty() ? Future.failedFuture(ApiError.notFound())
            : log.append(space, DELETED, caller.id(), new JsonObject().put("id", cardId).put("board", boardId)).mapEmpty());
  }

  /**
   * Cards for the deliverables of the space's mandate, at the bottom of the board's first open
   * column, in the mandate's order; a deliverable that already has a card of that title is skipped,
   * so seeding twice adds nothing.
   */
  public Future<List<Card>> seedFromMandate(Caller caller, String space, String boardId) {
    return boards.writable(caller, space).compose(a -> {
      if (a.space().mandate() == null) throw ApiError.badField("mandate", "none");
      List<String> titles = MandateSeed.titles(a.space().mandate().deliverables());
      return boards.found(space, boardId).compose(b -> cards.ofBoard(b.id()).compose(existing -> {
        Set<String> present = existing.stream().map(Card::title).collect(Collectors.toSet());
        String column = b.columns().stream().filter(c -> !c.archived()).findFirst().map(Column::id)
            .orElseThrow(() -> ApiError.badField("columns", "none_open"));
        Future<List<Card>> chain = Future.succeededFuture(new ArrayList<>());
        for (String t : titles) {
          if (present.contains(t)) continue;
          CardDraft d = new CardDraft(column, null, t, "", null, List.of("Livrable"), null, null, null, null);
          chain = chain.compose(made -> create(caller, space, boardId, d).map(c -> {
            made.add(c);
            return made;
          }));
        }
        return chain;
      }));
    });
  }

  private Future<Card> event(String space, String kind, Caller caller, Card c) {
    return log.append(space, kind, caller.id(), new JsonObject().put("card", c.toJson())).map(c);
  }

  // ---- checks ----

  private static void openColumn(Board b, String column, String field) {
    Optional<Column> c = b.column(column);
    if (c.isEmpty() || c.get().archived()) throw ApiError.badField(field, "unknown");
  }

  /** A lane a card goes into must be one of the board's; an archived one only keeps the cards already in it. */
  private static void swimlane(Board b, String lane, Card card) {
    if (lane == null) return;
    Swimlane l = b.swimlane(lane).orElseThrow(() -> ApiError.badField("swimlane", "unknown"));
    if (l.archived() && (card == null || !lane.equals(card.swimlane()))) throw ApiError.badField("swimlane", "archived");
  }

  /** The lane a PATCH puts a card into; the card is read only when that lane is archived (it must already be there). */
  private Future<Void> laneFor(Board b, String cardId, Optional<String> lane) {
    if (lane == null || lane.isEmpty()) return Future.succeededFuture();
    Swimlane l = b.swimlane(lane.get()).orElseThrow(() -> ApiError.badField("swimlane", "unknown"));
    if (!l.archived()) return Future.succeededFuture();
    // A card that is gone is the update's 404, not this check's 400.
    return cards.find(b.id(), cardId).map(o -> {
      o.ifPresent(c -> swimlane(b, lane.get(), c));
      return null;
    });
  }

  /** Assignees must be people of the space, any role. */
  private Future<Void> assignees(String space, List<String> ids) {
    if (ids == null || ids.isEmpty()) return Future.succeededFuture();
    return members.ofSpace(space).map(ms -> {
      Set<String> people = ms.stream().map(Membership::user).collect(Collectors.toSet());
      if (!people.containsAll(ids)) throw ApiError.badField("assignees", "not_member");
      return null;
    });
  }

  /** Blockers must be other cards of the same board. */
  private Future<Void> blockers(String board, String self, List<String> ids) {
    if (ids == null || ids.isEmpty()) return Future.succeededFuture();
    List<String> distinct = ids.stream().distinct().toList();
    if (self != null && distinct.contains(self)) throw ApiError.badField("blockedBy", "self");
    return cards.countIn(board, distinct).map(n -> {
      if (n != distinct.size()) throw ApiError.badField("blockedBy", "unknown");
      return null;
    });
  }

  /** The chat message a card is made from must be a live message of the same space. */
  private Future<Void> message(String space, String id) {
    if (id == null) return Future.succeededFuture();
    return messages.byId(id).map(m -> {
      if (m.isEmpty() || !m.get().space().equals(space) || m.get().deleted()) throw ApiError.badField("message", "unknown");
      return null;
    });
  }

  private static List<String> labels(List<String> raw) {
    if (raw == null) return List.of();
    Set<String> out = new LinkedHashSet<>();
    for (String l : raw) out.add(TextRules.requireName("labels", l).strip());
    return List.copyOf(out);
  }

  private static String due(String raw) {
    if (raw == null) return null;
    try {
      return LocalDate.parse(raw).toString();
    } catch (DateTimeParseException e) {
      throw ApiError.badField("due", "invalid");
    }
  }

  private static List<Document> checklist(List<Card.ChecklistItem> items) {
    Set<String> ids = new HashSet<>();
    List<Document> out = new ArrayList<>();
    for (Card.ChecklistItem i : items) {
      String id = i.id() == null ? BoardService.newId() : i.id();
      if (!ids.add(id)) throw ApiError.badField("checklist", "duplicate");
      out.add(new Document("id", id).append("text", TextRules.requireName("checklist", i.text()).strip()).append("done", i.done()));
    }
    return out;
  }

  private static List<String> list(List<String> l) {
    return l == null ? List.of() : List.copyOf(new LinkedHashSet<>(l));
  }

  static ApiError conflictError() {
    return ApiError.of(ErrorCode.CONFLICT, "error.card_conflict");
  }
}
