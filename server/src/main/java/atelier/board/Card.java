package atelier.board;

import atelier.store.JsonDocuments;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bson.Document;

/**
 * A card of a board. {@code position} orders it within its column (see {@link PositionKeys});
 * {@code version} grows with every change of the card, moves included, and a PATCH must name the
 * version it was made from. Times are ISO-8601 strings and {@code due} a {@code YYYY-MM-DD} date, so
 * the stored form is the wire form and sorts as it should.
 */
public record Card(String id, String space, String board, String column, String swimlane, String position, String title,
    String description, List<String> assignees, List<String> labels, String due, List<ChecklistItem> checklist,
    List<Comment> comments, List<String> blockedBy, List<Link> links, String message, long version, String createdAt,
    String createdBy, String updatedAt) {

  public record ChecklistItem(String id, String text, boolean done) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("text", text).put("done", done);
    }
  }

  public record Comment(String id, String author, String text, String at) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("author", author).put("text", text).put("at", at);
    }
  }

  /** A link to something of the same space: {@code kind} is {@code message}, {@code document} or {@code file}. */
  public record Link(String kind, String id) {
    JsonObject toJson() {
      return new JsonObject().put("kind", kind).put("id", id);
    }
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("id", id).put("space", space).put("board", board).put("column", column)
        .put("position", position).put("title", title).put("description", description)
        .put("assignees", new JsonArray(assignees)).put("labels", new JsonArray(labels))
        .put("checklist", new JsonArray(checklist.stream().map(ChecklistItem::toJson).toList()))
        .put("comments", new JsonArray(comments.stream().map(Comment::toJson).toList()))
        .put("blockedBy", new JsonArray(blockedBy)).put("links", new JsonArray(links.stream().map(Link::toJson).toList()))
        .put("version", version).put("createdAt", createdAt).put("createdBy", createdBy).put("updatedAt", updatedAt);
    if (swimlane != null) j.put("swimlane", swimlane);
    if (due != null) j.put("due", due);
    if (message != null) j.put("message", message);
    return j;
  }

  public static Card fromJson(JsonObject j) {
    return new Card(j.getString("id"), j.getString("space"), j.getString("board"), j.getString("column"), j.getString("swimlane"),
        j.getString("position"), j.getString("title"), j.getString("description", ""), strings(j, "assignees"), strings(j, "labels"),
        j.getString("due"),
        objects(j, "checklist").stream().map(o -> new ChecklistItem(o.getString("id"), o.getString("text"), o.getBoolean("done", false))).toList(),
        objects(j, "comments").stream().map(o -> new Comment(o.getString("id"), o.getString("author"), o.getString("text"), o.getString("at"))).toList(),
        strings(j, "blockedBy"), objects(j, "links").stream().map(o -> new Link(o.getString("kind"), o.getString("id"))).toList(),
        j.getString("message"), j.getLong("version", 1L), j.getString("createdAt"), j.getString("createdBy"), j.getString("updatedAt"));
  }

  static List<String> strings(JsonObject j, String field) {
    return j.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList();
  }

  static List<JsonObject> objects(JsonObject j, String field) {
    return j.getJsonArray(field, new JsonArray()).stream().map(o -> (JsonObject) o).toList();
  }

  Document toDocument() {
    JsonObject j = toJson();
    j.remove("id");
    return JsonDocuments.toDocument(j.put("_id", id));
  }

  static Card from(Document d) {
    JsonObject j = JsonDocuments.toJson(d);
    return fromJson(j.put("id", j.getString("_id")));
  }
}
