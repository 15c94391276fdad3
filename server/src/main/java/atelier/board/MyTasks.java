package atelier.board;

import atelier.auth.Caller;
import atelier.space.Membership;
import atelier.space.MembershipRepository;
import atelier.space.Space;
import atelier.space.SpaceRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * "My tasks": the cards assigned to the caller on every board of the spaces they still belong to
 * (leaving a space hides its cards at once), dated ones first by due date, each with its space and
 * board and whether it is done (in its board's last open column).
 */
final class MyTasks {
  private final CardRepository cards;
  private final BoardRepository boards;
  private final MembershipRepository members;
  private final SpaceRepository spaces;

  MyTasks(CardRepository cards, BoardRepository boards, MembershipRepository members, SpaceRepository spaces) {
    this.cards = cards;
    this.boards = boards;
    this.members = members;
    this.spaces = spaces;
  }

  record Task(Card card, Board board, Space space) {
    JsonObject toJson() {
      boolean done = board.doneColumn().map(card.column()::equals).orElse(false);
      String column = board.column(card.column()).map(Column::name).orElse("");
      return new JsonObject().put("card", card.toJson()).put("board", new JsonObject().put("id", board.id()).put("name", board.name()))
          .put("space", new JsonObject().put("id", space.id()).put("name", space.name()).put("state", space.state().wire()))
          .put("columnName", column).put("done", done);
    }
  }

  Future<List<Task>> of(Caller caller) {
    return Future.all(members.ofUser(caller.id()), cards.assignedTo(caller.id())).compose(both -> {
      Set<String> mine = both.<List<Membership>>resultAt(0).stream().map(Membership::space).collect(Collectors.toSet());
      List<Card> assigned = both.<List<Card>>resultAt(1).stream().filter(c -> mine.contains(c.space())).toList();
      List<String> boardIds = assigned.stream().map(Card::board).distinct().toList();
      List<Future<Optional<Space>>> spaceLookups = assigned.stream().map(Card::space).distinct().map(spaces::byId).toList();
      return Future.all(boards.byIds(boardIds), Future.all(spaceLookups)).map(found -> {
        Map<String, Board> byBoard = found.<List<Board>>resultAt(0).stream().collect(Collectors.toMap(Board::id, Function.identity()));
        Map<String, Space> bySpace = spaceLookups.stream().map(Future::result).flatMap(Optional::stream)
            .collect(Collectors.toMap(Space::id, Function.identity()));
        return assigned.stream().filter(c -> byBoard.containsKey(c.board()) && bySpace.containsKey(c.space()))
            .map(c -> new Task(c, byBoard.get(c.board()), bySpace.get(c.space())))
            .sorted(Comparator.comparing((Task t) -> t.card().due() == null ? "9999" : t.card().due()).thenComparing(t -> t.card().title()))
            .toList();
      });
    });
  }
}
