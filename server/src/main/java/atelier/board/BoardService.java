package atelier.board;

import atelier.auth.Caller;
import atelier.events.EventLog;
import atelier.errors.ApiError;
import atelier.errors.ErrorCode;
import atelier.text.TextRules;
import atelier.space.SpaceAccess;
import atelier.space.SpaceService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;

/**
 * Boards of a space and their columns and swimlanes. Everyone who reads the space reads its boards;
 * members and coordinators of an active space change them. A change is written over the version it
 * was made from (retried on a concurrent change, never lost) and then told as {@code board.updated}.
 */
public final class BoardService {
  public static final String CREATED = "board.created";
  public static final String UPDATED = "board.updated";
  static final List<String> DEFAULT_COLUMNS = List.of("À faire", "En cours", "Terminé");
  private static final int MAX_ATTEMPTS = 20;

  private final SpaceService spaces;
  private final BoardRepository boards;
  private final EventLog log;

  BoardService(SpaceService spaces, BoardRepository boards, EventLog log) {
    this.spaces = spaces;
    this.boards = boards;
    this.log = log;
  }

  /** What a board change asks: any of a name, the columns' order, the whole list of swimlanes. */
  public record BoardChanges(String name, List<String> columnOrder, List<LaneItem> swimlanes) {}

  /** One lane of a whole list of swimlanes: no id, a new lane; {@code archived} null keeps it as it is. */
  public record LaneItem(String id, String name, Boolean archived) {}

  /**
   * What a swimlane change asks: null leaves a field as it is; {@code move} puts the lane right
   * after the lane {@code after} (null: first).
   */
  public record SwimlaneChanges(String name, Boolean archived, boolean move, String after) {}

  /** A board has at most this many swimlanes (archived ones included): the grid stays readable. */
  static final int MAX_SWIMLANES = 30;

  /** What a column change asks: null leaves a field as it is; {@code clearWip} removes the limit. */
  public record ColumnChanges(String name, Integer wipLimit, boolean clearWip, Boolean archived) {}

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  static String newId() {
    return new ObjectId().toHexString();
  }

  Future<SpaceAccess> readable(Caller caller, String space) {
    return spaces.access(caller, space).map(SpaceAccess::requireRead);
  }

  Future<SpaceAccess> writable(Caller caller, String space) {
    return spaces.access(caller, space).map(SpaceAccess::requireWrite);
  }

  Future<Board> found(String space, String id) {
    return boards.find(space, id).map(o -> o.orElseThrow(ApiError::notFound));
  }

  public Future<List<Board>> list(Caller caller, String space) {
    return readable(caller, space).compose(a -> boards.ofSpace(space));
  }

