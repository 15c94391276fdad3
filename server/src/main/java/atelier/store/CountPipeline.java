package atelier.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * The driver's {@code countDocuments} is an aggregation — {@code $match}, then {@code $skip} and
 * {@code $limit} if asked, then {@code $group: {_id: 1, n: {$sum: 1}}} — and mongo-java-server runs
 * every aggregation over the whole collection. The embedded store answers that one shape as a
 * {@code count} command instead, which its indexes serve ({@link IndexScan}); the reply keeps the
 * aggregation's form, so the driver sees no difference.
 */
final class CountPipeline {
  private CountPipeline() {}

  /** The {@code count} command for an aggregation of the countDocuments shape, or null. */
  static Document asCount(String command, Document query) {
    if (!"aggregate".equalsIgnoreCase(command) || !(query.get("aggregate") instanceof String collection)) return null;
    if (!(query.get("pipeline") instanceof List<?> stages) || stages.size() < 2) return null;
    if (!(stages.get(0) instanceof Document first) || first.size() != 1 || !(first.get("$match") instanceof Document match)) return null;
    if (!(stages.get(stages.size() - 1) instanceof Document last) || !isCountGroup(last)) return null;
    Document count = new Document("count", collection).append("query", match);
    for (Object stage : stages.subList(1, stages.size() - 1)) {
      if (!(stage instanceof Document d) || d.size() != 1) return null;
      if (d.get("$skip") instanceof Number n && !count.containsKey("limit")) count.put("skip", n.intValue());
      else if (d.get("$limit") instanceof Number n) count.put("limit", n.intValue());
      else return null;
    }
    if (query.containsKey("readConcern")) count.put("readConcern", query.get("readConcern"));
    if (query.containsKey("$db")) count.put("$db", query.get("$db"));
    return count;
  }

  private static boolean isCountGroup(Document stage) {
    if (stage.size() != 1 || !(stage.get("$group") instanceof Document group) || group.size() != 2) return false;
    return Integer.valueOf(1).equals(normal(group.get("_id")))
        && group.get("n") instanceof Document sum && sum.size() == 1 && Integer.valueOf(1).equals(normal(sum.get("$sum")));
  }

  private static Object normal(Object v) {
    return v instanceof Number n && n.doubleValue() == 1 ? Integer.valueOf(1) : v;
  }

  /** The count's reply in the aggregation's form: one document {@code {_id: 1, n}}, none for 0. */
  static Document asCursor(String database, String collection, Document countReply) {
    Object ok = countReply.get("ok");
    if (!(ok instanceof Number n) || n.doubleValue() != 1) return countReply;
    long count = ((Number) countReply.get("n")).longValue();
    List<Document> batch = count == 0 ? List.of() : List.of(new Document("_id", 1).append("n", count > Integer.MAX_VALUE ? count : (int) count));
    Document cursor = new Document("firstBatch", batch).append("id", 0L).append("ns", database + "." + collection);
    return new Document("cursor", cursor).append("ok", 1.0);
  }
}
