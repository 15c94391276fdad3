package atelier.board;

import atelier.auth.Authenticator;
import atelier.auth.Caller;
import atelier.http.ErrorMapper;
import atelier.http.Http;
import atelier.http.Routes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/** REST edge of boards: reads the (already contract-validated) request, calls the services, writes JSON. */
final class BoardRoutes {
  private static final String BOARDS = "/api/spaces/:id/boards";
  private static final String BOARD = BOARDS + "/:board";
  private static final String CARD = BOARD + "/cards/:card";

  private final BoardService boards;
  private final CardService cards;
  private final MyTasks tasks;

  BoardRoutes(BoardService boards, CardService cards, MyTasks tasks) {
    this.boards = boards;
    this.cards = cards;
    this.tasks = tasks;
  }

  void mount(Routes r) {
    r.get(BOARDS, "listBoards", ctx -> boards.list(caller(ctx), space(ctx))
        .compose(l -> Http.json(ctx, 200, new JsonObject().put("boards", new JsonArray(l.stream().map(Board::toJson).toList())))));
    r.post(BOARDS, "createBoard", this::create);
    r.get(BOARD, "getBoard", ctx -> cards.view(caller(ctx), space(ctx), ctx.pathParam("board"), filter(ctx))
        .compose(v -> Http.json(ctx, 200, v.toJson())));
    r.patch(BOARD, "updateBoard", ctx -> {
      JsonObject b = Http.body(ctx);
      List<BoardService.LaneItem> lanes = b.getJsonArray("swimlanes") == null ? null : Card.objects(b, "swimlanes").stream()
          .map(o -> new BoardService.LaneItem(o.getString("id"), o.getString("name"), o.getBoolean("archived"))).toList();
      return boards.update(caller(ctx), space(ctx), ctx.pathParam("board"),
          new BoardService.BoardChanges(b.getString("name"), strings(b, "columns"), lanes)).compose(x -> Http.json(ctx, 200, x.toJson()));
    });
    r.post(BOARD + "/columns", "addColumn", ctx -> {
      JsonObject b = Http.body(ctx);
      return boards.addColumn(caller(ctx), space(ctx), ctx.pathParam("board"), b.getString("name"), b.getInteger("wipLimit"))
          .compose(c -> Http.json(ctx, 201, c.toJson()));
    });
    r.patch(BOARD + "/columns/:column", "updateColumn", ctx -> {
      JsonObject b = Http.body(ctx);
      var changes = new BoardService.ColumnChanges(b.getString("name"), b.getInteger("wipLimit"),
          b.containsKey("wipLimit") && b.getValue("wipLimit") == null, b.getBoolean("archived"));
      return boards.updateColumn(caller(ctx), space(ctx), ctx.pathParam("board"), ctx.pathParam("column"), changes)
          .compose(c -> Http.json(ctx, 200, c.toJson()));
    });
    r.post(BOARD + "/swimlanes", "addSwimlane", ctx -> boards.addSwimlane(caller(ctx), space(ctx), ctx.pathParam("board"),
        Http.body(ctx).getString("name")).compose(l -> Http.json(ctx, 201, l.toJson())));
    r.patch(BOARD + "/swimlanes/:lane", "updateSwimlane", ctx -> {
      JsonObject b = Http.body(ctx);
      var changes = new BoardService.SwimlaneChanges(b.getString("name"), b.getBoolean("archived"), b.containsKey("after"), b.getString("after"));
      return boards.updateSwimlane(caller(ctx), space(ctx), ctx.pathParam("board"), ctx.pathParam("lane"), changes)
          .compose(l -> Http.json(ctx, 200, l.toJson()));
    });
    r.post(BOARD + "/seed", "seedBoard", ctx -> cards.seedFromMandate(caller(ctx), space(ctx), ctx.pathParam("board"))
        .compose(l -> Http.json(ctx, 200, new JsonObject().put("cards", new JsonArray(l.stream().map(Card::toJson).toList())))));
    r.post(BOARD + "/cards", "createCard", ctx -> {
      JsonObject b = Http.body(ctx);
      CardDraft d = new CardDraft(b.getString("column"), b.getString("swimlane"), b.getString("title"), b.getString("description"),
          strings(b, "assignees"), strings(b, "labels"), b.getString("due"), strings(b, "blockedBy"), links(b), b.getString("message"));
      return cards.create(caller(ctx), space(ctx), ctx.pathParam("board"), d).compose(c -> Http.json(ctx, 201, c.toJson()));
    });
    r.patch(CARD, "updateCard", this::update);
    r.post(CARD + "/move", "moveCard", ctx -> {
      JsonObject b = Http.body(ctx);
      return cards.move(caller(ctx), space(ctx), ctx.pathParam("board"), ctx.pathParam("card"), b.getString("column"),
          b.getString("after"), b.getString("before"), optional(b, "swimlane")).compose(c -> Http.json(ctx, 200, c.toJson()));
    });
    r.post(CARD + "/comments", "commentCard", ctx -> cards.comment(caller(ctx), space(ctx), ctx.pathParam("board"),
        ctx.pathParam("card"), Http.body(ctx).getString("text")).compose(c -> Http.json(ctx, 201, c.toJson())));
    r.delete(CARD, "deleteCard", ctx -> cards.delete(caller(ctx), space(ctx), ctx.pathParam("board"), ctx.pathParam("card"))
        .compose(v -> Http.noContent(ctx)));
    r.get("/api/me/tasks", "myTasks", ctx -> tasks.of(caller(ctx))
        .compose(l -> Http.json(ctx, 200, new JsonObject().put("tasks", new JsonArray(l.stream().map(MyTasks.Task::toJson).toList())))));
  }