  public Future<Board> create(Caller caller, String space, String rawName, List<String> columnNames) {
    String name = TextRules.requireName("name", rawName).strip();
    List<String> names = columnNames == null ? DEFAULT_COLUMNS : columnNames;
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) columns.add(new Column(newId(), TextRules.requireName("columns[" + i + "]", names.get(i)).strip(), null, false));
    return writable(caller, space).compose(a -> {
      Board b = new Board(newId(), space, name, columns, List.of(), 1, now(), caller.id());
      return boards.insert(b).compose(v -> log.append(space, CREATED, caller.id(), new JsonObject().put("board", b.toJson()))).map(b);
    });
  }

  public Future<Board> update(Caller caller, String space, String board, BoardChanges changes) {
    String name = changes.name() == null ? null : TextRules.requireName("name", changes.name()).strip();
    List<LaneItem> lanes = changes.swimlanes() == null ? null : changes.swimlanes().stream()
        .map(l -> new LaneItem(l.id(), TextRules.requireName("swimlanes", l.name()).strip(), l.archived())).toList();
    return change(caller, space, board, b -> {
      Board out = b;
      if (name != null) out = out.withName(name);
      if (changes.columnOrder() != null) out = out.withColumns(reordered(out, changes.columnOrder()));
      if (lanes != null) out = out.withSwimlanes(lanes(b, lanes));
      return out;
    });
  }

  /** The new list of swimlanes: known ones kept (renamed, reordered), new ones (no id) given one, the rest removed. */
  private static List<Swimlane> lanes(Board b, List<LaneItem> asked) {
    Map<String, Swimlane> known = b.swimlanes().stream().collect(Collectors.toMap(Swimlane::id, l -> l));
    Set<String> seen = new HashSet<>();
    List<Swimlane> out = new ArrayList<>();
    for (LaneItem l : asked) {
      if (l.id() != null && (!known.containsKey(l.id()) || !seen.add(l.id()))) throw ApiError.badField("swimlanes", "unknown");
      boolean archived = l.archived() != null ? l.archived() : l.id() != null && known.get(l.id()).archived();
      out.add(new Swimlane(l.id() == null ? newId() : l.id(), l.name(), archived));
    }
    return out;
  }

  public Future<Swimlane> addSwimlane(Caller caller, String space, String board, String rawName) {
    Swimlane lane = new Swimlane(newId(), TextRules.requireName("name", rawName).strip(), false);
    return change(caller, space, board, b -> {
      if (b.swimlanes().size() >= MAX_SWIMLANES) throw ApiError.badField("swimlanes", "too_many");
      List<Swimlane> lanes = new ArrayList<>(b.swimlanes());
      lanes.add(lane);
      return b.withSwimlanes(lanes);
    }).map(lane);
  }

  /** Renames, archives or restores a lane, or moves it after another one; the other lanes keep their order. */
  public Future<Swimlane> updateSwimlane(Caller caller, String space, String board, String lane, SwimlaneChanges changes) {
    String name = changes.name() == null ? null : TextRules.requireName("name", changes.name()).strip();
    if (lane.equals(changes.after())) throw ApiError.badField("after", "same_lane");
    return change(caller, space, board, b -> {
      Swimlane old = b.swimlane(lane).orElseThrow(ApiError::notFound);
      Swimlane now = new Swimlane(lane, name == null ? old.name() : name, changes.archived() == null ? old.archived() : changes.archived());
      List<Swimlane> lanes = new ArrayList<>(b.swimlanes());
      int at = lanes.indexOf(old);
      if (!changes.move()) {
        lanes.set(at, now);
        return b.withSwimlanes(lanes);
      }
      lanes.remove(at);
      int after = changes.after() == null ? -1 : lanes.indexOf(b.swimlane(changes.after()).orElseThrow(() -> ApiError.badField("after", "unknown")));
      lanes.add(after + 1, now);
      return b.withSwimlanes(lanes);
    }).map(b -> b.swimlane(lane).orElseThrow());
  }

  private static List<Column> reordered(Board b, List<String> order) {
    Map<String, Column> byId = b.columns().stream().collect(Collectors.toMap(Column::id, c -> c));
    if (order.size() != byId.size() || !new HashSet<>(order).equals(byId.keySet())) throw ApiError.badField("columns", "not_a_permutation");
    return order.stream().map(byId::get).toList();
  }

  public Future<Column> addColumn(Caller caller, String space, String board, String rawName, Integer wipLimit) {
    Column c = new Column(newId(), TextRules.requireName("name", rawName).strip(), wipLimit, false);
    return change(caller, space, board, b -> {
      List<Column> cols = new ArrayList<>(b.columns());
      cols.add(c);
      return b.withColumns(cols);
    }).map(c);
  }

  public Future<Column> updateColumn(Caller caller, String space, String board, String column, ColumnChanges changes) {
    String name = changes.name() == null ? null : TextRules.requireName("name", changes.name()).strip();
    return change(caller, space, board, b -> {
      if (b.column(column).isEmpty()) throw ApiError.notFound();
      return b.mapColumn(column, c -> new Column(c.id(), name == null ? c.name() : name,
          changes.clearWip() ? null : changes.wipLimit() == null ? c.wipLimit() : changes.wipLimit(),
          changes.archived() == null ? c.archived() : changes.archived()));
    }).map(b -> b.column(column).orElseThrow());
  }

  /** Applies a change over the stored board, again over a newer one if someone changed it meanwhile. */
  private Future<Board> change(Caller caller, String space, String board, UnaryOperator<Board> edit) {
    return writable(caller, space).compose(a -> attempt(space, board, edit, 0))
        .compose(b -> log.append(space, UPDATED, caller.id(), new JsonObject().put("board", b.toJson())).map(b));
  }

  private Future<Board> attempt(String space, String board, UnaryOperator<Board> edit, int attempt) {
    if (attempt == MAX_ATTEMPTS) return Future.failedFuture(ApiError.of(ErrorCode.CONFLICT, "error.conflict"));
    return found(space, board).compose(b -> {
      Board changed = edit.apply(b).next();
      return boards.replaceIfVersion(changed).compose(ok -> ok ? Future.succeededFuture(changed) : attempt(space, board, edit, attempt + 1));
    });
  }
}
