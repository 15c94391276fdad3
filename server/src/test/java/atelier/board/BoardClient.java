package atelier.board;

import atelier.realtime.WsClient;
import atelier.support.Api;
import atelier.support.World;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Board calls over the real HTTP client, failing the test on an unexpected status. */
final class BoardClient {
  private final Api api;

  BoardClient(Api api) {
    this.api = api;
  }

  /** An active group with a coordinator, a member and an observer: where the board tests play. */
  record Group(String space, World.Person coord, World.Person member, World.Person observer) {
    static Group of(World world) {
      World.Person c = world.person("coord");
      World.Person m = world.person("membre");
      World.Person o = world.person("obs");
      String s = world.activeGroup(c);
      world.add(s, m, "member");
      world.add(s, o, "observer");
      return new Group(s, c, m, o);
    }
  }

  /** The next event of {@code kind} in {@code space} on the socket. */
  static JsonObject event(WsClient ws, String space, String kind) {
    return ws.next(f -> "event".equals(f.getString("type")) && space.equals(f.getString("space")) && kind.equals(f.getString("kind")));
  }

  static String boards(String space) {
    return "/api/spaces/" + space + "/boards";
  }

  static String board(String space, String board) {
    return boards(space) + "/" + board;
  }

  static String card(String space, String board, String card) {
    return board(space, board) + "/cards/" + card;
  }

  JsonObject createBoard(String token, String space, String name) {
    return expect(201, api.post(boards(space), token, new JsonObject().put("name", name)));
  }

  JsonObject get(String token, String space, String board) {
    return expect(200, api.get(board(space, board), token));
  }

  JsonObject card(String token, String space, String board, String column, String title) {
    return expect(201, api.post(board(space, board) + "/cards", token, new JsonObject().put("column", column).put("title", title)));
  }

  JsonObject move(String token, String space, String board, String card, JsonObject where) {
    return expect(200, api.post(card(space, board, card) + "/move", token, where));
  }

  static String column(JsonObject board, int i) {
    return board.getJsonArray("columns").getJsonObject(i).getString("id");
  }

  /** The card ids of a board view, in the order given. */
  static List<String> ids(JsonObject view) {
    List<String> out = new ArrayList<>();
    for (Object o : view.getJsonArray("cards", new JsonArray())) out.add(((JsonObject) o).getString("id"));
    return out;
  }

  static JsonObject expect(int status, Api.Reply r) {
    if (r.status() != status) throw new AssertionError("expected " + status + ", got " + r);
    return r.json();
  }
}
