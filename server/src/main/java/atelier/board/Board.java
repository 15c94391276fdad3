package atelier.board;

import atelier.store.JsonDocuments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * A task board of a space: its columns in order and its swimlanes. Cards live in their own
 * collection. {@code version} grows with every change, so that a change is written only over the
 * version it was made from (and clients keep the highest version they saw of a board).
 */
public record Board(String id, String space, String name, List<Column> columns, List<Swimlane> swimlanes, long version,
    String createdAt, String createdBy) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("space", space).put("name", name)
        .put("columns", new JsonArray(columns.stream().map(Column::toJson).toList()))
        .put("swimlanes", new JsonArray(swimlanes.stream().map(Swimlane::toJson).toList()))
        .put("version", version).put("createdAt", createdAt).put("createdBy", createdBy);
  }

  public Optional<Column> column(String columnId) {
    return columns.stream().filter(c -> c.id().equals(columnId)).findFirst();
  }

  /** The column whose cards count as done (the last one not archived): a card blocked only by done cards is not blocked. */
  public Optional<String> doneColumn() {
    for (int i = columns.size() - 1; i >= 0; i--) if (!columns.get(i).archived()) return Optional.of(columns.get(i).id());
    return Optional.empty();
  }

  public Optional<Swimlane> swimlane(String laneId) {
    return swimlanes.stream().filter(l -> l.id().equals(laneId)).findFirst();
  }

  public int columnIndex(String columnId) {
    for (int i = 0; i < columns.size(); i++) if (columns.get(i).id().equals(columnId)) return i;
    return Integer.MAX_VALUE;
  }

  Board withName(String newName) {
    return new Board(id, space, newName, columns, swimlanes, version, createdAt, createdBy);
  }

  Board withColumns(List<Column> newColumns) {
    return new Board(id, space, name, List.copyOf(newColumns), swimlanes, version, createdAt, createdBy);
  }

  Board withSwimlanes(List<Swimlane> newLanes) {
    return new Board(id, space, name, columns, List.copyOf(newLanes), version, createdAt, createdBy);
  }

  Board mapColumn(String columnId, UnaryOperator<Column> change) {
    List<Column> out = new ArrayList<>();
    for (Column c : columns) out.add(c.id().equals(columnId) ? change.apply(c) : c);
    return withColumns(out);
  }

  Board next() {
    return new Board(id, space, name, columns, swimlanes, version + 1, createdAt, createdBy);
  }

  Document toDocument() {
    JsonObject j = toJson();
    j.remove("id");
    return JsonDocuments.toDocument(j.put("_id", id));
  }

  static Board from(Document d) {
    JsonObject j = JsonDocuments.toJson(d);
    return new Board(j.getString("_id"), j.getString("space"), j.getString("name"),
        j.getJsonArray("columns").stream().map(o -> Column.fromJson((JsonObject) o)).toList(),
        j.getJsonArray("swimlanes", new JsonArray()).stream().map(o -> Swimlane.fromJson((JsonObject) o)).toList(),
        j.getLong("version"), j.getString("createdAt"), j.getString("createdBy"));
  }
}
