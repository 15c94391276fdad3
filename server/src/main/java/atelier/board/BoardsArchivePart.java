package atelier.board;

import atelier.bag.ArchivePart;
import atelier.bag.BagIn;
import atelier.bag.BagJson;
import atelier.bag.BagOut;
import atelier.errors.ApiError;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The boards of a space in its archive: {@code boards.jsonl} (every board as stored, columns and
 * swimlanes inside) and {@code cards.jsonl} (every card as stored, board by board in order), so a
 * restore keeps every id and position. People named by cards (authors, assignees, commenters) are
 * kept with the bag.
 */
final class BoardsArchivePart implements ArchivePart {
  private final BoardRepository boards;
  private final CardRepository cards;

  BoardsArchivePart(BoardRepository boards, CardRepository cards) {
    this.boards = boards;
    this.cards = cards;
  }

  @Override
  public String name() {
    return "boards";
  }

  @Override
  public Future<Void> export(String space, BagOut out) {
    return boards.raw(space).compose(list -> {
      out.count("Boards", list.size());
      out.people(list.stream().map(d -> d.getString("createdBy")).toList());
      return out.entry("boards.jsonl", BagJson.lines(list))
          .compose(v -> cards.raw(list.stream().map(d -> d.getString("_id")).toList()))
          .compose(all -> {
            out.count("Cards", all.size());
            for (Document c : all) {
              List<String> people = new ArrayList<>(c.getList("assignees", String.class, List.of()));
              people.add(c.getString("createdBy"));
              c.getList("comments", Document.class, List.of()).forEach(x -> people.add(x.getString("author")));
              out.people(people);
            }
            return out.entry("cards.jsonl", BagJson.lines(all));
          });
    });
  }

  @Override
  public Future<Void> check(String space, BagIn in) {
    if (!in.has("boards.jsonl")) return Future.succeededFuture();
    if (!in.has("cards.jsonl")) return Future.failedFuture(ApiError.badField("archive", "cards_missing"));
    return Future.all(in.read("boards.jsonl"), in.read("cards.jsonl")).map(both -> {
      ofSpace(both.resultAt(0), space);
      ofSpace(both.resultAt(1), space);
      return null;
    });
  }

  /** The documents of a JSON-lines entry, each of {@code space}, else the bag is refused. */
  private static List<Document> ofSpace(Buffer b, String space) {
    List<Document> out = new ArrayList<>();
    for (String line : b.toString().split("\n")) {
      if (line.isBlank()) continue;
      Document d = BagJson.parse(line);
      if (!space.equals(d.getString("space"))) throw ApiError.badField("archive", "board_of_another_space");
      out.add(d);
    }
    return out;
  }

  @Override
  public Future<Void> restore(String space, BagIn in) {
    if (!in.has("boards.jsonl")) return Future.succeededFuture();
    return Future.all(in.read("boards.jsonl"), in.read("cards.jsonl"))
        .compose(both -> boards.insertRaw(ofSpace(both.resultAt(0), space)).compose(v -> cards.insertRaw(ofSpace(both.resultAt(1), space))));
  }

  @Override
  public Future<Void> purge(String space) {
    return boards.raw(space).compose(list -> cards.removeOfBoards(list.stream().map(d -> d.getString("_id")).toList()))
        .compose(v -> boards.removeOfSpace(space));
  }
}
