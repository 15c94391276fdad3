package atelier.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which collection a command reads or writes, when it is exactly one: what a majority read has to
 * wait for on the embedded store ({@link DurableH2Backend}). A read of one collection shows only the
 * writes made to it, so it waits only until those are durable — not for the unrelated first steps
 * of a chain being written meanwhile (a send's message, counts and event, acknowledged once applied),
 * which otherwise forced a commit of their own at almost every read.
 */
final class ReadScope {
  /** Aggregation stages that read or write another collection than the one named by the command. */
  private static final Set<String> OTHER_COLLECTIONS = Set.of("$lookup", "$graphLookup", "$unionWith", "$facet", "$out", "$merge");

  private ReadScope() {}

  /**
   * The namespace ({@code database.collection}) of a {@code find}, {@code count}, {@code distinct},
   * single-collection {@code aggregate} or write command; null when it may touch more than one
   * collection, or is not one of those.
   */
  static String namespace(String database, String command, Document query) {
    if (database == null || command == null || query == null) return null;
    String name = switch (command.toLowerCase(Locale.ROOT)) {
      case "find", "count", "distinct", "insert", "update", "delete", "findandmodify" -> collection(query.get(command));
      case "aggregate" -> query.get("pipeline") instanceof List<?> stages && staysIn(stages) ? collection(query.get(command)) : null;
      default -> null;
    };
    return name == null ? null : database + "." + name;
  }

  private static String collection(Object value) {
    return value instanceof String name && !name.isEmpty() ? name : null;
  }

  private static boolean staysIn(List<?> stages) {
    for (Object stage : stages) {
      if (!(stage instanceof Document d)) return false;
      for (String op : d.keySet()) if (OTHER_COLLECTIONS.contains(op)) return false;
    }
    return true;
  }
}
