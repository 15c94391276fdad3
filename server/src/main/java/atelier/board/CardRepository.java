package atelier.board;

import atelier.store.Reactive;
import atelier.store.Store;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code cards} collection. The unique index {@code (board, column, position)} is both the order
 * of a board (read in one range) and what keeps two cards from sharing a place; {@code (assignees, due)}
 * serves "my tasks" and {@code (due)} the reminders.
 */
final class CardRepository {
  private final MongoCollection<Document> cards;

  CardRepository(Store store) {
    this.cards = store.collection("cards");
  }

  Future<Void> createIndexes() {
    return Reactive.one(cards.createIndex(Indexes.ascending("board", "column", "position"), new IndexOptions().unique(true)))
        .compose(x -> Reactive.one(cards.createIndex(Indexes.ascending("assignees", "due"))))
        .compose(x -> Reactive.one(cards.createIndex(Indexes.ascending("due"))))
        .mapEmpty();
  }

  Future<Void> insert(Card c) {
    return Reactive.one(cards.insertOne(c.toDocument())).mapEmpty();
  }

  Future<Optional<Card>> find(String board, String id) {
    return Reactive.first(cards.find(Filters.and(Filters.eq("_id", id), Filters.eq("board", board)))).map(o -> o.map(Card::from));
  }

  /** Every card of a board, by column id then position (the caller orders the columns as the board does). */
  Future<List<Card>> ofBoard(String board) {
    return Reactive.list(cards.find(Filters.eq("board", board)).sort(Sorts.ascending("column", "position")))
        .map(l -> l.stream().map(Card::from).toList());
  }

  Future<Long> countIn(String board, List<String> ids) {
    return Reactive.one(cards.countDocuments(Filters.and(Filters.eq("board", board), Filters.in("_id", ids))));
  }

  /**
   * The position of the card just after ({@code after}) or before {@code position} in a column
   * ({@code position} null: from the start or the end), leaving out the card being moved.
   */
  Future<Optional<String>> neighbour(String board, String column, String position, String exclude, boolean after) {
    List<Bson> filter = new ArrayList<>(List.of(Filters.eq("board", board), Filters.eq("column", column)));
    if (exclude != null) filter.add(Filters.ne("_id", exclude));
    if (position != null) filter.add(after ? Filters.gt("position", position) : Filters.lt("position", position));
    return Reactive.first(cards.find(Filters.and(filter)).sort(after ? Sorts.ascending("position") : Sorts.descending("position"))
        .limit(1)).map(o -> o.map(d -> d.getString("position")));
  }

  /** Sets fields if the card is still at {@code version}; empty if it is not (or is gone). */
  Future<Optional<Card>> updateIfVersion(String board, String id, long version, List<Bson> sets) {
    return update(Filters.and(Filters.eq("_id", id), Filters.eq("board", board), Filters.eq("version", version)), sets);
  }

  Future<Optional<Card>> updateAnyVersion(String board, String id, List<Bson> sets) {
    return update(Filters.and(Filters.eq("_id", id), Filters.eq("board", board)), sets);
  }

  private Future<Optional<Card>> update(Bson filter, List<Bson> sets) {
    List<Bson> all = new ArrayList<>(sets);
    all.add(Updates.inc("version", 1L));
    return Reactive.one(cards.findOneAndUpdate(filter, Updates.combine(all), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(d -> Optional.ofNullable(d).map(Card::from));
  }

  /** Removes the card; only the caller that removed it gets it back (one {@code card.deleted}). */
  Future<Optional<Card>> remove(String board, String id) {
    return Reactive.one(cards.findOneAndDelete(Filters.and(Filters.eq("_id", id), Filters.eq("board", board))))
        .map(d -> Optional.ofNullable(d).map(Card::from));
  }

  /** Cards assigned to {@code user}, soonest due first (undated last is the caller's business). */
  Future<List<Card>> assignedTo(String user) {
    return Reactive.list(cards.find(Filters.eq("assignees", user)).sort(Sorts.ascending("due")).limit(1000))
        .map(l -> l.stream().map(Card::from).toList());
  }

  /** Cards due in {@code [from, to]} whose reminder for that date has not been sent. */
  Future<List<Card>> dueUnreminded(String from, String to) {
    return Reactive.list(cards.find(Filters.and(Filters.gte("due", from), Filters.lte("due", to))).sort(Sorts.ascending("due")))
        .map(l -> l.stream().filter(d -> !d.getString("due").equals(d.getString("remindedFor"))).map(Card::from).toList());
  }

  /** Notes that the reminder of the card's current due date is sent (unless the date changed meanwhile). */
  Future<Void> markReminded(String id, String due) {
    return Reactive.one(cards.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("due", due)), Updates.set("remindedFor", due)))
        .mapEmpty();
  }

  // ---- archives (atelier.bag): cards as stored, in board order ----

  Future<List<Document>> raw(List<String> boardIds) {
    if (boardIds.isEmpty()) return Future.succeededFuture(List.of());
    return Reactive.list(cards.find(Filters.in("board", boardIds)).sort(Sorts.ascending("board", "column", "position")));
  }

  Future<Void> insertRaw(List<Document> docs) {
    return docs.isEmpty() ? Future.succeededFuture() : Reactive.one(cards.insertMany(docs)).mapEmpty();
  }

  Future<Void> removeOfBoards(List<String> boardIds) {
    if (boardIds.isEmpty()) return Future.succeededFuture();
    return Reactive.one(cards.deleteMany(Filters.in("board", boardIds))).mapEmpty();
  }
}