  private Future<?> create(RoutingContext ctx) {
    JsonObject b = Http.body(ctx);
    Caller caller = caller(ctx);
    return boards.create(caller, space(ctx), b.getString("name"), strings(b, "columns"))
        .compose(board -> Boolean.TRUE.equals(b.getBoolean("fromMandate"))
            ? cards.seedFromMandate(caller, space(ctx), board.id()).compose(x -> cards.view(caller, space(ctx), board.id(), CardFilter.NONE))
            : Future.succeededFuture(new CardService.BoardView(board, List.of())))
        .compose(v -> Http.json(ctx, 201, v.toJson()));
  }

  /** A stale version: 409 {@code conflict} with the card as it is now, for the client to show both. */
  private Future<?> update(RoutingContext ctx) {
    JsonObject b = Http.body(ctx);
    List<Card.ChecklistItem> checklist = b.getJsonArray("checklist") == null ? null : Card.objects(b, "checklist").stream()
        .map(o -> new Card.ChecklistItem(o.getString("id"), o.getString("text"), o.getBoolean("done", false))).toList();
    CardChanges ch = new CardChanges(b.getLong("version"), b.getString("title"), b.getString("description"), strings(b, "assignees"),
        strings(b, "labels"), optional(b, "due"), optional(b, "swimlane"), checklist, strings(b, "blockedBy"), links(b));
    return cards.update(caller(ctx), space(ctx), ctx.pathParam("board"), ctx.pathParam("card"), ch)
        .compose(c -> Http.json(ctx, 200, c.toJson()))
        .recover(e -> e instanceof CardConflict c
            ? Http.json(ctx, 409, new JsonObject().put("error", ErrorMapper.describe(CardService.conflictError(), Http.locale(ctx)))
                .put("card", c.current().toJson()))
            : Future.failedFuture(e));
  }

  private static CardFilter filter(RoutingContext ctx) {
    String assignee = ctx.queryParams().get("assignee");
    String blocked = ctx.queryParams().get("blocked");
    return new CardFilter("me".equals(assignee) ? caller(ctx).id() : assignee, ctx.queryParams().get("label"),
        ctx.queryParams().get("due"), blocked == null ? null : Boolean.valueOf(blocked));
  }

  private static Optional<String> optional(JsonObject b, String field) {
    return b.containsKey(field) ? Optional.ofNullable(b.getString(field)) : null;
  }

  private static List<String> strings(JsonObject b, String field) {
    return b.getJsonArray(field) == null ? null : Card.strings(b, field);
  }

  private static List<Card.Link> links(JsonObject b) {
    return b.getJsonArray("links") == null ? null
        : Card.objects(b, "links").stream().map(o -> new Card.Link(o.getString("kind"), o.getString("id"))).toList();
  }

  private static Caller caller(RoutingContext ctx) {
    return Authenticator.caller(ctx);
  }

  private static String space(RoutingContext ctx) {
    return ctx.pathParam("id");
  }
}
